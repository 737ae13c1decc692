// Runs one event source mapping against DynamoDB Local the way Lambda's stream poller does: it follows
// the stream's shards (parents before children), batches records, applies filters, invokes the bundled
// function, and acts on its answer (checkpoint, partial-failure retry, bisect, retry and age limits,
// on-failure destination).
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as SdkRecord,
  type Shard,
  type ShardIteratorType,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord } from "aws-lambda";
import { interpretResponse } from "./batch-response";
import { passesFilters } from "./event-filter";
import type { FailureCondition, FailureDestination } from "./failure-destination";
import { type InvocationResult, LambdaInvoker } from "./lambda-invoker";
import { toLambdaRecord } from "./stream-records";
import type { LocalMapping } from "./synthesized-stacks";

/** What one invocation did, for the live view and for tests. */
export interface InvocationReport {
  readonly kind: "invocation";
  readonly functionName: string;
  readonly tableName: string;
  readonly shardId: string;
  readonly records: readonly DynamoDBRecord[];
  readonly result: InvocationResult;
  /** Sequence numbers Lambda would retry from this answer (empty: the batch succeeded). */
  readonly failed: readonly string[];
  readonly attempt: number;
}

export interface ParkedReport {
  readonly kind: "parked";
  readonly functionName: string;
  readonly tableName: string;
  readonly condition: FailureCondition;
  readonly records: readonly DynamoDBRecord[];
  readonly file: string;
}

/** Polling trouble: "poll-error" is retried after a second; "stopped" ends that shard's reading. */
export interface PollerReport {
  readonly kind: "poll-error" | "stopped";
  readonly functionName: string;
  readonly shardId: string;
  readonly error: string;
}

export type RunnerReport = InvocationReport | ParkedReport | PollerReport;

export interface TriggerRunnerOptions {
  readonly mapping: LocalMapping;
  readonly streamArn: string;
  readonly streams: DynamoDBStreamsClient;
  readonly destination?: FailureDestination;
  readonly onReport?: (report: RunnerReport) => void;
  /** Wait between empty polls; Lambda polls each shard about four times a second. */
  readonly pollIntervalMs?: number;
  /** How often new shards are looked for. */
  readonly discoverIntervalMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isExpiredIterator(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  // DynamoDB Local sends ExpiredIteratorException with an empty message, which the SDK names UnknownError.
  return e.name === "ExpiredIteratorException" || (e.name === "UnknownError" && !e.message);
}

export class TriggerRunner {
  private readonly invoker: LambdaInvoker;
  private readonly shards = new Map<string, Promise<void>>();
  /** Resolves when a shard is closed and fully read; known for every shard the stream has listed. */
  private readonly shardDone = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  private stopped = false;
  private markStopped!: () => void;
  private readonly whenStopped = new Promise<void>((resolve) => (this.markStopped = resolve));
  private discovery?: Promise<void>;
  private readonly pollIntervalMs: number;

  constructor(private readonly options: TriggerRunnerOptions) {
    this.invoker = new LambdaInvoker(options.mapping.function);
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
  }

  /** Resolves once every open shard has its starting iterator, so later writes are seen even with LATEST. */
  async start(): Promise<void> {
    const shards = await this.describeShards();
    const initial = await Promise.all(
      shards.map(async (shard) => {
        const open = shard.SequenceNumberRange?.EndingSequenceNumber === undefined;
        // LATEST skips what is already in the stream, closed shards included; TRIM_HORIZON reads it all.
        if (this.options.mapping.startingPosition === "LATEST" && !open) return { shard, iterator: null };
        return { shard, iterator: await this.iterator(shard.ShardId!, this.options.mapping.startingPosition) };
      }),
    );
    this.know(shards);
    for (const { shard, iterator } of initial) this.follow(shard, iterator);
    this.discovery = this.discoverLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.markStopped();
    await Promise.allSettled([...this.shards.values(), this.discovery]);
    await this.invoker.close();
  }

  private async describeShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await this.options.streams.send(
        new DescribeStreamCommand({ StreamArn: this.options.streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  private async discoverLoop(): Promise<void> {
    const every = this.options.discoverIntervalMs ?? 5000;
    let last = Date.now();
    while (!this.stopped) {
      await sleep(250);
      if (this.stopped || Date.now() - last < every) continue;
      last = Date.now();
      // Shards created after start (a split) are read from their beginning, after their parent.
      const fresh = (await this.describeShards().catch(() => [])).filter((shard) => !this.shards.has(shard.ShardId!));
      this.know(fresh);
      for (const shard of fresh) this.follow(shard, undefined);
    }
  }

  private async iterator(shardId: string, type: string, sequenceNumber?: string): Promise<string | undefined> {
    const out = await this.options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.options.streamArn,
        ShardId: shardId,
        ShardIteratorType: type as ShardIteratorType,
        SequenceNumber: sequenceNumber,
      }),
    );
    return out.ShardIterator;
  }

  /** Registers shards before any is followed, so a child listed before its parent still waits for it. */
  private know(shards: Shard[]): void {
    for (const shard of shards) {
      if (this.shardDone.has(shard.ShardId!)) continue;
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.shardDone.set(shard.ShardId!, { promise, resolve });
    }
  }

