// The local trigger runner against a scripted stream: shard order, expired iterators, starting positions.

import { writeFileSync } from "node:fs";
import * as path from "node:path";
import type { DynamoDBStreamsClient, _Record as SdkRecord } from "@aws-sdk/client-dynamodb-streams";
import type { LocalMapping } from "../local/synthesized-stacks";
import { type InvocationReport, type RunnerReport, TriggerRunner } from "../local/trigger-runner";
import { tempDir } from "./support/stack";

interface FakeShard {
  readonly id: string;
  readonly parent?: string;
  readonly records: SdkRecord[];
  closed: boolean;
}

const STREAM = "arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/1";

function record(seq: string): SdkRecord {
  return {
    eventID: `e${seq}`,
    eventName: "INSERT",
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: "ddblocal",
    dynamodb: {
      Keys: { id: { S: seq } },
      NewImage: { id: { S: seq } },
      SequenceNumber: seq,
      SizeBytes: 10,
      StreamViewType: "NEW_IMAGE",
      ApproximateCreationDateTime: new Date(),
    },
  };
}

/** A stream scripted in memory, speaking the four calls the runner makes. */
class FakeStreams {
  private readonly iterators = new Map<string, { shard: FakeShard; position: number }>();
  private next = 0;
  readonly expireNextRead = new Set<string>();
  readonly iteratorRequests: { shard: string; type: string; seq?: string }[] = [];

  constructor(readonly shards: FakeShard[]) {}

  private iterator(shard: FakeShard, position: number): string {
    const id = `it-${this.next++}`;
    this.iterators.set(id, { shard, position });
    return id;
  }

  async send(command: { constructor: { name: string }; input: any }): Promise<unknown> {
    const input = command.input;
    switch (command.constructor.name) {
      case "DescribeStreamCommand":
        return {
          StreamDescription: {
            Shards: this.shards.map((s) => ({
              ShardId: s.id,
              ParentShardId: s.parent,
              SequenceNumberRange: { StartingSequenceNumber: "0", ...(s.closed && { EndingSequenceNumber: "999" }) },
            })),
          },
        };
      case "GetShardIteratorCommand": {
        const shard = this.shards.find((s) => s.id === input.ShardId)!;
        this.iteratorRequests.push({ shard: shard.id, type: input.ShardIteratorType, seq: input.SequenceNumber });
        const position =
          input.ShardIteratorType === "LATEST"
            ? shard.records.length
            : input.ShardIteratorType === "AFTER_SEQUENCE_NUMBER"
              ? shard.records.findIndex((r) => r.dynamodb!.SequenceNumber === input.SequenceNumber) + 1
              : 0;
        return { ShardIterator: this.iterator(shard, position) };
      }
      case "GetRecordsCommand": {
        const state = this.iterators.get(input.ShardIterator)!;
        if (this.expireNextRead.delete(state.shard.id)) {
          throw Object.assign(new Error(""), { name: "ExpiredIteratorException" });
        }
        const records = state.shard.records.slice(state.position, state.position + 2); // small pages
        const position = state.position + records.length;
        const done = state.shard.closed && position >= state.shard.records.length;
        return { Records: records, NextShardIterator: done ? undefined : this.iterator(state.shard, position) };
      }
      default:
        throw new Error(`unexpected ${command.constructor.name}`);
    }
  }
}

function handlerFile(): string {
  const file = path.join(tempDir("fake-handler-"), "index.js");
  writeFileSync(file, "exports.handler = async () => ({ batchItemFailures: [] });\n");
  return file;
}

function mapping(overrides: Partial<LocalMapping> = {}): LocalMapping {
  return {
    stack: "s",
    table: {
      stack: "s",
      address: "aws_dynamodb_table.t",
      name: "t",
      hashKey: "id",
      attributes: [{ name: "id", type: "S" }],
      streamViewType: "NEW_IMAGE",
    },
    function: {
      name: "f",
      file: handlerFile(),
      exportName: "handler",
      timeoutSeconds: 5,
      memorySize: 128,
      environment: {},
      region: "eu-west-1",
    },
    batchSize: 10,
    batchingWindowSeconds: 0,
    startingPosition: "TRIM_HORIZON",
    enabled: true,
    filterPatterns: [],
    reportBatchItemFailures: true,
    bisectOnError: true,
    maximumRetryAttempts: 1,
    maximumRecordAgeSeconds: -1,
    ...overrides,
  };
}

async function run(streams: FakeStreams, m: LocalMapping, until: (seen: string[]) => boolean) {
  const reports: RunnerReport[] = [];
  const seen = () =>
    reports
      .filter((r): r is InvocationReport => r.kind === "invocation")
      .flatMap((r) => r.records.map((x) => x.dynamodb!.SequenceNumber!));
  const runner = new TriggerRunner({
    mapping: m,
    streamArn: STREAM,
    streams: streams as unknown as DynamoDBStreamsClient,
    onReport: (r) => reports.push(r),
    pollIntervalMs: 10,
  });
  await runner.start();
  const deadline = Date.now() + 5000;
  while (!until(seen()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  await runner.stop();
  return { seen: seen(), reports };
}

describe("the local trigger runner", () => {
  test("reads a parent shard to its end before its child", async () => {
    const streams = new FakeStreams([
      { id: "child", parent: "parent", records: ["4", "5"].map(record), closed: false },
      { id: "parent", records: ["1", "2", "3"].map(record), closed: true },
    ]);
    const { seen } = await run(streams, mapping(), (s) => s.length >= 5);
    expect(seen).toEqual(["1", "2", "3", "4", "5"]);
  });

  test("re-acquires an expired iterator from its checkpoint, losing and repeating nothing", async () => {
    const shard: FakeShard = { id: "only", records: ["1", "2"].map(record), closed: false };
    const streams = new FakeStreams([shard]);
    const m = mapping();
    const done = run(streams, m, (s) => s.length >= 4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    streams.expireNextRead.add("only");
    shard.records.push(record("3"), record("4"));
    const { seen } = await done;
    expect(seen).toEqual(["1", "2", "3", "4"]);
    expect(streams.iteratorRequests).toContainEqual({ shard: "only", type: "AFTER_SEQUENCE_NUMBER", seq: "2" });
  });

  test("from LATEST, skips what the stream held before it started", async () => {
    const shard: FakeShard = { id: "only", records: ["1", "2"].map(record), closed: false };
    const streams = new FakeStreams([shard]);
    const done = run(streams, mapping({ startingPosition: "LATEST" }), (s) => s.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    shard.records.push(record("3"));
    expect((await done).seen).toEqual(["3"]);
  });

  test("gives each record Lambda's eventSourceARN and the function's region", async () => {
    const streams = new FakeStreams([{ id: "only", records: [record("1")], closed: false }]);
    const { reports } = await run(streams, mapping(), (s) => s.length >= 1);
    const [invocation] = reports.filter((r): r is InvocationReport => r.kind === "invocation");
    expect(invocation.records[0]).toMatchObject({ eventSourceARN: STREAM, awsRegion: "eu-west-1" });
    expect(typeof invocation.records[0].dynamodb!.ApproximateCreationDateTime).toBe("number");
  });
});
