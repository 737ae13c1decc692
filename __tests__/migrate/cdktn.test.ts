// npm run migrate:cdktn (migrate/cdktn.ts) on a small git project: a moved copy, or the project in place
// once its tree is clean; cdktf.json and state files are never changed.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { migrate } from "../../migrate/cdktn";
import { tempDir } from "../support/stack";

const root = findProjectRoot();
const CDKTF_JSON = readFileSync(path.join(root, "cdktf.json"), "utf8");
const STATE = '{"version":4,"serial":7}';
// A cdktf project's package.json (not this project's: after a move, that one is on cdktn already).
const PACKAGE = JSON.stringify({
  name: "p",
  engines: { node: ">=22" },
  devDependencies: { "@cdktf/provider-aws": "21.22.1", cdktf: "0.21.0", constructs: "10.4.2" },
  optionalDependencies: { "cdktf-cli": "0.21.0" },
});

function write(dir: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

const git = (dir: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@localhost", ...args], { cwd: dir, encoding: "utf8" });

/** A committed project: the real package.json and cdktf.json, code, a doc, ignored state and modules. */
function project(): string {
  const dir = path.join(tempDir("migrate-"), "project");
  write(dir, "package.json", PACKAGE);
  write(dir, "cdktf.json", CDKTF_JSON);
  write(dir, ".gitignore", "node_modules/\ncdktf.out/\n");
  write(
    dir,
    "lib/app.ts",
    'import { App } from "cdktf";\nimport { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";\n',
  );
  write(dir, "README.md", "Run `npx cdktf diff books-dev`.\n");
  write(dir, "cdktf.out/stacks/books-dev/terraform.books-dev.tfstate", STATE);
  write(dir, "node_modules/cdktf/package.json", "{}");
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "start");
  return dir;
}

describe("into a new folder", () => {
  const dir = project();
  const to = path.join(path.dirname(dir), "moved");
  const outcome = migrate(dir, [to]);

  test("exits 0, naming the files it rewrote and what to run next", () => {
    expect(outcome.stderr).toBe("");
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain("3 files rewritten (README.md, lib/app.ts, package.json)");
    expect(outcome.stdout).toContain(`Next: cd ${to} && npm install && npm run synth && npm test`);
  });

  test("writes the moved files there", () => {
    expect(readFileSync(path.join(to, "lib/app.ts"), "utf8")).toBe(
      'import { App } from "cdktn";\nimport { SqsQueue } from "@cdktn/provider-aws/lib/sqs-queue";\n',
    );
    expect(readFileSync(path.join(to, "README.md"), "utf8")).toBe("Run `npx cdktn diff books-dev`.\n");
    expect(JSON.parse(readFileSync(path.join(to, "package.json"), "utf8")).devDependencies.cdktn).toBe("0.24.0");
  });

  test("copies cdktf.json and the local state byte for byte, and no node_modules", () => {
    expect(readFileSync(path.join(to, "cdktf.json"), "utf8")).toBe(CDKTF_JSON);
    expect(readFileSync(path.join(to, "cdktf.out/stacks/books-dev/terraform.books-dev.tfstate"), "utf8")).toBe(STATE);
    expect(existsSync(path.join(to, "node_modules"))).toBe(false);
  });

  test("leaves the project itself as it was", () => {
    expect(git(dir, "status", "--porcelain")).toBe("");
  });
});

test("refuses a folder that is not empty, exit 1", () => {
  const dir = project();
  const outcome = migrate(dir, [path.join(dir, "lib")]);
  expect(outcome.code).toBe(1);
  expect(outcome.stderr).toMatch(/^migrate:cdktn: .*lib is not empty: give a new or empty folder\n$/);
});

describe("--in-place", () => {
  test("refuses a tree with uncommitted changes in one line, exit 1, changing nothing", () => {
    const dir = project();
    write(dir, "lib/app.ts", 'import { App } from "cdktf";\n// edited\n');
    const outcome = migrate(dir, ["--in-place"]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(
      /^migrate:cdktn: .* has uncommitted changes \(lib\/app\.ts, …\): commit or stash them first/,
    );
    expect(git(dir, "status", "--porcelain")).toBe(" M lib/app.ts\n");
    expect(readFileSync(path.join(dir, "package.json"), "utf8")).toBe(PACKAGE);
  });

  test("rewrites a clean tree: git shows only the moved files changed, state untouched", () => {
    const dir = project();
    const outcome = migrate(dir, ["--in-place"]);
    expect(outcome.code).toBe(0);
    expect(git(dir, "status", "--porcelain")).toBe(" M README.md\n M lib/app.ts\n M package.json\n");
    expect(readFileSync(path.join(dir, "cdktf.out/stacks/books-dev/terraform.books-dev.tfstate"), "utf8")).toBe(STATE);
  });
});

describe("its command line", () => {
  test.each([
    [[], "give one DIR, or --in-place"],
    [["a", "--in-place"], "give DIR or --in-place, not both"],
    [["a", "b"], "give one DIR, or --in-place"],
    [["--bogus"], 'unknown option "--bogus"'],
  ])("refuses %j with exit 2 and the usage", (args, message) => {
    const outcome = migrate(root, args);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(`migrate:cdktn: ${message}`);
    expect(outcome.stderr).toContain("Usage: npm run migrate:cdktn -- DIR | --in-place");
  });

  test("--help prints the usage and exits 0", () => {
    const outcome = migrate(root, ["--help"]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^Usage: npm run migrate:cdktn/);
  });
});
