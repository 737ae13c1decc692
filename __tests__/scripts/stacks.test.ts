// `npm run stacks`: the workflows' matrices, from the synthesized app, in the config's environment order.

import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { environments } from "../../config/environments";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { deployOrder, parseStacksArgs, readManifestStacks, StackListError } from "../../scripts/stacks";
import { appStacks } from "../support/app-config";
import { appSynth } from "../support/app-synth";
import { runEntry } from "../support/run-app";
import { BOOKS, devEnvironment, tempDir } from "../support/stack";
import { thrown } from "../support/thrown";

const root = findProjectRoot();

test("environments deploy in the order the config lists them, not in the order their names sort", () => {
  const stacks = ["books-dev", "books-prod", "books-staging", "orders-prod", "orders-staging"];
  expect(deployOrder(stacks, ["dev", "staging", "prod"])).toEqual([
    { name: "dev", stacks: ["books-dev"] },
    { name: "staging", stacks: ["books-staging", "orders-staging"] },
    { name: "prod", stacks: ["books-prod", "orders-prod"] },
  ]);
});

test("a table name with dashes still belongs to the environment after its last dash", () => {
  expect(deployOrder(["my-books-v2-prod", "my-books-v2-dev"], ["dev", "prod"])).toEqual([
    { name: "dev", stacks: ["my-books-v2-dev"] },
    { name: "prod", stacks: ["my-books-v2-prod"] },
  ]);
});

test("a synthesized stack of no configured environment stops the list, naming it", () => {
  const error = thrown(() => deployOrder(["books-dev", "books-qa"], ["dev", "prod"]), StackListError);
  expect(error.message).toBe(
    "stack books-qa belongs to no environment of config/environments.ts (dev, prod); synthesize again after changing the config",
  );
});

test("a third environment added to a config is synthesized and deployed between the two it is listed between", () => {
  const outdir = tempDir("stacks-out-");
  const three = ["dev", "staging", "prod"].map((environment) =>
    devEnvironment({ environment, triggers: [BOOKS, { ...BOOKS, tableName: "orders" }] }),
  );
  const synth = runEntry("__tests__/fixtures/app-with-config.ts", outdir, { TEST_ENVIRONMENTS: JSON.stringify(three) });
  expect(synth.stderr).toBe("");
  const order = deployOrder(
    readManifestStacks(outdir),
    three.map((e) => e.environment),
  );
  expect(order).toEqual([
    { name: "dev", stacks: ["books-dev", "orders-dev"] },
    { name: "staging", stacks: ["books-staging", "orders-staging"] },
    { name: "prod", stacks: ["books-prod", "orders-prod"] },
  ]);
});

describe("npm run stacks, as the workflows run it on the project's own config", () => {
  // The user's app, synthesized once for the test run.
  const { outdir } = appSynth("local");
  const stacksScript = (...args: string[]) =>
    spawnSync("npm", ["run", "--silent", "stacks", "--", ...args], { cwd: root, encoding: "utf8" });

  test("prints every synthesized stack once, and the environments in the config's order", () => {
    const result = stacksScript(outdir);
    expect(result.status).toBe(0);
    const lines = Object.fromEntries(
      result.stdout
        .trim()
        .split("\n")
        .map((line) => [line.slice(0, line.indexOf("=")), JSON.parse(line.slice(line.indexOf("=") + 1))]),
    );
    const manifest = readManifestStacks(outdir);
    expect(Object.keys(lines)).toEqual(["stacks", "environments"]);
    expect(lines.stacks).toEqual(manifest);
    expect(lines.environments.map((e: { name: string }) => e.name)).toEqual(environments.map((e) => e.environment));
    expect(lines.environments.flatMap((e: { stacks: string[] }) => e.stacks).sort()).toEqual(manifest);
  });

  test("without a synthesized app, exits 2 and says to synthesize first", () => {
    const missing = path.join(tempDir("stacks-none-"), "cdktf.out");
    const result = stacksScript(missing);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `stacks: ${missing}/manifest.json: cannot be read (ENOENT); run \`npm run synth\` first`,
    );
  });

  test("--state-prefixes prints the S3 prefix every stack's state key is under, once: with none set, each project", () => {
    const result = stacksScript("--state-prefixes", appSynth("s3").outdir);
    const projects = [...new Set(appStacks.map((s) => s.environment.project))].sort();
    expect(result.stdout).toBe(projects.map((project) => `${project}\n`).join(""));
    expect(result.status).toBe(0);
  });

  test("--state-prefixes prints STATE_KEY_PREFIX once when it is set", () => {
    const shared = path.join(tempDir("stacks-s3-"), "out");
    const env = { STATE_BUCKET: "acme-terraform-state", STATE_REGION: "eu-west-1", STATE_KEY_PREFIX: "team/streams" };
    const two = [devEnvironment({ triggers: [BOOKS, { ...BOOKS, tableName: "orders" }] })];
    const synth = runEntry("__tests__/fixtures/app-with-config.ts", shared, {
      ...env,
      TEST_ENVIRONMENTS: JSON.stringify(two),
    });
    expect(synth.status).toBe(0);
    const result = stacksScript("--state-prefixes", shared);
    expect(result.stdout).toBe("team/streams\n");
    expect(result.status).toBe(0);
  });

  test("--state-prefixes refuses stacks with local state, which no bucket holds", () => {
    const result = stacksScript("--state-prefixes", outdir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/keeps local state; set STATE_BUCKET and STATE_REGION and synthesize again\n$/);
  });
});

describe("the stacks command line", () => {
  test("reads cdktf.out unless given another folder", () => {
    expect(parseStacksArgs([])).toMatchObject({ outdir: "cdktf.out" });
    expect(parseStacksArgs(["out/app"])).toMatchObject({ outdir: "out/app" });
  });

  test("answers --help with the usage, never as a folder named --help", () => {
    expect(parseStacksArgs(["--help"])).toBe("help");
  });

  test.each([
    [["--outdir", "x"], 'unknown option "--outdir"'],
    [["a", "b"], 'one folder at a time: "a" and "b" given'],
  ])("refuses %j: %s", (argv, message) => {
    expect(() => parseStacksArgs(argv)).toThrow(message);
  });
});
