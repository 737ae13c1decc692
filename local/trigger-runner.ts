// Runs one event source mapping against DynamoDB Local the way Lambda's stream poller does: it follows
// the stream's shards (parents before children, shard-order.ts), reads and batches their records through
// the filters (shard-reader.ts), and has the bundled function process each batch as Lambda would
// (checkpoint, partial-failure retry, bisect, retry and age limits, on-failure destination: delivery.ts).
// Nothing the function, the data or the emulator does stops a trigger: errors are retried with backoff
// and reported when they persist.
import type { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { type LambdaInvokerOptions, LocalInvoker } from "../emulation/local-invoker";
import type { LocalMapping } from "../emulation/synthesized-stacks";
import type { Checkpoints } from "./checkpoint-store";
import { Delivery, type ParkingDestination } from "./delivery";
import { RecordFilter } from "./record-filter";
import type { Backoff } from "./retry-policy";
import type { RunnerReport } from "./runner-reports";
import { ShardOrder } from "./shard-order";
import { readShard } from "./shard-reader";
import { StopSignal } from "./stop-signal";

export interface TriggerRunnerOptions {
  readonly mapping: LocalMapping;
  readonly streamArn: string;
  readonly streams: DynamoDBStreamsClient;
  readonly destination?: ParkingDestination;
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
  /** Where the function's own DynamoDB calls go (its idempotency records); default nowhere. */
  readonly dynamodb?: LambdaInvokerOptions["dynamodb"];
}

export class TriggerRunner {
  private readonly invoker: LocalInvoker;
  private readonly signal = new StopSignal();
  private readonly filter: RecordFilter;
  private readonly delivery: Delivery;
  private readonly order: ShardOrder;

  constructor(private readonly options: TriggerRunnerOptions) {
    const { mapping, streamArn, streams, checkpoints } = options;
    const report = (r: RunnerReport) => this.options.onReport?.(r);
    const functionName = mapping.function.name;
    this.invoker = new LocalInvoker(mapping.function, {
      onEnvironmentEnd: (end) => report({ kind: "environment-ended", ...end }),
      dynamodb: options.dynamodb,
    });
    this.filter = new RecordFilter(mapping.filterPatterns, (error) =>
      report({ kind: "filter-error", functionName, error }),
    );
    this.delivery = new Delivery({
      mapping,
      streamArn,
      invoker: this.invoker,
      destination: options.destination,
      report,
      pause: (ms) => this.signal.pause(ms),
      stopped: () => this.signal.stopped,
      retryBackoff: options.retryBackoff,
      clock: options.clock,
    });
    const reading = {
      mapping,
      streamArn,
      streams,
      signal: this.signal,
      filter: this.filter,
      delivery: this.delivery,
      report,
      idlePollMs: options.idlePollMs,
      checkpoint: (shardId: string, sequenceNumber: string) => {
        checkpoints?.set(functionName, streamArn, shardId, sequenceNumber);
        this.delivery.checkpointed(sequenceNumber);
      },
    };
    this.order = new ShardOrder({
      streams,
      streamArn,
      signal: this.signal,
      startingPosition: mapping.startingPosition,
      saved: (shardId) => checkpoints?.get(functionName, streamArn, shardId),
      read: (shardId, position) => readShard(shardId, position, reading),
      discoverIntervalMs: options.discoverIntervalMs,
      onDisabled: () => report({ kind: "stream-disabled", functionName, tableName: mapping.table.name, streamArn }),
    });
  }

  get functionName(): string {
    return this.options.mapping.function.name;
  }

  /** Whether an invocation is running now (Ctrl-C says what it interrupts). */
  get invoking(): boolean {
    return this.invoker.busy;
  }

  /** Resolves once every open shard has its starting position, so every later write is delivered. */
  async start(): Promise<void> {
    this.filter.check();
    await this.order.start();
  }

  async stop(): Promise<void> {
    this.signal.stop();
    // Ends a running invocation at once; the batch is neither checkpointed nor counted as failed.
    await this.invoker.close();
    await this.order.settled();
    this.options.checkpoints?.flush();
  }
}
