// What npm run migrate:cdktn changes in a file (migrate/rewrites.ts), and what it leaves alone.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import {
  CONSTRUCTS,
  NODE,
  RENAMED,
  rewriteDoc,
  rewriteFor,
  rewritePackageJson,
  rewriteSource,
} from "../../migrate/rewrites";

const root = findProjectRoot();
const pkg = readFileSync(path.join(root, "package.json"), "utf8");
const moved = JSON.parse(rewritePackageJson(pkg));
const deps = { ...moved.dependencies, ...moved.devDependencies, ...moved.optionalDependencies };

describe("package.json", () => {
  test.each(Object.entries(RENAMED))("names %s as its CDK Terrain package, at the tested version", (from, to) => {
    expect(deps[from]).toBeUndefined();
    expect(deps[to.name]).toBe(to.version);
  });

  test("pins constructs to the 10.6 cdktn accepts", () => {
    expect(deps.constructs).toBe(CONSTRUCTS);
  });

  test("makes cdktn-cli a development dependency: it has no native module to fail an install", () => {
    expect(moved.devDependencies["cdktn-cli"]).toBe(RENAMED["cdktf-cli"].version);
    expect(moved.optionalDependencies?.["cdktn-cli"]).toBeUndefined();
  });

  test("asks for the Node cdktn-cli needs", () => {
    expect(moved.engines.node).toBe(NODE);
  });

  test("drops the native module's install-script approval, keeps the others", () => {
    expect(Object.keys(moved.allowScripts)).not.toContain("@cdktf/node-pty-prebuilt-multiarch");
    const before = Object.keys(JSON.parse(pkg).allowScripts).filter((k) => !k.startsWith("@cdktf/"));
    expect(Object.keys(moved.allowScripts)).toEqual(before);
  });

  test("keeps every other dependency, script name and field", () => {
    const old = JSON.parse(pkg);
    const names = new Set([...Object.keys(RENAMED), ...Object.values(RENAMED).map((to) => to.name), "constructs"]);
    const others = (d: Record<string, string>) => Object.entries(d).filter(([n]) => !names.has(n));
    expect(others(moved.dependencies)).toEqual(others(old.dependencies));
    expect(others(moved.devDependencies)).toEqual(others(old.devDependencies));
    expect(Object.keys(moved.scripts)).toEqual(Object.keys(old.scripts));
    expect(Object.keys(moved).sort()).toEqual(
      Object.keys(old)
        .filter((k) => k !== "optionalDependencies")
        .sort(),
    );
  });

  test("moves twice the same as once", () => {
    expect(rewritePackageJson(rewritePackageJson(pkg))).toBe(rewritePackageJson(pkg));
  });
});

describe("code", () => {
  test.each([
    ['import { App } from "cdktf";', 'import { App } from "cdktn";'],
    ['import type { ITerraformDependable } from "cdktf";', 'import type { ITerraformDependable } from "cdktn";'],
    [
      'import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";',
      'import { SqsQueue } from "@cdktn/provider-aws/lib/sqs-queue";',
    ],
    [
      "import { ArchiveProvider } from '@cdktf/provider-archive/lib/provider';",
      "import { ArchiveProvider } from '@cdktn/provider-archive/lib/provider';",
    ],
    ['import "cdktf/lib/testing/adapters/jest";', 'import "cdktn/lib/testing/adapters/jest";'],
    ['const { Testing } = require("cdktf");', 'const { Testing } = require("cdktn");'],
    ['await import("@cdktf/provider-aws/lib/iam-role")', 'await import("@cdktn/provider-aws/lib/iam-role")'],
    ['} from\n  "cdktf";', '} from\n  "cdktn";'],
    ['run("npx cdktf synth --output x")', 'run("npx cdktn synth --output x")'],
  ])("rewrites %j", (before, after) => {
    expect(rewriteSource(before)).toBe(after);
  });

  test.each([
    'tags: { ManagedBy: "cdktf" }',
    'readFileSync("cdktf.json")',
    'path.join(root, "cdktf.out")',
    'const PTY = "@cdktf/node-pty-prebuilt-multiarch";',
    '{ name: "cdktf-cli", bin: ["bundle", "bin", "cdktf"] }',
    'level === "@cdktf/error"',
    "process.env.CDKTF_CONTEXT_JSON",
  ])("leaves %j alone", (text) => {
    expect(rewriteSource(text)).toBe(text);
  });
});

describe("docs", () => {
  test("rewrite the CLI's commands, the provider packages and the pinned AWS provider", () => {
    expect(
      rewriteDoc("run `npx cdktf diff books-dev`, then cdktf deploy; @cdktf/provider-aws; pinned\nprovider (6.25.0)"),
    ).toBe("run `npx cdktn diff books-dev`, then cdktn deploy; @cdktn/provider-aws; pinned\nprovider (6.66.0)");
  });

  test("leave cdktf.json, cdktf.out and prose about cdktf alone", () => {
    const text = "cdktf.json names the app; cdktf.out/stacks; the cdktf CLI; CDKTF was deprecated";
    expect(rewriteDoc(text)).toBe(text);
  });
});

describe("which files", () => {
  test.each([
    ["package.json", rewritePackageJson],
    ["lib/app.ts", rewriteSource],
    ["scripts/synth.js", rewriteSource],
    ["README.md", rewriteDoc],
    ["docs/design.md", rewriteDoc],
    ["help", rewriteDoc],
  ])("%s is rewritten", (file, fix) => {
    expect(rewriteFor(file)).toBe(fix);
  });

  test.each([
    "cdktf.json",
    "package-lock.json",
    "migrate/rewrites.ts",
    "__tests__/migrate-rewrites.test.ts",
    "__tests__/migrate/rewrites.test.ts",
    ".github/workflows/deploy.yml",
  ])("%s is left alone", (file) => {
    expect(rewriteFor(file)).toBeUndefined();
  });
});
