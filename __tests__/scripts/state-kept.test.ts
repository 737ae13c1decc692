// No command of the project deletes Terraform state: a rename of a table with local state deployed, run
// end to end through the commands that synthesize, in a throwaway checkout.
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { localStatePath } from "../../settings/local-state";
import { checkout } from "../support/checkout";
import { docBlockAfter } from "../support/doc-blocks";
import { snapshot } from "../support/file-tree";
import { bundleTestEntry } from "../support/run-app";
import { tempDir } from "../support/stack";

const root = findProjectRoot();
const STATE = '{"version":4,"serial":3,"resources":[{"mode":"managed","type":"aws_dynamodb_table","name":"t"}]}\n';

const run = (project: string, file: string, args: string[] = []): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, [file, ...args], { cwd: project, encoding: "utf8" });
const synth = (project: string) => run(project, path.join(project, "scripts", "synth.js"));

function write(file: string, text: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** What `cdktf deploy` leaves for a stack with local state: its state, and its folder initialized. */
function deployLocally(project: string, stack: string, statePath = localStatePath(stack)) {
  const dir = path.join(project, "cdktf.out", "stacks", stack);
  write(path.resolve(dir, statePath), STATE);
  write(
    path.join(dir, ".terraform", "terraform.tfstate"),
    JSON.stringify({ version: 3, backend: { type: "local", config: { path: statePath }, hash: 7 } }),
  );
}

function renameTheTable(project: string) {
  const fixture = readFileSync(path.join(root, "__tests__", "fixtures", "renamed-table-environments.ts"), "utf8");
  writeFileSync(
    path.join(project, "config", "environments.ts"),
    fixture.replace('"../../lib/config"', '"../../settings/config"'),
  );
}

describe("a table renamed while its stack is deployed with local state", () => {
  const project = checkout(path.join(tempDir("state-kept-"), "project"), { sampleConfig: true });
  // What a synth may write to, and the state: every file of both.
  const everything = () =>
    new Map(
      ["cdktf.out", "state"].flatMap((folder) =>
        [...snapshot(path.join(project, folder))].map(([file, bytes]) => [path.join(folder, file), bytes] as const),
      ),
    );
  let before: Map<string, Buffer>;

  beforeAll(() => {
    expect(synth(project).status).toBe(0);
    deployLocally(project, "books-dev");
    renameTheTable(project);
    before = everything();
  });

  test("npm run synth refuses to remove the old stack's folder, says what to do, and writes nothing", () => {
    const result = synth(project);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("cdktf.out/stacks/books-dev/ holds Terraform state of stack books-dev");
    expect(result.stderr).toContain("docs/changing-live-triggers.md");
    expect(result.stdout).not.toContain("Generated Terraform code");
    expect(everything()).toEqual(before);
  });

  // The CLI is an optional dependency: with no binary for this Node (24) and no compiler it is not
  // installed, and this waits for a Node it runs on (CI runs Node 22 too); where a binary ships, it must run.
  const { cliBin, cliProblem } = require("../../scripts/cdktf-cli") as {
    cliBin: (from: string) => string | undefined;
    cliProblem: (from: string) => { prebuilt: boolean } | undefined;
  };
  const problem = cliProblem(root);
  const cliMissing = problem !== undefined && !problem.prebuilt;
  (cliMissing ? test.skip : test)(
    "cdktf synth (as cdktf diff and deploy synthesize) fails on the app's refusal before it could remove the folder",
    () => {
      // The CLI the project installed: cdktf's, or CDK Terrain's after npm run migrate:cdktn.
      const cli = cliBin(root) ?? "no CLI installed";
      const result = spawnSync(process.execPath, [cli, "synth"], {
        cwd: project,
        env: { ...process.env, CHECKPOINT_DISABLE: "1" },
        encoding: "utf8",
      });
      expect(result.status).not.toBe(0);
      expect(result.stdout + result.stderr).toContain("holds Terraform state of stack books-dev");
      expect(everything()).toEqual(before);
    },
  );

  test("npm run redrive -- --local refuses before it synthesizes over it", () => {
    const result = run(project, bundleTestEntry("redrive/cli.ts", "redrive-cli.js"), ["books2-dev", "--local"]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("holds Terraform state of stack books-dev");
    expect(everything()).toEqual(before);
  });

  test("npm run stacks -- --deployed finds the local state itself and names the stack left behind", () => {
    const result = spawnSync("npm", ["run", "--silent", "stacks", "--", "--deployed"], {
      cwd: project,
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('orphans=[{"stack":"books-dev","state":"state/books-dev.tfstate"}]\n');
    expect(result.stderr).toMatch(/^books-dev: deployed \(state state\/books-dev\.tfstate\) but no longer in the app/);
  });

  test("docs/changing-live-triggers.md shows what the two commands print", () => {
    const stacks = spawnSync("npm", ["run", "--silent", "stacks", "--", "--deployed"], {
      cwd: project,
      encoding: "utf8",
    });
    expect(docBlockAfter("changing-live-triggers.md", "`books` renamed to `books2` in dev")).toEqual([
      "$ npm run --silent synth",
      ...synth(project).stderr.trimEnd().split("\n"),
      "$ npm run --silent stacks -- --deployed",
      ...stacks.stderr.trimEnd().split("\n"),
      ...stacks.stdout.trimEnd().split("\n"),
    ]);
  });

  test("npm run local refuses to empty its own output folder when a stack folder there holds state", () => {
    const held = path.join(project, ".local", "cdktf.out", "stacks", "books-dev", "terraform.tfstate");
    write(held, STATE);
    const result = run(project, bundleTestEntry("local/cli.ts", "local-cli.js"));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(".local/cdktf.out/stacks/books-dev/ holds Terraform state of stack books-dev");
    expect(readFileSync(held, "utf8")).toBe(STATE);
    expect(readFileSync(path.join(project, "state", "books-dev.tfstate"), "utf8")).toBe(STATE);
  });
});

describe("a stack deployed with local state by an earlier version", () => {
  test("keeps its state: npm run synth moves it to state/, where the new configuration finds it", () => {
    const project = checkout(path.join(tempDir("state-upgrade-"), "project"), { sampleConfig: true });
    expect(synth(project).status).toBe(0);
    deployLocally(project, "books-dev", "terraform.books-dev.tfstate");
    const result = synth(project);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(
      "state: moved cdktf.out/stacks/books-dev/terraform.books-dev.tfstate to state/books-dev.tfstate",
    );
    const dir = path.join(project, "cdktf.out", "stacks", "books-dev");
    const backend = JSON.parse(readFileSync(path.join(dir, "cdk.tf.json"), "utf8")).terraform.backend.local.path;
    expect(readFileSync(path.resolve(dir, backend), "utf8")).toBe(STATE);
  });
});
