// `npm run stacks -- --deployed`: deployed stacks the app no longer synthesizes, from S3 keys or local files.
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import {
  findLocalState,
  orphanedStacks,
  orphanLines,
  orphanMatrixLine,
  parseStateListing,
} from "../../scripts/deployed-stacks";
import { runStacksCommand, StackListError } from "../../scripts/stacks";
import { appStacks } from "../support/app-config";
import { tempDir } from "../support/stack";
import { thrown } from "../support/thrown";

// What `aws s3api list-objects-v2 --query 'Contents[].Key' --output text` prints: one line, tab-separated.
const S3_LISTING = "streams/books-dev.tfstate\tstreams/books-prod.tfstate\tstreams/books2-dev.tfstate\n";

describe("a listing of state keys", () => {
  test("as the AWS CLI prints it, tab-separated on one line, gives one stack per key", () => {
    expect(parseStateListing(S3_LISTING, "keys.txt")).toEqual([
      { stack: "books-dev", state: "streams/books-dev.tfstate" },
      { stack: "books-prod", state: "streams/books-prod.tfstate" },
      { stack: "books2-dev", state: "streams/books2-dev.tfstate" },
    ]);
  });

  test("one a line, or local file names, gives the same stacks", () => {
    const lines = parseStateListing("state/books-dev.tfstate\nbooks2-dev.tfstate\n", "files.txt");
    expect(lines.map((d) => d.stack)).toEqual(["books-dev", "books2-dev"]);
  });

  test("the AWS CLI's None for an empty prefix is no stack", () => {
    expect(parseStateListing("None\n", "keys.txt")).toEqual([]);
  });

  test("an empty prefix listed beside others (None among keys, or twice) is no stack either", () => {
    expect(parseStateListing("None\nNone\n", "keys.txt")).toEqual([]);
    expect(parseStateListing("p/a-dev.tfstate\nNone\n", "keys.txt")).toEqual([
      { stack: "a-dev", state: "p/a-dev.tfstate" },
    ]);
  });

  test("refuses a key with no stack name before .tfstate", () => {
    expect(thrown(() => parseStateListing("p/.tfstate", "keys.txt"), StackListError).message).toMatch(
      /^keys\.txt: "p\/\.tfstate" is not a state key or file/,
    );
  });

  test("skips the lock file a running plan or apply holds beside a state", () => {
    expect(parseStateListing("p/a-dev.tfstate p/a-dev.tfstate.tflock", "keys.txt")).toHaveLength(1);
  });

  test("refuses anything else, naming it, so a listing of the wrong thing never passes for an empty one", () => {
    const error = thrown(() => parseStateListing("p/a-dev.tfstate p/notes.txt", "keys.txt"), StackListError);
    expect(error.message).toBe(
      'keys.txt: "p/notes.txt" is not a state key or file; expected <prefix>/<stack>.tfstate or <stack>.tfstate, whitespace-separated',
    );
  });
});

describe("the orphans of a listing", () => {
  const deployed = parseStateListing(S3_LISTING, "keys.txt");

  test("are the deployed stacks the app does not synthesize, each with its state", () => {
    expect(orphanedStacks(deployed, ["books2-dev", "books-prod"])).toEqual([
      { stack: "books-dev", state: "streams/books-dev.tfstate" },
    ]);
  });

  test("are none when the app synthesizes every deployed stack", () => {
    expect(orphanedStacks(deployed, ["books-dev", "books-prod", "books2-dev"])).toEqual([]);
  });

  test("include a state at another key than the app's own for that stack (a nested or former prefix), when the app's keys are known", () => {
    const listing = parseStateListing("streams/books-dev.tfstate\tstreams/old/books-dev.tfstate\n", "keys.txt");
    expect(orphanedStacks(listing, ["books-dev"], new Map([["books-dev", "streams/books-dev.tfstate"]]))).toEqual([
      { stack: "books-dev", state: "streams/old/books-dev.tfstate" },
    ]);
  });

  test("are printed as a matrix for $GITHUB_OUTPUT and one line each saying what to do", () => {
    const orphans = orphanedStacks(deployed, []);
    expect(orphanMatrixLine(orphans)).toBe(`orphans=${JSON.stringify(orphans)}\n`);
    expect(orphanLines(orphans).split("\n")).toHaveLength(3);
    expect(orphanLines(orphans).split("\n")[0]).toBe(
      "books-dev: deployed (state streams/books-dev.tfstate) but no longer in the app, so nothing plans it; keep its resources under the new name or retire them: docs/changing-live-triggers.md",
    );
  });
});

