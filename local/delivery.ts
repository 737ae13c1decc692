// What Lambda does with one batch read from a stream, until it succeeds or is parked: invoke, act on the
// answer (checkpoint, partial-failure retry, bisect), retry with backoff within the retry quota and the
// maximum record age, then send the batch to the on-failure destination. It sees the function only
// through `Invoker` and time only through `pause` and `clock`, so its rules are tested without a
// stream, a worker thread or a wall clock.
import type { DynamoDBRecord } from "aws-lambda";
import { interpretResponse } from "../emulation/batch-response";
import type { InvocationResult } from "../emulation/local-invoker";
import type { FailureCondition, ParkedBatch } from "../emulation/on-failure-message";
import type { LocalMapping } from "../emulation/synthesized-stacks";
import { TumblingWindows } from "../emulation/tumbling-windows";
import { type Backoff, RETRY_BACKOFF, recordAgeSeconds, retryDelayMs } from "./retry-policy";
import type { RunnerReport } from "./runner-reports";

/** The function, as delivery sees it (LocalInvoker locally). */
export interface Invoker {
  readonly functionArn: string;
  /** A batch's event: its records, and with a tumbling window the window's bounds and state. */
  invoke(event: { Records: readonly DynamoDBRecord[] }): Promise<InvocationResult>;
}

/** Where exhausted batches go; says where it wrote the batch. */
export interface ParkingDestination {
  /** The folder standing for the queue or bucket. */
  readonly folder: string;
  write(batch: ParkedBatch): Promise<string>;
}

export interface DeliveryOptions {
  readonly mapping: LocalMapping;
  readonly streamArn: string;
  readonly invoker: Invoker;
  readonly destination?: ParkingDestination;
  readonly report: (report: RunnerReport) => void;
  /** Waits between retries; resolves early once `stopped()` holds. */
  readonly pause: (ms: number) => Promise<void>;
  readonly stopped: () => boolean;
  readonly retryBackoff?: Backoff;
  /** The clock records are aged by. */
  readonly clock?: () => number;
}

export class Delivery {
  /** When the runner first fetched each record not yet checkpointed, for its age. */
  private readonly firstSeen = new Map<string, number>();
  /** With tumblingWindowSeconds: each shard's open window and its state. */
  private readonly windows?: TumblingWindows;

