// Records the stream no longer holds are reported as lost, with their sequence range, and the message is
// kept. DynamoDB Local never trims, so trimming is shown the way AWS shows it: a range that starts before
// the shard's oldest record (DynamoDB Local refuses that sequence number; AWS answers
// TrimmedDataAccessException), and a stream that no longer exists.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { DynamoDBRecord } from "aws-lambda";
import { LocalRedrive } from "./support/local-redrive";
import { booksTrigger, LocalTrigger } from "./support/local-trigger";

const width = (like: string, n: bigint) => n.toString().padStart(like.length, "0");

interface Pointer {
  readonly start: string;
  readonly end: string;
  readonly batchSize: number;
  readonly streamArn?: string;
}

describe("a parked range the stream no longer holds", () => {
  let local: LocalTrigger;
  let redriver: LocalRedrive;
  let queueFolder: string;
  let shardId: string;
  let sequences: string[];
  let first: DynamoDBRecord;

  /** Writes an on-failure message, as the local runner would, pointing where the test says. */
  const park = (name: string, pointer: Pointer) => {
    const body = {
      requestContext: {
        requestId: name,
        functionArn: "f",
        condition: "RetryAttemptsExhausted",
        approximateInvokeCount: 2,
      },
      responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
      version: "1.0",
      timestamp: new Date().toISOString(),
      DDBStreamBatchInfo: {
        shardId,
        startSequenceNumber: pointer.start,
        endSequenceNumber: pointer.end,
        approximateArrivalOfFirstRecord: "2026-11-24T10:00:00Z",
        approximateArrivalOfLastRecord: "2026-11-24T10:00:00Z",
        batchSize: pointer.batchSize,
        streamArn: pointer.streamArn ?? first.eventSourceARN,
      },
    };
    writeFileSync(path.join(queueFolder, `${name}.json`), JSON.stringify(body));
  };
  const run = (replay: boolean, max?: number) => redriver.run({ replay, max });

  beforeAll(async () => {
    // Sequence numbers are shared by every table in DynamoDB Local: a few changes elsewhere first make
    // room for numbers below this table's oldest record.
    const other = await new LocalTrigger(booksTrigger("lostwarmup")).start();
    for (const n of [1, 2, 3]) await other.put({ author: `Author ${n}`, bookTitle: `Title ${n}` });
    await other.stop();
    local = await new LocalTrigger(booksTrigger("lost")).start();
    redriver = new LocalRedrive(local);
    queueFolder = redriver.queueFolder;
    for (const n of [1, 2, 3]) await local.put({ author: `Author ${n}`, bookTitle: `Title ${n}` });
    await local.waitFor("three records", () => local.invocations.length >= 3);
    first = local.invocations[0].records[0];
    shardId = local.invocations[0].shardId;
    sequences = local.invocations.map((i) => i.records[0].dynamodb!.SequenceNumber!);
  });

  afterAll(async () => {
    await local.stop();
    redriver.close();
  });

  beforeEach(() => {
    rmSync(queueFolder, { recursive: true, force: true });
    mkdirSync(queueFolder, { recursive: true });
  });

  test("a range whose start was trimmed: the rest is read back, the start reported lost, the message kept", async () => {
    const before = width(sequences[0], BigInt(sequences[0]) - 1n);
    park("a", { start: before, end: sequences[1], batchSize: 3 });
    const summary = await run(false);
    expect(summary).toMatchObject({ messages: 1, kept: 1, removed: 0, found: 2, lost: 1 });
    expect(summary.problems).toEqual([
      `a.json: LOST 1 record: sequence number ${before} (trimmed: the shard's oldest record is ${BigInt(sequences[0])})`,
    ]);
  });

  test("replaying what survived still keeps the message, since part of it is lost", async () => {
    park("a", { start: width(sequences[0], BigInt(sequences[0]) - 1n), end: sequences[1], batchSize: 3 });
    const summary = await run(true);
    expect(summary).toMatchObject({ messages: 1, kept: 1, removed: 0, replayed: 2, lost: 1 });
    expect(readdirSync(queueFolder)).toEqual(["a.json"]);
  });

  test("a range wholly trimmed: every record reported lost", async () => {
    const start = width(sequences[0], BigInt(sequences[0]) - 3n);
    const end = width(sequences[0], BigInt(sequences[0]) - 1n);
    park("b", { start, end, batchSize: 2 });
    const summary = await run(true);
    expect(summary).toMatchObject({ messages: 1, kept: 1, found: 0, replayed: 0, lost: 2 });
    expect(summary.problems[0]).toContain(`LOST 2 records: sequence numbers ${start} to ${end} (trimmed`);
  });

  test("a stream that no longer exists: the whole batch reported lost", async () => {
    const gone = first.eventSourceARN!.replace(/stream\/.*$/, "stream/2000-01-01T00:00:00.000");
    park("c", { start: sequences[0], end: sequences[0], batchSize: 1, streamArn: gone });
    const summary = await run(true);
    expect(summary).toMatchObject({ messages: 1, kept: 1, found: 0, lost: 1 });
    expect(summary.problems[0]).toMatch(/LOST 1 record: sequence number \d+ \(the stream or shard no longer exists/);
  });

  test("--max 1 handles one message and leaves the others", async () => {
    park("a", { start: sequences[0], end: sequences[0], batchSize: 1 });
    park("b", { start: sequences[1], end: sequences[1], batchSize: 1 });
    const summary = await run(true, 1);
    expect(summary).toMatchObject({ messages: 1, removed: 1, problems: [] });
    expect(readdirSync(queueFolder)).toEqual(["b.json"]);
  });
});
