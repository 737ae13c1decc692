// Every tool's command line, as users run it through npm: --help answers with the usage and exit 0 before
// anything runs; an unknown option is named in one line, the usage under it, exit 2.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";

const root = findProjectRoot();
const scripts: Record<string, string> = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts;
const npm = (tool: string, ...args: string[]) =>
  spawnSync("npm", ["run", "--silent", tool, "--", ...args], { cwd: root, encoding: "utf8" });

/** Every npm script that runs one of the project's own tools (not the cdktf CLI, whose wrapper passes its
 * arguments on untouched, nor tsc, Biome or Jest). */
const TOOLS = Object.keys(scripts).filter(
  (name) => /\bnode (scripts|bench|\.build)\//.test(scripts[name]) && !scripts[name].includes("scripts/cdktf-cli.js"),
);

test("covers every tool package.json runs", () => {
  expect(TOOLS.sort()).toEqual(
    [
      "bench",
      "bench:handler",
      "bench:local",
      "bench:tests",
      "check-plan",
      "describe-table",
      "destroy-config",
      "local",
      "migrate:cdktn",
      "plan",
      "apply",
      "plan-comment",
      "redrive",
      "stacks",
      "synth",
    ].sort(),
  );
});

describe.each(TOOLS)("npm run %s", (tool) => {
  test("-- --help prints the usage and exits 0", () => {
    const run = npm(tool, "--help");
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(new RegExp(`^Usage: npm run ${tool}\\b`));
    expect(run.status).toBe(0);
  });

  test("-- --bogus=1 is refused in one line naming it, exit 2", () => {
    const run = npm(tool, "--bogus=1");
    const [first, second] = run.stderr.split("\n");
    expect(first).toBe(`${tool}: unknown option "--bogus"`);
    expect(second).toMatch(new RegExp(`^Usage: npm run ${tool}\\b`));
    expect(run.stdout).toBe("");
    expect(run.status).toBe(2);
  });
});