describe("local state", () => {
  test("is found in state/ and where an earlier version kept it, in a stack's folder", () => {
    const root = tempDir("deployed-local-");
    const outdir = path.join(root, "cdktf.out");
    mkdirSync(path.join(root, "state"));
    writeFileSync(path.join(root, "state", "books-dev.tfstate"), "{}");
    writeFileSync(path.join(root, "state", "books-dev.tfstate.backup"), "{}");
    mkdirSync(path.join(outdir, "stacks", "orders-dev"), { recursive: true });
    writeFileSync(path.join(outdir, "stacks", "orders-dev", "terraform.orders-dev.tfstate"), "{}");
    const found = findLocalState(outdir);
    expect(found.map((d) => [d.stack, path.resolve(d.state)])).toEqual([
      ["books-dev", path.join(root, "state", "books-dev.tfstate")],
      ["orders-dev", path.join(outdir, "stacks", "orders-dev", "terraform.orders-dev.tfstate")],
    ]);
  });
});

describe("the command", () => {
  test("exits 1 naming an orphan of a listing file, and 0 when every deployed stack is in the app", () => {
    const dir = tempDir("deployed-cli-");
    const orphaned = path.join(dir, "orphaned.txt");
    writeFileSync(orphaned, `p/${appStacks[0].name}.tfstate\tp/renamed-away-dev.tfstate\n`);
    const outcome = runStacksCommand(["--deployed", orphaned]);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe('orphans=[{"stack":"renamed-away-dev","state":"p/renamed-away-dev.tfstate"}]\n');
    expect(outcome.stderr).toMatch(/^renamed-away-dev: deployed \(state p\/renamed-away-dev\.tfstate\)/);
    const inApp = path.join(dir, "in-app.txt");
    writeFileSync(inApp, appStacks.map((s) => `p/${s.name}.tfstate`).join("\t"));
    expect(runStacksCommand(["--deployed", inApp])).toEqual({ code: 0, stdout: "orphans=[]\n", stderr: "" });
  });

  test("with the S3 backend's settings, names a state of an app's stack under a nested prefix as an orphan", () => {
    const listing = path.join(tempDir("deployed-nested-"), "keys.txt");
    const stack = appStacks[0].name;
    writeFileSync(listing, `streams/${stack}.tfstate\tstreams/old/${stack}.tfstate\n`);
    const saved = { ...process.env };
    Object.assign(process.env, {
      STATE_BUCKET: "state-bucket",
      STATE_REGION: "us-east-1",
      STATE_KEY_PREFIX: "streams",
    });
    try {
      expect(runStacksCommand(["--deployed", listing])).toMatchObject({
        code: 1,
        stdout: `orphans=${JSON.stringify([{ stack, state: `streams/old/${stack}.tfstate` }])}\n`,
      });
    } finally {
      for (const name of ["STATE_BUCKET", "STATE_REGION", "STATE_KEY_PREFIX"]) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  test("exits 2 on a listing it cannot read or an unknown option, listing nothing", () => {
    const missing = runStacksCommand(["--deployed", path.join(tempDir("deployed-none-"), "keys.txt")]);
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toMatch(/^stacks: .*keys\.txt: cannot be read \(ENOENT\)\n$/);
    expect(runStacksCommand(["--deployd"])).toMatchObject({ code: 2, stdout: "" });
  });

  test("with --allow-file, takes acceptances for the app's stacks and for deployed ones that left it", () => {
    const dir = tempDir("deployed-allow-");
    const keys = path.join(dir, "keys.txt");
    writeFileSync(keys, "p/gone-dev.tfstate\n");
    const allow = path.join(dir, "allow.json");
    const entry = (stack: string) => ({ stack, address: "aws_dynamodb_table.t", reason: "retired (#9)" });
    writeFileSync(allow, JSON.stringify({ accept: [entry(appStacks[0].name), entry("gone-dev")] }));
    expect(runStacksCommand(["--deployed", keys, "--allow-file", allow]).code).toBe(1);
  });

  test("with --allow-file, exits 2 on an acceptance for a stack neither in the app nor deployed", () => {
    const dir = tempDir("deployed-stale-");
    const keys = path.join(dir, "keys.txt");
    writeFileSync(keys, "None\n");
    const allow = path.join(dir, "allow.json");
    const entry = { stack: "retired-dev", address: "aws_dynamodb_table.t", reason: "retired (#9)" };
    writeFileSync(allow, JSON.stringify({ accept: [entry] }));
    expect(runStacksCommand(["--deployed", keys, "--allow-file", allow])).toEqual({
      code: 2,
      stdout: "",
      stderr: `stacks: ${allow}: accept[0] (retired-dev) names a stack neither in the app nor deployed, so it accepts nothing; correct the stack's name, or remove the entry once its stack is gone\n`,
    });
  });

  test("--help prints the usage and exits 0", () => {
    expect(runStacksCommand(["--help"])).toMatchObject({ code: 0, stderr: "" });
    expect(runStacksCommand(["--help"]).stdout).toContain("--deployed [FILE]");
  });
});