  constructor(private readonly options: DeliveryOptions) {
    const { tumblingWindowSeconds } = options.mapping;
    if (tumblingWindowSeconds > 0) this.windows = new TumblingWindows(tumblingWindowSeconds, options.streamArn);
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  /** Notes a record fetched from the stream; its age counts from its first fetch at the latest. */
  fetched(sequenceNumber: string): void {
    if (!this.firstSeen.has(sequenceNumber)) this.firstSeen.set(sequenceNumber, this.now());
  }

  /** Forgets records up to a checkpoint: they are never delivered again. */
  checkpointed(sequenceNumber: string): void {
    const done = BigInt(sequenceNumber);
    for (const seen of this.firstSeen.keys()) if (BigInt(seen) <= done) this.firstSeen.delete(seen);
  }

  /**
   * Processes `batch` until it succeeds or is parked, retrying and bisecting as the mapping says.
   * Returns false if the runner stopped first. AWS (Lambda developer guide, DynamoDB Streams error
   * handling): "If the function receives the records but returns an error, Lambda retries until the
   * records in the batch expire, exceed the maximum age, or reach the configured retry quota. [...]
   * Splitting a batch does not count towards the retry quota." So each half of a split starts with its
   * own count, and a split at a reported failure ("the batch is bisected at the returned sequence number
   * and Lambda retries only the remaining records") starts one too; re-sending the same records counts.
   */
  async deliver(
    shardId: string,
    batch: DynamoDBRecord[],
    progress: (sequenceNumber: string) => void,
  ): Promise<boolean> {
    const m = this.options.mapping;
    let records = batch;
    let invocations = 0;
    for (;;) {
      if (this.options.stopped()) return false;
      if (this.tooOld(records[0])) return this.park(shardId, records, "RecordAgeExceeded", invocations);
      const event = this.windows ? this.windows.event(shardId, records, this.now()) : { Records: records };
      const answer = await this.options.invoker.invoke(event);
      if (this.options.stopped()) return false; // ended by stop(): not the function's failure
      const result = this.windows ? this.windows.answered(shardId, answer) : answer;
      invocations += 1;
      const outcome = interpretResponse(result, records, m.reportBatchItemFailures);
      const failedFrom = outcome.kind === "ok" ? records.length : outcome.kind === "partial" ? outcome.from : 0;
      this.options.report({
        kind: "invocation",
        functionName: m.function.name,
        tableName: m.table.name,
        shardId,
        records,
        result,
        failed: records.slice(failedFrom).map((r) => r.dynamodb!.SequenceNumber!),
        attempt: invocations,
      });
      if (outcome.kind === "ok") return true;
      if (failedFrom > 0) {
        // Lambda checkpoints before the earliest failure; records before it are done.
        progress(records[failedFrom - 1].dynamodb!.SequenceNumber!);
        records = records.slice(failedFrom);
        if (m.bisectOnError) {
          invocations = 0;
          continue;
        }
      } else if (outcome.kind === "error" && m.bisectOnError && records.length > 1) {
        const half = Math.ceil(records.length / 2);
        if (!(await this.deliver(shardId, records.slice(0, half), progress))) return false;
        progress(records[half - 1].dynamodb!.SequenceNumber!);
        return this.deliver(shardId, records.slice(half), progress);
      }
      const retries = invocations; // every invocation after the first was a retry
      if (m.maximumRetryAttempts !== -1 && retries > m.maximumRetryAttempts)
        return this.park(shardId, records, "RetryAttemptsExhausted", invocations, result);
      await this.options.pause(retryDelayMs(retries, this.options.retryBackoff ?? RETRY_BACKOFF));
    }
  }

  /**
   * A tumbling window whose end has passed is closed with a final invocation of no records, retried until
   * it succeeds: Lambda holds the shard until then. Returns false if the runner stopped first.
   */
  async closeWindow(shardId: string): Promise<boolean> {
    const m = this.options.mapping;
    for (let attempt = 1; this.windows; attempt++) {
      const event = this.windows.closing(shardId, this.now());
      if (!event) return true;
      const result = this.windows.answered(shardId, await this.options.invoker.invoke(event));
      if (this.options.stopped()) return false;
      this.options.report({
        kind: "invocation",
        functionName: m.function.name,
        tableName: m.table.name,
        shardId,
        records: [],
        result,
        failed: [],
        attempt,
      });
      if (result.kind === "returned") {
        this.windows.closed(shardId);
        return true;
      }
      await this.options.pause(retryDelayMs(attempt, this.options.retryBackoff ?? RETRY_BACKOFF));
    }
    return true;
  }

  private tooOld(record: DynamoDBRecord): boolean {
    const maxAge = this.options.mapping.maximumRecordAgeSeconds;
    if (maxAge === -1) return false;
    const now = this.now();
    const seen = this.firstSeen.get(record.dynamodb!.SequenceNumber!) ?? now;
    return recordAgeSeconds(record.dynamodb!.ApproximateCreationDateTime, seen, now) > maxAge;
  }

  /**
   * Sends the batch to the on-failure destination. A write that fails (a full disk) is said once and
   * retried with the retry backoff, never by invoking the function again; the batch is not checkpointed
   * until it is parked. Returns false if the runner stopped first: the batch is read again next time.
   */
  private async park(
    shardId: string,
    records: DynamoDBRecord[],
    condition: FailureCondition,
    invocations: number,
    result?: InvocationResult,
  ): Promise<boolean> {
    const { mapping: m, destination } = this.options;
    const batch: ParkedBatch = {
      functionArn: this.options.invoker.functionArn,
      streamArn: this.options.streamArn,
      shardId,
      records,
      condition,
      approximateInvokeCount: invocations,
      functionError: result?.kind === "error" ? "Unhandled" : undefined,
    };
    let file: string | undefined;
    for (let failures = 0; destination; ) {
      try {
        file = await destination.write(batch);
        break;
      } catch (error) {
        failures += 1;
        if (failures === 1)
          this.options.report({
            kind: "park-error",
            functionName: m.function.name,
            tableName: m.table.name,
            records,
            folder: destination.folder,
            error: error instanceof Error ? error.message : String(error),
          });
        await this.options.pause(retryDelayMs(failures, this.options.retryBackoff ?? RETRY_BACKOFF));
        if (this.options.stopped()) return false;
      }
    }
    this.options.report({
      kind: "parked",
      functionName: m.function.name,
      tableName: m.table.name,
      condition,
      records,
      file: file ?? "",
    });
    return true;
  }
}
