// docs/design.md's "Project layout" is where a new maintainer starts: every path it names exists, and
// every source folder is in it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../settings/project-root";

const root = findProjectRoot(__dirname);

function layoutPaths(): string[] {
  const design = readFileSync(path.join(root, "docs", "design.md"), "utf8");
  const section = design.split("## Project layout\n")[1] ?? "";
  const block = section.split("```")[1] ?? "";
  return block
    .split("\n")
    .map((line) => line.split(/\s+/)[0])
    .filter((first) => first !== "");
}

// What the project writes or installs, never its sources (as .gitignore keeps them out of git); read from
// the folder rather than git, so the test holds in a copy without .git, as CI's legs are.
const NOT_SOURCES = new Set(["node_modules", "cdktf.out", "coverage", "state"]);

/** Whether `dir` holds a .ts or .js file at any depth. */
function holdsSource(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? holdsSource(path.join(dir, entry.name)) : /\.(ts|js)$/.test(entry.name),
  );
}

/** The top-level folders holding TypeScript or JavaScript. */
function sourceFolders(): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !NOT_SOURCES.has(e.name))
    .filter((e) => holdsSource(path.join(root, e.name)))
    .map((e) => e.name)
    .sort();
}

describe("the project layout in docs/design.md", () => {
  test("lists paths", () => {
    expect(layoutPaths().length).toBeGreaterThan(0);
  });

  test.each(layoutPaths())("names %s, which exists", (listed) => {
    const at = path.join(root, listed);
    expect(existsSync(at)).toBe(true);
    expect(statSync(at).isDirectory()).toBe(listed.endsWith("/"));
  });

  test.each(sourceFolders())("lists the source folder %s/", (folder) => {
    expect(layoutPaths().filter((listed) => listed.startsWith(`${folder}/`))).not.toEqual([]);
  });
});
