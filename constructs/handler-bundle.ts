// Bundles a handler under handlers/ into one minified CommonJS file with esbuild, at synth time.
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../settings/project-root";
import { type LambdaRuntime, TRIGGER_DEFAULTS } from "../settings/trigger-settings";

export { findProjectRoot };

/** The node version esbuild targets for a Lambda runtime: nodejs24.x runs node24. */
export function esbuildTarget(runtime: LambdaRuntime): string {
  return `node${runtime.replace(/^nodejs(\d+)\.x$/, "$1")}`;
}

/** A handler that does not compile: reported as esbuild tells it, without a stack trace. */
export class BundleError extends Error {
  constructor(
    readonly entry: string,
    readonly details: string,
    message = `esbuild could not bundle ${entry}:\n${details}`,
  ) {
    super(message);
    this.name = "BundleError";
  }
}

/** Why esbuild did not bundle: its own message, or the signal that stopped it (a Ctrl-C reaches it too). */
function esbuildFailure(entry: string, result: SpawnSyncReturns<Buffer>, projectRoot: string): BundleError {
  if (result.signal) {
    return new BundleError(
      entry,
      `stopped by ${result.signal}`,
      `esbuild was stopped by ${result.signal} while bundling ${entry}`,
    );
  }
  const details = (result.stderr?.toString() || String(result.error)).trim();
  return new BundleError(
    entry,
    details.replace(EXTERNAL_HINT, (line, specifier: string) => installHint(line, specifier, projectRoot)),
  );
}

// esbuild suggests marking an unresolved package external; the function would then fail to load, since
// it ships only its bundle. Installing the package is the fix; for one installed already (a path its
// exports do not offer), esbuild's own note stays.
const EXTERNAL_HINT = /You can mark the path "([^"]+)" as external to exclude it from the bundle, which will .*$/gm;

function installHint(line: string, specifier: string, projectRoot: string): string {
  const name = specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");
  if (existsSync(path.join(projectRoot, "node_modules", name))) return line;
  return `"${name}" is not installed: npm install ${name} (the function ships only its bundle)`;
}

/** Where the bundle of `entry` for `runtime` is written: each target has a folder of its own. */
export function bundleDir(
  entry: string,
  projectRoot: string = findProjectRoot(),
  runtime: LambdaRuntime = TRIGGER_DEFAULTS.runtime,
): string {
  return path.join(projectRoot, ".build", "bundles", esbuildTarget(runtime), ...entry.replace(/\.ts$/, "").split("/"));
}

export interface HandlerBundle {
  /** Absolute path of the bundled file, named index.js so the Lambda handler is `index.handler`. */
  readonly file: string;
  readonly bytes: number;
  /**
   * The MD5 of the file in upper-case hex, as cdktf's TerraformAsset names the folder it copies the file
   * into: every stack copies the same bundle, and hashes it once this way instead of once a stack.
   */
  readonly contentHash: string;
  /** The project's own files the entry is built from (project-relative, packages left out), sorted. */
  readonly sources: readonly string[];
}

// esbuild's own binary: a synth bundles once, and the CLI answers in about 15 ms where the JS API
// first starts a service (about 55 ms), a third of the whole synth.
function esbuildBinary(projectRoot: string): string {
  const native = path.join(
    projectRoot,
    "node_modules",
    "@esbuild",
    `${process.platform}-${process.arch}`,
    "bin",
    "esbuild",
  );
  return existsSync(native) ? native : path.join(projectRoot, "node_modules", ".bin", "esbuild");
}

/**
 * Bundles `entry` (relative to `projectRoot`) for `runtime` into
 * `.build/bundles/<target>/<entry without .ts>/index.js`: keyed by the whole path, so
 * handlers/a/index.ts and handlers/b/index.ts each ship their own code, and by the target, so a
 * node22 and a node24 bundle of one handler never overwrite each other.
 * Everything is bundled, the AWS SDK included, so the function does not depend on the SDK version the
 * runtime happens to ship. The output holds no absolute path or time, so it is byte-identical across
 * runs and checkouts.
 */
const bundled = new Map<string, HandlerBundle>();
const exportsChecked = new Set<string>();

export function bundleHandler(
  entry: string,
  projectRoot: string = findProjectRoot(),
  runtime: LambdaRuntime = TRIGGER_DEFAULTS.runtime,
): HandlerBundle {
  // Every stack of a synth shares the handler: bundle it once per process and runtime.
  const cacheKey = `${projectRoot}\0${entry}\0${runtime}`;
  const cached = bundled.get(cacheKey);
  if (cached) return cached;
  const bundle = bundleOnce(entry, projectRoot, runtime);
  bundled.set(cacheKey, bundle);
  return bundle;
}

