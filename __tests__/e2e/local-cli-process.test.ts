// `npm run local` as a process: what it prints, how it survives a misbehaving handler, how Ctrl-C
// ends it, and what --persist keeps.
import { existsSync } from "node:fs";
import * as path from "node:path";
import type { EnvironmentConfig } from "../../settings/config";
import { tempDir } from "../support/stack";
import { alive, LocalProcess, stoppedEmulatorPid, throwawayProject } from "./support/local-process";

const gadgets = (overrides: Record<string, unknown> = {}): EnvironmentConfig[] => [
  {
    environment: "e2e",
    project: "e2e",
    region: "eu-west-1",
    triggers: [
      {
        tableName: "gadgets",
        partitionKey: { name: "id", type: "N" },
        handlerEntry: "__tests__/fixtures/handlers/fail-on-poison.ts",
        timeoutSeconds: 900,
        batchSize: 1,
        ...overrides,
      },
    ],
  },
];
const TABLE = "gadgets-e2e";
const delivered = /\[gadgets-e2e-stream-handler\] INSERT id=\d+ → ok/;

describe("npm run local, with a handler that misbehaves", () => {
  let local: LocalProcess;
  let stop: { code: number | null; ms: number };

  beforeAll(async () => {
    local = new LocalProcess(throwawayProject(gadgets()));
    await local.waitFor(/Watching the streams/);
    // Idle polls first: DynamoDB Local then fails the first read after the first write, once.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await local.put(TABLE, { id: 1, lateThrow: true });
    await local.waitFor(/environment crashed/);
    await local.put(TABLE, { id: 2 });
    await local.waitFor(delivered, 2);
    const inFlightMarker = path.join(tempDir("in-flight-"), "hanging");
    await local.put(TABLE, { id: 3, hang: true, inFlightMarker });
    while (!existsSync(inFlightMarker)) await new Promise((resolve) => setTimeout(resolve, 50));
    stop = await local.interrupt();
  }, 300_000); // a backstop only: each step waits for what it needs, however loaded the machine

  test("prints Try-it commands with the table's own key type, for put, update and delete", () => {
    expect(local.stdout).toContain(
      `put-item --endpoint-url ${local.endpoint} --table-name ${TABLE} --item '{"id":{"N":"1"},"note":{"S":"hello"}}'`,
    );
    expect(local.stdout).toContain(
      `update-item --endpoint-url ${local.endpoint} --table-name ${TABLE} --key '{"id":{"N":"1"}}'`,
    );
    expect(local.stdout).toContain(
      `delete-item --endpoint-url ${local.endpoint} --table-name ${TABLE} --key '{"id":{"N":"1"}}'`,
    );
  });

  test("survives a throw from a timer after the handler returned, and keeps delivering", () => {
    expect(local.stdout).toMatch(
      /the function's environment crashed after invocation [0-9a-f-]+ returned: Error: thrown by a timer/,
    );
    expect(local.stdout.match(new RegExp(delivered.source, "g"))).toHaveLength(2);
  });

  test("prints no poll error in normal use", () => {
    expect(local.stdout).not.toMatch(/TrimmedDataAccessException|failed \d+ times in a row/);
  });

  test("Ctrl-C ends it though an invocation hangs, not at the function's 900 s timeout, and says what it stopped", () => {
    expect(stop.ms).toBeLessThan(300_000); // far below the timeout, far above a loaded machine's pace
    expect(stop.code).toBe(130);
    expect(local.stdout).toMatch(
      /Stopped 1 trigger, the invocation in flight \(gadgets-e2e-stream-handler\), ended without a retry, DynamoDB Local \(pid \d+\)\./,
    );
  });

  test("leaves no DynamoDB Local process of its own behind", () => {
    expect(alive(stoppedEmulatorPid(local.stdout))).toBe(false);
  });
});

describe("npm run local -- --persist", () => {
  const project = throwawayProject(gadgets({ startingPosition: "TRIM_HORIZON", handlerEntry: undefined }));
  let first: LocalProcess;
  let second: LocalProcess;
  let meanwhile: LocalProcess;
  let meanwhileCode: number | null;
  let kept: Record<string, unknown> | undefined;

  beforeAll(async () => {
    first = new LocalProcess(project, ["--persist"]);
    await first.waitFor(/Watching the streams/);
    await first.put(TABLE, { id: 1 });
    await first.waitFor(delivered);
    await first.interrupt();

    second = new LocalProcess(project, ["--persist"]);
    await second.waitFor(/Watching the streams/);
    kept = await second.get(TABLE, { id: 1 });
    await second.put(TABLE, { id: 2 });
    await second.waitFor(delivered);
    meanwhile = new LocalProcess(project, ["--persist"]);
    const started = meanwhile.waitFor(/Watching the streams/).then(() => "running");
    if ((await Promise.race([meanwhile.exited, started.catch(() => "exited")])) === "running")
      await meanwhile.interrupt();
    meanwhileCode = await meanwhile.exited;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await second.interrupt();
  }, 300_000);

  test("keeps the tables and their items across a restart", () => {
    expect(kept).toEqual({ id: { N: "1" } });
  });

  test("keeps each trigger's checkpoint: a restart delivers only what is new", () => {
    expect(second.stdout.match(new RegExp(delivered.source, "g"))).toHaveLength(1);
    expect(second.stdout).toContain("INSERT id=2 →");
    expect(second.stdout).not.toContain("INSERT id=1 →");
  });

  test("refuses a second --persist run while one runs: one database file under two emulators loses records", () => {
    expect(meanwhileCode).toBe(1);
    expect(meanwhile.stderr.trim()).toBe(
      `local: another npm run local -- --persist (pid ${second.child.pid}) is using .local/dynamodb: stop it first (one runner per checkout)`,
    );
    expect(meanwhile.stdout).not.toContain("Starting DynamoDB Local");
  });

  test("says what it keeps, when it starts and when it stops", () => {
    expect(second.stdout).toContain("Kept across restarts (--persist): tables, items and checkpoints, in .local/.");
    expect(second.stdout).toMatch(/tables, items and checkpoints are kept in \.local\/\./);
  });
});
