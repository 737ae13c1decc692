// A DynamoDB stream scripted in memory, speaking the four calls the local trigger runner makes, and a
// runner around it that collects what it reports: unit tests of the runner need no emulator.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import type { AttributeValue, DynamoDBStreamsClient, _Record as SdkRecord } from "@aws-sdk/client-dynamodb-streams";
import type { LocalMapping } from "../../emulation/synthesized-stacks";
import type { InvocationReport, RunnerReport } from "../../local/runner-reports";
import { TriggerRunner, type TriggerRunnerOptions } from "../../local/trigger-runner";
import { tempDir } from "./stack";

export interface FakeShard {
  readonly id: string;
  readonly parent?: string;
  readonly records: SdkRecord[];
  closed: boolean;
}

export const STREAM = "arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/1";

export function record(seq: string, extra: { created?: Date; image?: Record<string, unknown> } = {}): SdkRecord {
  return {
    eventID: `e${seq}`,
    eventName: "INSERT",
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: "ddblocal",
    dynamodb: {
      Keys: { id: { S: seq } },
      NewImage: { id: { S: seq }, ...((extra.image ?? {}) as Record<string, AttributeValue>) },
      SequenceNumber: seq,
      SizeBytes: 10,
      StreamViewType: "NEW_IMAGE",
      ApproximateCreationDateTime: extra.created ?? new Date(),
    },
  };
}

const error = (name: string, message = "") => Object.assign(new Error(message), { name });

export class FakeStreams {
  private readonly iterators = new Map<string, { shard: FakeShard; position: number }>();
  private next = 0;
  readonly expireNextRead = new Set<string>();
  /** Errors the next reads throw, in order (by name). */
  readonly failNextReads: string[] = [];
  readonly iteratorRequests: { shard: string; type: string; seq?: string }[] = [];
  reads = 0;
  /** What DescribeStream says of the stream: DISABLED once its table is deleted. */
  status: "ENABLED" | "DISABLED" = "ENABLED";
  /** Records per GetRecords page: small, so batching across pages is exercised. */
  pageSize = 2;

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
            StreamStatus: this.status,
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
        this.reads += 1;
        const state = this.iterators.get(input.ShardIterator)!;
        if (this.expireNextRead.delete(state.shard.id)) throw error("ExpiredIteratorException");
        const failure = this.failNextReads.shift();
        if (failure) throw error(failure, `${failure} (scripted)`);
        const records = state.shard.records.slice(state.position, state.position + this.pageSize);
        const position = state.position + records.length;
        const done = state.shard.closed && position >= state.shard.records.length;
        return { Records: records, NextShardIterator: done ? undefined : this.iterator(state.shard, position) };
      }
      default:
        throw new Error(`unexpected ${command.constructor.name}`);
    }
  }
}

/** A handler file; by default it reports no failures. */
export function handlerFile(source = "exports.handler = async () => ({ batchItemFailures: [] });\n"): string {
  const file = path.join(tempDir("fake-handler-"), "index.js");
  writeFileSync(file, source);
  return file;
}

export function mapping(overrides: Partial<LocalMapping> = {}, handlerSource?: string): LocalMapping {
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
      file: handlerFile(handlerSource),
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
    tumblingWindowSeconds: 0,
    ...overrides,
  };
}

export const invocations = (reports: RunnerReport[]) =>
  reports.filter((r): r is InvocationReport => r.kind === "invocation");

/** Sequence numbers of every record delivered, in order, retries included. */
export const delivered = (reports: RunnerReport[]) =>
  invocations(reports).flatMap((r) => r.records.map((x) => x.dynamodb!.SequenceNumber!));

export class FakeRun {
  readonly reports: RunnerReport[] = [];
  readonly runner: TriggerRunner;

  constructor(
    readonly streams: FakeStreams,
    m: LocalMapping,
    options: Partial<TriggerRunnerOptions> = {},
  ) {
    this.runner = new TriggerRunner({
      mapping: m,
      streamArn: STREAM,
      streams: streams as unknown as DynamoDBStreamsClient,
      onReport: (r) => this.reports.push(r),
      idlePollMs: 10,
      ...options,
    });
  }

  get seen(): string[] {
    return delivered(this.reports);
  }

  waitFor(condition: () => boolean): Promise<void> {
    return until(condition);
  }
}

/** Until `condition` holds, however long a loaded machine takes: Jest's test timeout is the backstop. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Starts a runner, waits until `until` holds, stops it. */
export async function run(
  streams: FakeStreams,
  m: LocalMapping,
  until: (seen: string[]) => boolean,
  options: Partial<TriggerRunnerOptions> = {},
) {
  const fake = new FakeRun(streams, m, options);
  await fake.runner.start();
  await fake.waitFor(() => until(fake.seen));
  await fake.runner.stop();
  return { seen: fake.seen, reports: fake.reports };
}
