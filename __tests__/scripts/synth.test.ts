// `npm run synth` (scripts/synth.js) runs the app without the cdktf CLI. It must leave the output folder
// exactly as `cdktf synth` does: `cdktf diff` and `deploy` go through the CLI and plan what is there.
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { checkout } from "../support/checkout";
import { expectSameFiles, snapshot } from "../support/file-tree";
import { tempDir } from "../support/stack";

const root = findProjectRoot();
// The CLI is an optional dependency: on a Node its native module has no binary for (24) and with no
// compiler, it cannot start, and the comparisons wait for a Node it can (the CI runs Node 22 too). Where
// a binary ships, a CLI that cannot start fails them.
const { cliBin, cliProblem } = require("../../scripts/cdktf-cli") as {
  cliBin: (from: string) => string | undefined;
  cliProblem: (from: string) => { reason: string; prebuilt: boolean } | undefined;
};
const problem = cliProblem(root);
const CLI = cliBin(root) ?? "cdktf-cli is not installed";
const withCli = problem && !problem.prebuilt ? describe.skip : describe;

function runSynth(project: string, args: string[] = []): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.join(project, "scripts", "synth.js"), ...args], {
    cwd: project,
    encoding: "utf8",
  });
}

/** `cdktf synth --output <outdir>` through the CLI, in `project`. */
function cliSynth(project: string, outdir: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, "synth", "--output", outdir], {
    cwd: project,
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
}

/** An output folder as an older config left it: it holds a stack that is no longer configured. */
function staleOutput(dir: string): string {
  mkdirSync(path.join(dir, "stacks", "removed-dev"), { recursive: true });
  writeFileSync(path.join(dir, "stacks", "removed-dev", "cdk.tf.json"), "{}");
  return dir;
}

const stacksIn = (outdir: string) => readdirSync(path.join(outdir, "stacks")).sort();
const manifestStacks = (outdir: string) =>
  Object.keys(JSON.parse(readFileSync(path.join(outdir, "manifest.json"), "utf8")).stacks).sort();

// What npm run synth writes is a property of the code, not of the user's config: these synths are of the
// sample config, in a checkout, so their cost stays the same whatever config/environments.ts holds.
const sample = checkout(path.join(tempDir("synth-sample-"), "project"), { sampleConfig: true });

withCli(`npm run synth, beside cdktf synth from the same stale output${problem ? ` (${problem.reason})` : ""}`, () => {
  const work = tempDir("synth-command-");
  const byCli = staleOutput(path.join(work, "cli"));
  const direct = staleOutput(path.join(work, "direct"));
  let run: SpawnSyncReturns<string>;

  beforeAll(() => {
    // The CLI takes about 2.5 s: it runs once, for every comparison below.
    expect(cliSynth(sample, byCli).status).toBe(0);
    run = runSynth(sample, ["--output", direct]);
  });

  test("writes byte for byte what cdktf synth writes, manifest.json and assets included", () => {
    expect(run.status).toBe(0);
    expectSameFiles(snapshot(direct), snapshot(byCli));
  });

  test("removes the folder of a stack that is no longer synthesized, as cdktf synth does", () => {
    expect(stacksIn(direct)).toEqual(manifestStacks(direct));
  });

  test("takes the folder as --output=<dir> too", () => {
    const joined = path.join(work, "joined");
    expect(runSynth(sample, [`--output=${joined}`]).status).toBe(0);
    expectSameFiles(snapshot(joined), snapshot(byCli));
  });

  test("names the stacks it generated", () => {
    expect(run.stdout).toBe(`Generated Terraform code for the stacks: ${manifestStacks(direct).join(", ")}\n`);
  });
});

withCli("npm run synth beside cdktf synth, for another config", () => {
  test("npm run synth writes what cdktf synth writes for a config with a failure bucket and nodejs24.x", () => {
    const project = checkout(path.join(tempDir("synth-s3-node24-"), "project"), {
      configFixture: "bucket-node24-environments.ts",
    });
    const [byCli, direct] = [path.join(project, "by-cli"), path.join(project, "direct")];
    expect(cliSynth(project, byCli).status).toBe(0);
    expect(runSynth(project, ["--output", direct]).status).toBe(0);
    const files = snapshot(direct);
    const json = [...files].filter(([name]) => name.endsWith("cdk.tf.json")).map(([, text]) => text.toString());
    expect(json.join("\n")).toContain('"runtime": "nodejs24.x"');
    expect(json.join("\n")).toContain('"aws_s3_bucket"');
    expectSameFiles(files, snapshot(byCli));
  });
});

test("npm run synth creates an output folder whose parents do not exist yet", () => {
  const outdir = path.join(tempDir("synth-nested-"), "not", "yet", "there");
  expect(runSynth(sample, ["--output", outdir]).status).toBe(0);
  expect(stacksIn(outdir)).toEqual(manifestStacks(outdir));
});

describe("npm run synth in a project", () => {
  const project = checkout(path.join(tempDir("synth-project-"), "project"), { sampleConfig: true });
  const cdktfJson = path.join(project, "cdktf.json");
  const config = JSON.parse(readFileSync(cdktfJson, "utf8"));

  test("writes into cdktf.out when cdktf.json names no output folder", () => {
    expect(config.output).toBeUndefined();
    expect(runSynth(project).status).toBe(0);
    expect(stacksIn(path.join(project, "cdktf.out"))).toEqual(manifestStacks(path.join(project, "cdktf.out")));
  });

  test("writes into cdktf.json's output folder when it names one", () => {
    writeFileSync(cdktfJson, JSON.stringify({ ...config, output: "synthesized" }));
    expect(runSynth(project).status).toBe(0);
    expect(existsSync(path.join(project, "synthesized", "manifest.json"))).toBe(true);
    writeFileSync(cdktfJson, JSON.stringify(config));
  });

  test("on an invalid config, fails with the app's message, no stack trace, and keeps the last output", () => {
    const environments = path.join(project, "config", "environments.ts");
    const before = snapshot(path.join(project, "cdktf.out"));
    writeFileSync(environments, readFileSync(environments, "utf8").replace("batchSize: 1,", "batchSize: 0,"));
    const failed = runSynth(project);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/^Invalid configuration\b[\s\S]*batchSize is 0; allowed: /);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect(failed.stdout).toBe("");
    expectSameFiles(snapshot(path.join(project, "cdktf.out")), before);
  });

  test("refuses a cdktf.json whose app is another command, naming it", () => {
    writeFileSync(cdktfJson, JSON.stringify({ ...config, app: "npx ts-node main.ts" }));
    const refused = runSynth(project);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(
      `cdktf.json's app is "npx ts-node main.ts"; npm run synth runs "node scripts/run-app.js" only (use npx cdktf synth)\n`,
    );
    writeFileSync(cdktfJson, JSON.stringify(config));
  });
});

describe("npm run synth of an app with annotations", () => {
  const project = checkout(path.join(tempDir("synth-annotated-"), "project"), { sampleConfig: true });
  writeFileSync(
    path.join(project, "main.ts"),
    `import { Annotations, App, TerraformStack } from "cdktf";
const app = new App({ stackTraces: false });
const stack = new TerraformStack(app, "annotated");
Annotations.of(stack).addWarning("check this");
Annotations.of(stack).addError("broken");
app.synth();
`,
  );

  test("prints every annotation and fails on an error one, as cdktf synth does", () => {
    const run = runSynth(project);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("WARN [annotated]: check this\nERROR [annotated]: broken\n");
    expect(run.stderr).toMatch(/error annotations have been encountered/);
  });
});
