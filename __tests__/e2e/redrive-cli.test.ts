// The whole story through the two commands, in a copy of the project: `npm run local` parks a record
// that the handler fails; the handler is fixed; `npm run redrive -- books-dev --local --replay` finds the
// running session by itself, replays the record with the fixed code once, and deletes the message; a
// second run finds nothing. Parked messages survive a restart of the local runner.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { buildSync } from "esbuild";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { localClientConfig } from "../../emulation/emulator";
import { runningLocalSessions } from "../../emulation/session-file";
import { checkout } from "../support/checkout";
import { tempDir } from "../support/stack";

const root = findProjectRoot();
const QUEUE = "books-dev-stream-handler-failures";
const BROKEN = `
  if (change.newImage?.flaky === true) throw new Error("not fixed yet");`;

function bundle(entry: string, outfile: string): string {
  buildSync({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: "node",
    packages: "external",
    outfile,
    logLevel: "silent",
  });
  return outfile;
}

describe("npm run local, then npm run redrive -- books-dev --local --replay", () => {
  // The sample config, whose books-dev this story writes to, whatever the user's config holds.
  const project = checkout(path.join(tempDir("redrive-cli-"), "project"), { sampleConfig: true, emulator: true });
  const localCli = bundle("local/cli.ts", path.join(project, ".build", "local.js"));
  const redriveCli = bundle("redrive/cli.ts", path.join(project, ".build", "redrive.js"));
  const record = path.join(project, "handlers", "record.ts");
  const fixed = readFileSync(record, "utf8");
  const queueFolder = path.join(project, ".local", "failures", QUEUE);
  // A message another stack parked in an earlier session: a restart must leave it alone.
  const earlier = path.join(project, ".local", "failures", "UsersPost-dev-stream-handler-failures", "earlier.json");
  let local: ChildProcess;
  let output = "";
  const redrive = (...args: string[]) =>
    spawnSync(process.execPath, [redriveCli, "books-dev", "--local", ...args], { cwd: project, encoding: "utf8" });
  let first: ReturnType<typeof redrive>;
  let second: ReturnType<typeof redrive>;

  beforeAll(async () => {
    mkdirSync(path.dirname(earlier), { recursive: true });
    writeFileSync(earlier, "{}");
    writeFileSync(
      record,
      fixed.replace(/(export const logChange: ChangeHandler = \(change, logger\) => \{)/, `$1${BROKEN}`),
    );
    // --verbose: the handler's log lines, which say which records it processed.
    local = spawn(process.execPath, [localCli, "--verbose"], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
    local.stdout!.on("data", (chunk) => (output += chunk));
    local.stderr!.on("data", (chunk) => (output += chunk));
    const until = async (what: string, condition: () => boolean) => {
      const deadline = Date.now() + 90000;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    await until("the local runner", () => output.includes("Watching the streams"));
    const [session] = runningLocalSessions(project);
    const db = new DynamoDBClient(localClientConfig(session.endpoint));
    for (const n of [1, 2, 3, 4])
      await db.send(
        new PutItemCommand({
          TableName: "books-dev",
          Item: marshall({ author: `Author ${n}`, bookTitle: `Title ${n}`, ...(n === 3 && { flaky: true }) }),
        }),
      );
    db.destroy();
    await until("the flaky record parked", () => existsSync(queueFolder) && readdirSync(queueFolder).length === 1);
    await until("the last record processed", () => output.includes('"Author 4"'));
    writeFileSync(record, fixed); // the fix
    first = redrive("--replay", "--max=3"); // the = form, as users type it
    second = redrive("--replay");
  }, 180000);

  afterAll(async () => {
    if (local.exitCode === null) {
      const exited = new Promise((resolve) => local.once("exit", resolve));
      local.kill("SIGINT");
      await exited;
    }
  });

  test("the local runner announces its session while it runs", () => {
    expect(runningLocalSessions(project)).toEqual([expect.objectContaining({ pid: local.pid })]);
  });

  test("a restart keeps what earlier sessions parked", () => {
    expect(readFileSync(earlier, "utf8")).toBe("{}");
  });

  test("redrive finds the session, replays the parked record with the fixed code, and deletes the message", () => {
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`Redrive books-dev: .local/failures/${QUEUE}/ (local session at http://127.0.0.1:`);
    expect(first.stdout).toMatch(/\[1\] RetryAttemptsExhausted, shardId-\S+, 1 record \(sequence number \d+\)/);
    expect(first.stdout).toContain("replayed: 1 record accepted → message deleted");
    expect(first.stdout).toContain("1 message(s), 1 record read back; 1 replayed and deleted, 0 kept.");
    expect(readdirSync(queueFolder)).toEqual([]);
  });

  test("the parked record is processed exactly once, the good ones are not processed again", () => {
    const processed = (text: string, author: string) =>
      text.split("\n").filter((l) => l.includes('"message":"item insert"') && l.includes(`"author":"${author}"`))
        .length;
    expect(processed(first.stdout, "Author 3")).toBe(1);
    for (const author of ["Author 1", "Author 2", "Author 4"]) {
      expect(processed(output, author)).toBe(1);
      expect(processed(first.stdout, author)).toBe(0);
    }
    expect(processed(output, "Author 3")).toBe(0);
  });

  test("a second run finds nothing", () => {
    expect(second.status).toBe(0);
    expect(second.stdout).toContain("No parked messages.");
  });

  test("without a running session, redrive says so", async () => {
    const exited = new Promise((resolve) => local.once("exit", resolve));
    local.kill("SIGINT");
    await exited;
    expect(runningLocalSessions(project)).toEqual([]);
    const none = redrive();
    expect(none.status).toBe(1);
    expect(none.stderr).toContain(
      "redrive: no local session is running: start `npm run local` in another terminal first",
    );
  });
});
