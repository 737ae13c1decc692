// The local trigger runner against a scripted stream: shard order, starting positions, poll errors,
// filters it cannot judge, stopping.
import * as path from "node:path";
import { CheckpointFile } from "../../local/checkpoint-store";
import {
  FakeRun,
  type FakeShard,
  FakeStreams,
  invocations,
  mapping,
  record,
  run,
  STREAM,
  until,
} from "../support/fake-stream";
import { tempDir } from "../support/stack";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A LATEST runner has fixed where it starts: it asked for two iterators, the first to find the shard's last
 * record, the second to read after it (shard-order.ts). A record written before then would be "before the
 * start"; the tests write theirs after it, whatever the machine's pace.
 */
const latestResolved = (streams: FakeStreams) => streams.iteratorRequests.length >= 2;

describe("the local trigger runner", () => {
  test("reads a parent shard to its end before its child", async () => {
    const streams = new FakeStreams([
      { id: "child", parent: "parent", records: ["4", "5"].map((s) => record(s)), closed: false },
      { id: "parent", records: ["1", "2", "3"].map((s) => record(s)), closed: true },
    ]);
    const { seen } = await run(streams, mapping(), (s) => s.length >= 5);
    expect(seen).toEqual(["1", "2", "3", "4", "5"]);
  });

  test("re-acquires an expired iterator from its checkpoint, losing and repeating nothing", async () => {
    const shard: FakeShard = { id: "only", records: ["1", "2"].map((s) => record(s)), closed: false };
    const streams = new FakeStreams([shard]);
    const fake = new FakeRun(streams, mapping());
    await fake.runner.start();
    await fake.waitFor(() => fake.seen.length >= 2);
    streams.expireNextRead.add("only");
    shard.records.push(record("3"), record("4"));
    await fake.waitFor(() => fake.seen.length >= 4);
    await fake.runner.stop();
    expect(fake.seen).toEqual(["1", "2", "3", "4"]);
    expect(streams.iteratorRequests).toContainEqual({ shard: "only", type: "AFTER_SEQUENCE_NUMBER", seq: "2" });
  });

  test("from LATEST, skips what the stream held before it started", async () => {
    const shard: FakeShard = { id: "only", records: ["1", "2"].map((s) => record(s)), closed: false };
    const streams = new FakeStreams([shard]);
    const done = run(streams, mapping({ startingPosition: "LATEST" }), (s) => s.length >= 1);
    await until(() => latestResolved(streams));
    shard.records.push(record("3"));
    expect((await done).seen).toEqual(["3"]);
  });

  test("from LATEST, never replays what came before the start, even after a poll error", async () => {
    const shard: FakeShard = { id: "only", records: ["1", "2"].map((s) => record(s)), closed: false };
    const streams = new FakeStreams([shard]);
    const done = run(streams, mapping({ startingPosition: "LATEST" }), (s) => s.length >= 2);
    await until(() => latestResolved(streams));
    streams.failNextReads.push("InternalServerError");
    await until(() => streams.failNextReads.length === 0);
    shard.records.push(record("3"), record("4"));
    expect((await done).seen).toEqual(["3", "4"]);
  });

  test("a poll error that clears on the next try is retried quietly", async () => {
    // DynamoDB Local answers the first read after the first write to an empty shard this way.
    const shard: FakeShard = { id: "only", records: [], closed: false };
    const streams = new FakeStreams([shard]);
    const done = run(streams, mapping({ startingPosition: "LATEST" }), (s) => s.length >= 1);
    await until(() => latestResolved(streams));
    streams.failNextReads.push("TrimmedDataAccessException");
    shard.records.push(record("1"));
    const { seen, reports } = await done;
    expect(seen).toEqual(["1"]);
    expect(reports.filter((r) => r.kind === "poll-error")).toEqual([]);
  });

  test("a poll error that persists is reported once, and reading carries on after it", async () => {
    const shard: FakeShard = { id: "only", records: [], closed: false };
    const streams = new FakeStreams([shard]);
    streams.failNextReads.push(...Array(6).fill("ProvisionedThroughputExceededException"));
    const done = run(streams, mapping(), (s) => s.length >= 1);
    shard.records.push(record("1"));
    const { seen, reports } = await done;
    expect(seen).toEqual(["1"]);
    const errors = reports.filter((r) => r.kind === "poll-error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ shardId: "only", error: expect.stringContaining("ProvisionedThroughput") });
  });

  test("gives each record Lambda's eventSourceARN and the function's region", async () => {
    const streams = new FakeStreams([{ id: "only", records: [record("1")], closed: false }]);
    const { reports } = await run(streams, mapping(), (s) => s.length >= 1);
    const [invocation] = invocations(reports);
    expect(invocation.records[0]).toMatchObject({ eventSourceARN: STREAM, awsRegion: "eu-west-1" });
    expect(typeof invocation.records[0].dynamodb!.ApproximateCreationDateTime).toBe("number");
  });

  test("a filter pattern it cannot judge is reported once, and the trigger keeps delivering", async () => {
    const streams = new FakeStreams([{ id: "only", records: ["1", "2", "3"].map((s) => record(s)), closed: false }]);
    const m = mapping({ filterPatterns: ['{"eventName":"INSERT"}', '{"eventName":[{"regex":"^I"}]}'] });
    const { seen, reports } = await run(streams, m, (s) => s.length >= 3);
    expect(seen).toEqual(["1", "2", "3"]);
    const errors = reports.filter((r) => r.kind === "filter-error");
    expect(errors.map((e) => e.kind === "filter-error" && e.error)).toEqual([
      expect.stringContaining('{"eventName":"INSERT"}'),
      expect.stringContaining("regex"),
    ]);
  });

  test("reports each record its filters keep from the function, and delivers the rest", async () => {
    const images = [true, false, true].map((keep) => ({ keep: { BOOL: keep } }));
    const records = images.map((image, i) => record(String(i + 1), { image }));
    const m = mapping({ filterPatterns: ['{"dynamodb":{"NewImage":{"keep":{"BOOL":[true]}}}}'] });
    const { seen, reports } = await run(
      new FakeStreams([{ id: "only", records, closed: false }]),
      m,
      (s) => s.length >= 2,
    );
    expect(seen).toEqual(["1", "3"]);
    const filtered = reports.flatMap((r) => (r.kind === "filtered-out" ? r.records : []));
    expect(filtered.map((r) => r.dynamodb?.SequenceNumber)).toEqual(["2"]);
  });

  test("stops at once while an invocation hangs (not at its 15-minute timeout), without counting it as a failure", async () => {
    const streams = new FakeStreams([{ id: "only", records: [record("1")], closed: false }]);
    const m = mapping({}, "exports.handler = () => new Promise(() => {});\n");
    const fake = new FakeRun(streams, { ...m, function: { ...m.function, timeoutSeconds: 900 } });
    await fake.runner.start();
    await fake.waitFor(() => fake.runner.invoking);
    await fake.runner.stop(); // waiting for the timeout would outlast the test's
    expect(fake.reports.filter((r) => r.kind !== "environment-ended")).toEqual([]);
  });

  test("leaves no timer behind once stopped, however long the pause it was in", async () => {
    const streams = new FakeStreams([{ id: "only", records: [], closed: false }]);
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const before = timers();
    // An hour between idle polls: a pending timer would keep the process (and a test worker) alive.
    const fake = new FakeRun(streams, mapping(), { idlePollMs: 3_600_000, discoverIntervalMs: 3_600_000 });
    await fake.runner.start();
    await wait(100);
    await fake.runner.stop();
    expect(timers()).toBeLessThanOrEqual(before);
  });

  test("a handler that throws while it loads fails each try as Lambda's init does, then the batch is parked", async () => {
    const streams = new FakeStreams([{ id: "only", records: [record("1")], closed: false }]);
    const m = mapping({ maximumRetryAttempts: 1 }, 'throw new Error("X is not set");\n');
    const fake = new FakeRun(streams, m, { retryBackoff: { firstMs: 10, maxMs: 10 } });
    await fake.runner.start();
    await fake.waitFor(() => fake.reports.some((r) => r.kind === "parked"));
    await fake.runner.stop();
    expect(
      fake.reports.map((r) => (r.kind === "invocation" && r.result.kind === "error" ? r.result.errorType : r.kind)),
    ).toEqual(["Runtime.InitError", "Runtime.InitError", "parked"]);
  });

  test("a stream disabled by its table's deletion is reported once, after what it held is delivered", async () => {
    const shard: FakeShard = { id: "only", records: ["1", "2"].map((s) => record(s)), closed: false };
    const streams = new FakeStreams([shard]);
    const fake = new FakeRun(streams, mapping(), { discoverIntervalMs: 10 });
    await fake.runner.start();
    await fake.waitFor(() => fake.seen.length >= 2);
    // What DynamoDB Local answers once the table is deleted: the shard closed, the stream DISABLED.
    shard.closed = true;
    streams.status = "DISABLED";
    await fake.waitFor(() => fake.reports.some((r) => r.kind === "stream-disabled"));
    await wait(100);
    await fake.runner.stop();
    expect(fake.seen).toEqual(["1", "2"]);
    expect(fake.reports.filter((r) => r.kind === "stream-disabled")).toEqual([
      { kind: "stream-disabled", functionName: "f", tableName: "t", streamArn: STREAM },
    ]);
  });

  test("resumes after its saved checkpoint, whatever the starting position", async () => {
    const file = path.join(tempDir("checkpoints-"), "checkpoints.json");
    const first = new CheckpointFile(file);
    const shard: FakeShard = { id: "only", records: ["1", "2"].map((s) => record(s)), closed: false };
    await run(new FakeStreams([shard]), mapping(), (s) => s.length >= 2, { checkpoints: first });
    shard.records.push(record("3"));
    const again = await run(new FakeStreams([shard]), mapping(), (s) => s.length >= 1, {
      checkpoints: new CheckpointFile(file),
    });
    expect(again.seen).toEqual(["3"]);
  });
});
