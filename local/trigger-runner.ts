// Runs one event source mapping against DynamoDB Local the way Lambda's stream poller does: it follows
// the stream's shards (parents before children), batches records, applies filters, invokes the bundled
// function, and acts on its answer (checkpoint, partial-failure retry, bisect, retry and age limits,
// on-failure destination). Nothing the function, the data or the emulator does stops a trigger: errors
// are retried with backoff and reported when they persist.
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord } from "aws-lambda";
import { interpretResponse } from "../emulation/batch-response";
import type { Checkpoints } from "../emulation/checkpoint-store";
import { passesFilters } from "../emulation/event-filter";
import type { FailureCondition, FailureDestination } from "../emulation/failure-destination";
import { type InvocationResult, LambdaInvoker } from "../emulation/lambda-invoker";
import { toLambdaRecord } from "../emulation/stream-records";
import type { LocalMapping } from "../emulation/synthesized-stacks";
import { filterPatternProblems } from "../settings/filter-grammar";
import {
  type Backoff,
  IDLE_POLL_MS,
  nextPollDelayMs,
  RETRY_BACKOFF,
  recordAgeSeconds,
  retryDelayMs,
} from "./retry-policy";

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
  /** 1 for the first try of this batch, 2 for its first retry, ... */
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

/** Records the mapping's filters kept from the function: never delivered, and the checkpoint passes them. */
export interface FilteredOutReport {
  readonly kind: "filtered-out";
  readonly functionName: string;
  readonly tableName: string;
  readonly records: readonly DynamoDBRecord[];
}

/** Reading the stream has failed several times in a row; the runner keeps retrying. */
export interface PollErrorReport {
  readonly kind: "poll-error";
  readonly functionName: string;
  readonly shardId: string;
  readonly error: string;
  readonly failures: number;
}

/** A filter pattern the runner cannot evaluate: said once; matching records are delivered, not dropped. */
export interface FilterErrorReport {
  readonly kind: "filter-error";
  readonly functionName: string;
  readonly error: string;
}

/** The function's environment crashed or exited between invocations; the next one starts afresh. */
export interface EnvironmentEndedReport {
  readonly kind: "environment-ended";
  readonly functionName: string;
  readonly requestId?: string;
  readonly error: string;
}

export type RunnerReport =
  | InvocationReport
  | FilteredOutReport
  | ParkedReport
  | PollErrorReport
  | FilterErrorReport
  | EnvironmentEndedReport;

export interface TriggerRunnerOptions {
  readonly mapping: LocalMapping;
  readonly streamArn: string;
  readonly streams: DynamoDBStreamsClient;
  readonly destination?: FailureDestination;
  readonly onReport?: (report: RunnerReport) => void;
  /** Where each shard was read up to, to resume after a restart (--persist). */
  readonly checkpoints?: Checkpoints;
  /** The slowest pace of polls on an idle shard; Lambda polls about four times a second. */
  readonly idlePollMs?: number;
  /** How often new shards are looked for. */
  readonly discoverIntervalMs?: number;
  readonly retryBackoff?: Backoff;
  /** The clock records are aged by; tests set it. */
  readonly clock?: () => number;
}

