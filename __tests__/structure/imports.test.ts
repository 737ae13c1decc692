// The folders are layers: settings/ never loads cdktf, emulation/ is shared by the two commands that
// stand on it, and no file reaches itself through its imports.
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { buildSync } from "esbuild";
import * as ts from "typescript";
import { findProjectRoot } from "../../settings/project-root";

const root = findProjectRoot(__dirname);

const SOURCE_FOLDERS = ["settings", "constructs", "emulation", "local", "redrive", "plan-check", "handlers", "config"];

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(root, folder), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(folder, f).split(path.sep).join("/"));
}

const files = [...SOURCE_FOLDERS.flatMap(sourceFiles), "main.ts", "scripts/stacks.ts"];

/** The project files `file` imports (type-only imports included), relative to the root. */
function projectImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(path.join(root, file), "utf8"), true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((spec) => spec.startsWith("."))
    .map((spec) => {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      return target.endsWith(".json") ? target : `${target}.ts`;
    });
}

const graph = new Map(files.map((f) => [f, projectImports(f)]));

/** One import loop, as the files around it, or undefined when there is none. */
function findLoop(): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const trail: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === "done") return undefined;
    if (state.get(file) === "open") return [...trail.slice(trail.indexOf(file)), file];
    state.set(file, "open");
    trail.push(file);
    for (const next of graph.get(file) ?? []) {
      const loop = visit(next);
      if (loop) return loop;
    }
    trail.pop();
    state.set(file, "done");
    return undefined;
  };
  for (const file of files) {
    const loop = visit(file);
    if (loop) return loop;
  }
  return undefined;
}

// The local console's Replay runs redrive's own code path on one parked message, so the console and
// `npm run redrive -- --local` cannot disagree; that one file is the only way from local/ into redrive/.
const CROSSING = { file: "local/console/parked.ts", into: "redrive/" };

const importsFrom = (folder: string, target: string) =>
  files
    .filter((f) => f.startsWith(`${folder}/`))
    .flatMap((f) =>
      (graph.get(f) ?? [])
        .filter((i) => i.startsWith(`${target}/`) && !(f === CROSSING.file && i.startsWith(CROSSING.into)))
        .map((i) => `${f} -> ${i}`),
    );

describe("the source tree's imports", () => {
  test("hold no loop", () => {
    expect(findLoop()).toBeUndefined();
  });

  test.each(sourceFiles("settings"))("bring no cdktf, constructs or provider package into %s, however deep", (file) => {
    const { metafile } = buildSync({
      entryPoints: [path.join(root, file)],
      bundle: true,
      write: false,
      metafile: true,
      platform: "node",
      logLevel: "silent",
    });
    const loaded = Object.keys(metafile.inputs).filter((input) =>
      /node_modules\/(cdktf|constructs|@cdktf)\//.test(input),
    );
    expect(loaded).toEqual([]);
  });

  test.each([
    ["settings", "constructs"],
    ["settings", "emulation"],
    ["emulation", "local"],
    ["emulation", "redrive"],
    ["emulation", "constructs"],
    ["redrive", "local"],
    ["redrive", "constructs"],
    ["local", "constructs"],
    ["local", "redrive"],
    ["handlers", "settings"],
    ["handlers", "constructs"],
  ])("leave %s/ importing nothing from %s/", (folder, target) => {
    expect(importsFrom(folder, target)).toEqual([]);
  });
});
