// docs/design.md's "Project layout" is where a new maintainer starts: every path it names exists, and
// every source folder is in it.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
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

/** The top-level folders git holds TypeScript or JavaScript in. */
function sourceFolders(): string[] {
  const files = execFileSync("git", ["ls-files", "*.ts", "*.js"], { cwd: root, encoding: "utf8" }).split("\n");
  return [...new Set(files.filter((f) => f.includes("/")).map((f) => f.split("/")[0]))].sort();
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