/** Where a shard's reading starts: after a sequence number, or at the shard's first record. */
type Position = { readonly after: string } | "TRIM_HORIZON";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Consecutive poll failures before one is reported: DynamoDB Local's first-write hiccup needs one retry. */
const REPORT_POLL_ERRORS_AFTER = 3;
const REPORT_POLL_ERRORS_EVERY_MS = 30_000;

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
  /** Wakes each pending pause(); emptied as they wake. */
  private readonly sleepers = new Set<() => void>();
  private readonly reportedFilterErrors = new Set<string>();
  /** The filter patterns the grammar accepts, and whether any it refuses is configured too. */
  private readonly judgeable: string[] = [];
  private unjudgeable = false;
  /** When the runner first fetched each record not yet checkpointed, for its age. */
  private readonly firstSeen = new Map<string, number>();

  constructor(private readonly options: TriggerRunnerOptions) {
    this.invoker = new LambdaInvoker(options.mapping.function, {
      onEnvironmentEnd: (end) => this.report({ kind: "environment-ended", ...end }),
    });
  }

  private get mapping(): LocalMapping {
    return this.options.mapping;
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  private report(report: RunnerReport): void {
    this.options.onReport?.(report);
  }

  get functionName(): string {
    return this.mapping.function.name;
  }

  /** Whether an invocation is running now (Ctrl-C says what it interrupts). */
  get invoking(): boolean {
    return this.invoker.busy;
  }

  /** Resolves once every open shard has its starting position, so every later write is delivered. */
  async start(): Promise<void> {
    for (const pattern of this.mapping.filterPatterns) {
      const [problem] = filterPatternProblems(pattern);
      if (!problem) {
        this.judgeable.push(pattern);
        continue;
      }
      this.unjudgeable = true;
      const where = problem.path || "the pattern";
      this.filterError(
        `filter pattern ${pattern} is not one Lambda accepts: ${where} is ${JSON.stringify(problem.value)}; allowed: ${problem.allowed}. Records it might match are delivered`,
      );
    }
    const shards = await this.describeShards();
    const initial = await Promise.all(
      shards.map(async (shard) => ({ shard, position: await this.retried(() => this.startAt(shard)) })),
    );
    this.know(shards);
    for (const { shard, position } of initial) this.follow(shard, position);
    this.discovery = this.discoverLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.markStopped();
    for (const wake of [...this.sleepers]) wake();
    // Ends a running invocation at once; the batch is neither checkpointed nor counted as failed.
    await this.invoker.close();
    await Promise.allSettled([...this.shards.values(), this.discovery]);
    this.options.checkpoints?.flush();
  }

  /** Runs `step` again after a short pause when it fails, up to three times. */
  private async retried<T>(step: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await step();
      } catch (error) {
        if (attempt >= 3) throw error;
        await sleep(100 * attempt);
      }
    }
  }

  /**
   * Sleeps, but wakes when the runner stops. The timer itself is cleared then: a retry backoff may be
   * 30 s long, and a timer left pending keeps the process (or a test worker) alive after stop().
   */
  private pause(ms: number): Promise<void> {
    if (ms <= 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
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

  /**
   * A saved checkpoint wins, as for a deployed mapping. Otherwise TRIM_HORIZON reads the shard from its
   * start, and LATEST starts after the shard's last record now (a closed shard is skipped). LATEST is
   * resolved to that sequence number rather than to a LATEST iterator: an iterator can be lost to a poll
   * error, and re-reading from TRIM_HORIZON would then deliver records written before the start.
   */
  private async startAt(shard: Shard): Promise<Position | null> {
    const saved = this.options.checkpoints?.get(this.mapping.function.name, this.options.streamArn, shard.ShardId!);
    if (saved) return { after: saved };
    if (this.mapping.startingPosition === "TRIM_HORIZON") return "TRIM_HORIZON";
    if (shard.SequenceNumberRange?.EndingSequenceNumber !== undefined) return null;
    const last = await this.lastSequenceNumber(shard.ShardId!);
    // An empty shard: everything it will hold comes after the start.
    return last ? { after: last } : "TRIM_HORIZON";
  }

  private async lastSequenceNumber(shardId: string): Promise<string | undefined> {
    let iterator = await this.iterator(shardId, "TRIM_HORIZON");
    let last: string | undefined;
    while (iterator) {
      const out = await this.options.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      const records = out.Records ?? [];
      if (records.length === 0) break;
      last = records[records.length - 1].dynamodb?.SequenceNumber;
      iterator = out.NextShardIterator;
    }
    return last;
  }

  private async discoverLoop(): Promise<void> {
    const every = this.options.discoverIntervalMs ?? 5000;
    while (!this.stopped) {
      await this.pause(every);
      if (this.stopped) return;
      // Shards created after start (a split) are read from their beginning, after their parent.
      const fresh = (await this.describeShards().catch(() => [])).filter((shard) => !this.shards.has(shard.ShardId!));
      this.know(fresh);
      for (const shard of fresh) this.follow(shard, "TRIM_HORIZON");
    }
  }

  private async iterator(
    shardId: string,
    type: ShardIteratorType,
    sequenceNumber?: string,
  ): Promise<string | undefined> {
    const out = await this.options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.options.streamArn,
        ShardId: shardId,
        ShardIteratorType: type,
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

  /** `position` null: a shard to skip. */
  private follow(shard: Shard, position: Position | null): void {
    const id = shard.ShardId!;
    const done = this.shardDone.get(id)!;
    if (position === null) {
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
        if (!this.stopped) await this.readShard(id, position);
        done.resolve();
      })(),
    );
  }

  private filterError(error: string): void {
    if (this.reportedFilterErrors.has(error)) return;
    this.reportedFilterErrors.add(error);
    this.report({ kind: "filter-error", functionName: this.mapping.function.name, error });
  }

  /**
   * Whether a record is delivered. Patterns are ORed, so a pattern that cannot be judged might have
   * matched: the record is delivered rather than dropped, and the pattern was reported at start.
   */
  private passes(record: DynamoDBRecord): boolean {
    if (this.mapping.filterPatterns.length === 0) return true;
    try {
      return this.judgeable.some((pattern) => passesFilters([pattern], record)) || this.unjudgeable;
    } catch (error) {
      this.filterError(`${error instanceof Error ? error.message : String(error)}. Records are delivered unfiltered`);
      return true;
    }
  }

  private checkpoint(shardId: string, sequenceNumber: string): void {
    this.options.checkpoints?.set(this.mapping.function.name, this.options.streamArn, shardId, sequenceNumber);
    const done = BigInt(sequenceNumber);
    for (const seen of this.firstSeen.keys()) if (BigInt(seen) <= done) this.firstSeen.delete(seen);
  }

  private async readShard(shardId: string, start: Position): Promise<void> {
    const m = this.mapping;
    let position = start; // moves to after the last record handled (delivered, parked or filtered out)
    let iterator: string | undefined;
    let pending: DynamoDBRecord[] = [];
    let firstPendingAt = 0;
    let delay = 0;
    let failures = 0;
    let reportedAt = 0;
    while (!this.stopped) {
      try {
        iterator ??=
          position === "TRIM_HORIZON"
            ? await this.iterator(shardId, "TRIM_HORIZON")
            : await this.iterator(shardId, "AFTER_SEQUENCE_NUMBER", position.after);
        const out = await this.options.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        failures = 0;
        const records = out.Records ?? [];
        const next = out.NextShardIterator;
        let lastFetched: string | undefined;
        for (const record of records) {
          const lambdaRecord = toLambdaRecord(record, this.options.streamArn, m.function.region);
          lastFetched = lambdaRecord.dynamodb!.SequenceNumber!;
          if (!this.firstSeen.has(lastFetched)) this.firstSeen.set(lastFetched, this.now());
          if (this.passes(lambdaRecord)) {
            if (pending.length === 0) firstPendingAt = Date.now();
            pending.push(lambdaRecord);
          } else
            this.report({
              kind: "filtered-out",
              functionName: m.function.name,
              tableName: m.table.name,
              records: [lambdaRecord],
            });
        }
        const windowOver = Date.now() - firstPendingAt >= m.batchingWindowSeconds * 1000;
        while (pending.length > 0 && (pending.length >= m.batchSize || windowOver || next === undefined)) {
          const batch = pending.splice(0, m.batchSize);
          const progress = (sequenceNumber: string) => {
            position = { after: sequenceNumber };
            this.checkpoint(shardId, sequenceNumber);
          };
          if (!(await this.deliver(shardId, batch, progress))) return; // stopped mid-batch: not checkpointed
          progress(batch[batch.length - 1].dynamodb!.SequenceNumber!);
        }
        // Filtered-out records are never retried: the checkpoint moves past them.
        if (pending.length === 0 && lastFetched) {
          position = { after: lastFetched };
          this.checkpoint(shardId, lastFetched);
        }
        if (next === undefined && pending.length === 0) return; // the shard is closed and fully read
        iterator = next;
        delay = nextPollDelayMs(delay, records.length > 0, this.options.idlePollMs ?? IDLE_POLL_MS);
        const windowLeft = firstPendingAt + m.batchingWindowSeconds * 1000 - Date.now();
        await this.pause(pending.length > 0 ? Math.max(0, Math.min(delay || 5, windowLeft)) : delay);
      } catch (error) {
        if (this.stopped) return;
        // Re-read from the position: what was fetched but not handled is fetched again. DynamoDB Local
        // answers the first read after the first write to an empty shard with TrimmedDataAccessException;
        // a fresh iterator from the same position reads it, so a single failure is not worth a line.
        iterator = undefined;
        pending = [];
        failures += 1;
        const worthReporting = !isExpiredIterator(error) && failures >= REPORT_POLL_ERRORS_AFTER;
        if (worthReporting && Date.now() - reportedAt >= REPORT_POLL_ERRORS_EVERY_MS) {
          reportedAt = Date.now();
          this.report({ kind: "poll-error", functionName: m.function.name, shardId, error: String(error), failures });
        }
        // The first retry is immediate; then 50 ms doubling to 5 s.
        if (failures > 1) await this.pause(Math.min(5000, 50 * 2 ** (failures - 2)));
      }
    }
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
  private async deliver(
    shardId: string,
    batch: DynamoDBRecord[],
    progress: (sequenceNumber: string) => void,
  ): Promise<boolean> {
    const m = this.mapping;
    let records = batch;
    let invocations = 0;
    for (;;) {
      if (this.stopped) return false;
      if (this.tooOld(records[0])) {
        await this.park(shardId, records, "RecordAgeExceeded", invocations);
        return true;
      }
      const result = await this.invoker.invoke({ Records: records });
      if (this.stopped) return false; // ended by stop(): not the function's failure
      invocations += 1;
      const outcome = interpretResponse(result, records, m.reportBatchItemFailures);
      const failedFrom = outcome.kind === "ok" ? records.length : outcome.kind === "partial" ? outcome.from : 0;
      this.report({
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
      if (m.maximumRetryAttempts !== -1 && retries > m.maximumRetryAttempts) {
        await this.park(shardId, records, "RetryAttemptsExhausted", invocations, result);
        return true;
      }
      await this.pause(retryDelayMs(retries, this.options.retryBackoff ?? RETRY_BACKOFF));
    }
  }

  private tooOld(record: DynamoDBRecord): boolean {
    const maxAge = this.mapping.maximumRecordAgeSeconds;
    if (maxAge === -1) return false;
    const now = this.now();
    const seen = this.firstSeen.get(record.dynamodb!.SequenceNumber!) ?? now;
    return recordAgeSeconds(record.dynamodb!.ApproximateCreationDateTime, seen, now) > maxAge;
  }

  private async park(
    shardId: string,
    records: DynamoDBRecord[],
    condition: FailureCondition,
    invocations: number,
    result?: InvocationResult,
  ): Promise<void> {
    const m = this.mapping;
    const file = await this.options.destination?.write({
      functionArn: this.invoker.functionArn,
      streamArn: this.options.streamArn,
      shardId,
      records,
      condition,
      approximateInvokeCount: invocations,
      functionError: result?.kind === "error" ? "Unhandled" : undefined,
    });
    this.report({
      kind: "parked",
      functionName: m.function.name,
      tableName: m.table.name,
      condition,
      records,
      file: file ?? "",
    });
  }
}