  /** `iterator`: a starting iterator, null for a shard to skip, undefined to start at TRIM_HORIZON. */
  private follow(shard: Shard, iterator: string | null | undefined): void {
    const id = shard.ShardId!;
    const done = this.shardDone.get(id)!;
    if (iterator === null) {
      this.shards.set(id, Promise.resolve());
      done.resolve();
      return;
    }
    // A parent the stream no longer lists has been trimmed: nothing to wait for.
    const parent = shard.ParentShardId ? this.shardDone.get(shard.ParentShardId) : undefined;
    this.shards.set(
      id,
      (async () => {
        if (parent) await Promise.race([parent.promise, this.whenStopped]);
        try {
          if (!this.stopped) await this.readShard(id, iterator);
        } catch (error) {
          this.options.onReport?.({
            kind: "stopped",
            functionName: this.options.mapping.function.name,
            shardId: id,
            error: String(error),
          });
        }
        done.resolve();
      })(),
    );
  }

  private async readShard(shardId: string, first: string | undefined): Promise<void> {
    const m = this.options.mapping;
    let iterator = first;
    let checkpoint: string | undefined; // the last record handled (delivered, parked or filtered out)
    let pending: DynamoDBRecord[] = [];
    let lastFetched: string | undefined;
    let firstPendingAt = 0;
    while (!this.stopped) {
      if (iterator === undefined) {
        iterator = checkpoint
          ? await this.iterator(shardId, "AFTER_SEQUENCE_NUMBER", checkpoint)
          : await this.iterator(shardId, "TRIM_HORIZON");
      }
      let records: SdkRecord[];
      let next: string | undefined;
      try {
        const out = await this.options.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        records = out.Records ?? [];
        next = out.NextShardIterator;
      } catch (error) {
        if (!isExpiredIterator(error)) {
          if (this.stopped) return;
          this.options.onReport?.({ kind: "poll-error", functionName: m.function.name, shardId, error: String(error) });
          await sleep(1000);
        }
        // Re-read from the checkpoint: what was fetched but not handled is fetched again.
        iterator = undefined;
        pending = [];
        lastFetched = undefined;
        continue;
      }
      for (const record of records) {
        const lambdaRecord = toLambdaRecord(record, this.options.streamArn, m.function.region);
        lastFetched = lambdaRecord.dynamodb!.SequenceNumber;
        if (passesFilters(m.filterPatterns, lambdaRecord)) {
          if (pending.length === 0) firstPendingAt = Date.now();
          pending.push(lambdaRecord);
        }
      }
      const windowOver = Date.now() - firstPendingAt >= m.batchingWindowSeconds * 1000;
      while (pending.length > 0 && (pending.length >= m.batchSize || windowOver || next === undefined)) {
        const batch = pending.splice(0, m.batchSize);
        await this.deliver(shardId, batch, 0);
        checkpoint = batch[batch.length - 1].dynamodb!.SequenceNumber;
        if (this.stopped) return;
      }
      if (pending.length === 0 && lastFetched) checkpoint = lastFetched; // filtered-out records are never retried
      if (next === undefined && pending.length === 0) return; // the shard is closed and fully read
      iterator = next;
      if (records.length === 0 || pending.length > 0) await sleep(this.pollIntervalMs);
    }
  }

  /** Processes `batch` until it succeeds or is parked; retries and bisects as the mapping says. */
  private async deliver(shardId: string, batch: DynamoDBRecord[], attemptsSoFar: number): Promise<void> {
    const m = this.options.mapping;
    let records = batch;
    let attempts = attemptsSoFar;
    while (!this.stopped) {
      if (m.maximumRecordAgeSeconds !== -1) {
        const oldest = records[0].dynamodb!.ApproximateCreationDateTime ?? Date.now() / 1000;
        if (Date.now() / 1000 - oldest > m.maximumRecordAgeSeconds)
          return this.park(shardId, records, "RecordAgeExceeded", attempts);
      }
      const result = await this.invoker.invoke({ Records: records });
      const outcome = interpretResponse(result, records, m.reportBatchItemFailures);
      const failedFrom = outcome.kind === "ok" ? records.length : outcome.kind === "partial" ? outcome.from : 0;
      this.options.onReport?.({
        kind: "invocation",
        functionName: m.function.name,
        tableName: m.table.name,
        shardId,
        records,
        result,
        failed: records.slice(failedFrom).map((r) => r.dynamodb!.SequenceNumber!),
        attempt: attempts + 1,
      });
      if (outcome.kind === "ok") return;
      // Lambda checkpoints before the earliest failure; records before it are done.
      records = records.slice(failedFrom);
      attempts += 1;
      if (m.maximumRetryAttempts !== -1 && attempts > m.maximumRetryAttempts) {
        return this.park(shardId, records, "RetryAttemptsExhausted", attempts, result);
      }
      if (outcome.kind === "error" && m.bisectOnError && records.length > 1) {
        const half = Math.ceil(records.length / 2);
        await this.deliver(shardId, records.slice(0, half), attempts);
        await this.deliver(shardId, records.slice(half), attempts);
        return;
      }
    }
  }

  private async park(
    shardId: string,
    records: DynamoDBRecord[],
    condition: FailureCondition,
    attempts: number,
    result?: InvocationResult,
  ): Promise<void> {
    const m = this.options.mapping;
    const file = await this.options.destination?.write({
      functionArn: this.invoker.functionArn,
      streamArn: this.options.streamArn,
      shardId,
      records,
      condition,
      approximateInvokeCount: attempts,
      functionError: result?.kind === "error" ? "Unhandled" : undefined,
    });
    this.options.onReport?.({
      kind: "parked",
      functionName: m.function.name,
      tableName: m.table.name,
      condition,
      records,
      file: file ?? "",
    });
  }
}