// Lambda calls index.handler; an entry without it compiles and type-checks, then fails every invocation
// (Runtime.HandlerNotFound) until its records are parked. esbuild lists a bundle's exports only for an
// ES module output, so the entry is bundled once more as one, packages left out (about 5 ms); only an
// `export * from` a package, whose names that leaves unknown, needs the packages bundled too.
function checkHandlerExport(entry: string, projectRoot: string, dir: string): void {
  const probe = path.join(dir, `exports.${process.pid}`);
  const exportsOf = (packages: string[]) => {
    const args = ["--bundle", "--platform=node", "--format=esm", "--main-fields=module,main", "--log-level=error"];
    const result = spawnSync(
      esbuildBinary(projectRoot),
      [entry, ...args, ...packages, `--outfile=${probe}.mjs`, `--metafile=${probe}.json`],
      { cwd: projectRoot },
    );
    if (result.status !== 0) throw esbuildFailure(entry, result, projectRoot);
    const meta = JSON.parse(readFileSync(`${probe}.json`, "utf8")) as {
      outputs: Record<string, { exports: string[] }>;
    };
    const starFromPackage = /^export \* from /m.test(readFileSync(`${probe}.mjs`, "utf8"));
    return { exports: Object.values(meta.outputs).flatMap((o) => o.exports), starFromPackage };
  };
  try {
    let found = exportsOf(["--packages=external"]);
    if (!found.exports.includes("handler") && found.starFromPackage) found = exportsOf([]);
    if (found.exports.includes("handler")) return;
    const names =
      found.exports.length > 0 ? `it exports: ${[...found.exports].sort().join(", ")}` : "it exports nothing";
    throw new BundleError(
      entry,
      names,
      `${entry} exports no \`handler\` (${names}); Lambda calls index.handler, so export it: export const handler = async (event, context) => ...`,
    );
  } finally {
    rmSync(`${probe}.mjs`, { force: true });
    rmSync(`${probe}.json`, { force: true });
  }
}

// A bundle made by an earlier synth is used again while none of the files it was made from changed (size
// or modification time, as make decides), nor the folders holding them (a file added beside them can
// change what an import resolves to), nor the project's package files (an install changes node_modules):
// a synth at 150 stacks spent a twentieth of its time waiting for esbuild to remake the same bytes.
const STAMPED_PROJECT_FILES = ["package.json", "package-lock.json", "tsconfig.json"];

function statStamp(file: string): string {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return "missing";
  }
}

/** What the bundle of `inputs` (relative to projectRoot) depends on, as a stamp. */
function inputStamp(projectRoot: string, args: string[], inputs: string[]): Record<string, unknown> {
  inputs = [...inputs].sort();
  const files = [...new Set([...inputs, ...STAMPED_PROJECT_FILES])].sort();
  const folders = [...new Set(inputs.filter((f) => !f.includes("node_modules/")).map((f) => path.dirname(f)))].sort();
  const stat = (f: string) => [f, statStamp(path.join(projectRoot, f))];
  return {
    args,
    inputs,
    files: Object.fromEntries(files.map(stat)),
    folders: Object.fromEntries(folders.map(stat)),
  };
}

/** The bundle an earlier synth left in `dir`, if it was made with `args` from files unchanged since. */
function earlierBundle(
  projectRoot: string,
  dir: string,
  args: string[],
): { contents: Buffer; inputs: string[] } | undefined {
  try {
    const stamp = JSON.parse(readFileSync(path.join(dir, STAMP_FILE), "utf8"));
    const again = inputStamp(projectRoot, args, stamp.inputs);
    if (JSON.stringify(again) !== JSON.stringify(stamp)) return undefined;
    return { contents: readFileSync(path.join(dir, "index.js")), inputs: stamp.inputs };
  } catch {
    return undefined;
  }
}

const STAMP_FILE = "inputs.json";

function bundleOnce(entry: string, projectRoot: string, runtime: LambdaRuntime): HandlerBundle {
  const args = [
    entry,
    "--bundle",
    "--minify",
    "--platform=node",
    `--target=${esbuildTarget(runtime)}`,
    "--format=cjs",
    // Packages' ES builds (the AWS SDK utilities have one) tree-shake better: about 3.5 KB less.
    "--main-fields=module,main",
    "--legal-comments=none",
    "--charset=utf8",
    "--log-level=error",
  ];
  const dir = bundleDir(entry, projectRoot, runtime);
  const file = path.join(dir, "index.js");
  const made = (contents: Buffer, inputs: readonly string[]): HandlerBundle => ({
    file,
    bytes: contents.byteLength,
    contentHash: createHash("md5").update(contents).digest("hex").toUpperCase(),
    sources: inputs.filter((input) => !input.split("/").includes("node_modules")).sort(),
  });
  const earlier = earlierBundle(projectRoot, dir, args);
  if (earlier) return made(earlier.contents, earlier.inputs);

  mkdirSync(dir, { recursive: true });
  // Several synths (parallel test workers) may bundle the same handler at once: each writes aside,
  // then renames, so no reader ever sees a half-written file.
  const temporary = `${file}.${process.pid}.tmp`;
  const meta = path.join(dir, `meta.${process.pid}.json`);
  let contents: Buffer;
  let inputs: string[];
  try {
    const result = spawnSync(esbuildBinary(projectRoot), [...args, `--outfile=${temporary}`, `--metafile=${meta}`], {
      cwd: projectRoot,
    });
    if (result.status !== 0) throw esbuildFailure(entry, result, projectRoot);
    contents = readFileSync(temporary);
    inputs = Object.keys(JSON.parse(readFileSync(meta, "utf8")).inputs);
    // What a file exports does not depend on the runtime it is built for: checked once per entry.
    const checkKey = `${projectRoot}\0${entry}`;
    if (!exportsChecked.has(checkKey)) {
      checkHandlerExport(entry, projectRoot, dir);
      exportsChecked.add(checkKey);
    }
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
    rmSync(meta, { force: true });
  }
  // The stamp goes last: a bundle is used again only once it is whole and its handler export checked.
  const stampTemporary = path.join(dir, `${STAMP_FILE}.${process.pid}.tmp`);
  writeFileSync(stampTemporary, JSON.stringify(inputStamp(projectRoot, args, inputs)));
  renameSync(stampTemporary, path.join(dir, STAMP_FILE));
  return made(contents, inputs);
}
