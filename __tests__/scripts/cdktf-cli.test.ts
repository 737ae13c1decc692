// `npm run diff|deploy|destroy` (scripts/cdktf-cli.js): the cdktf CLI where it can start, else one line
// saying why and what to run instead. Each test runs the script in a project of its own whose
// node_modules holds what the case needs.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { tempDir } from "../support/stack";

const root = findProjectRoot();
const PTY = "@cdktf/node-pty-prebuilt-multiarch";

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A project holding the script, and a cdktf CLI whose native module loads or throws, or no CLI. */
function project(cli: "none" | "loads" | "throws"): string {
  const dir = tempDir("cdktf-cli-");
  write(path.join(dir, "package.json"), "{}");
  mkdirSync(path.join(dir, "scripts"));
  copyFileSync(path.join(root, "scripts", "cdktf-cli.js"), path.join(dir, "scripts", "cdktf-cli.js"));
  if (cli === "none") return dir;
  const modules = path.join(dir, "node_modules");
  write(path.join(modules, "cdktf-cli", "package.json"), '{"name":"cdktf-cli"}');
  // The fake CLI reports what it was given, and exits with a status the test can tell apart.
  write(
    path.join(modules, "cdktf-cli", "bundle", "bin", "cdktf"),
    "console.log(JSON.stringify({ args: process.argv.slice(2), checkpoint: process.env.CHECKPOINT_DISABLE ?? null }));\nprocess.exit(3);\n",
  );
  write(path.join(modules, PTY, "package.json"), `{"name":"${PTY}","main":"index.js"}`);
  write(
    path.join(modules, PTY, "index.js"),
    cli === "loads" ? "" : "throw new Error(\"Cannot find module '../build/Release/pty.node'\");\n",
  );
  return dir;
}

function run(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const { CHECKPOINT_DISABLE: _, ...rest } = process.env;
  return spawnSync(process.execPath, [path.join(dir, "scripts", "cdktf-cli.js"), ...args], {
    cwd: dir,
    env: { ...rest, ...env },
    encoding: "utf8",
  });
}

describe("without the cdktf CLI (npm left the optional dependency out)", () => {
  const result = run(project("none"), ["diff", "books-dev"]);

  test("exits 1 with one line and nothing on stdout", () => {
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  test("names the command, what is missing and what to run instead", () => {
    expect(result.stderr).toMatch(/^npm run diff: the cdktf CLI is not installed/);
    expect(result.stderr).toContain(PTY);
    expect(result.stderr).toContain("npm run plan -- <stack>");
    expect(result.stderr).toContain("Node 22 (.nvmrc)");
  });
});

test("with a CLI whose native module does not load, says so in one line and exits 1", () => {
  const result = run(project("throws"), ["deploy", "books-dev"]);
  expect(result.status).toBe(1);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(/^npm run deploy: the cdktf CLI cannot start: its native module /);
});

describe("with a CLI that starts", () => {
  const dir = project("loads");

  test("runs it with the arguments given and passes on its exit status", () => {
    const result = run(dir, ["diff", "books-dev"]);
    expect(result.status).toBe(3);
    expect(JSON.parse(result.stdout).args).toEqual(["diff", "books-dev"]);
  });

  test("turns telemetry off unless the environment says otherwise", () => {
    expect(JSON.parse(run(dir, ["diff"]).stdout).checkpoint).toBe("1");
    expect(JSON.parse(run(dir, ["diff"], { CHECKPOINT_DISABLE: "" }).stdout).checkpoint).toBe("");
  });
});
