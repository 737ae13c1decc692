// Which shards a trigger reads, from where, and in what order, as Lambda's stream poller does: every
// shard the stream lists, new ones found as the stream splits, each child only after its parent is read
// to its end, and each from a saved checkpoint, the stream's start or its tip (the starting position).
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type Shard,
} from "@aws-sdk/client-dynamodb-streams";
import { type Position, shardIterator } from "./shard-reader";
import type { StopSignal } from "./stop-signal";

export interface ShardOrderOptions {
  readonly streams: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly signal: StopSignal;
  readonly startingPosition: "LATEST" | "TRIM_HORIZON";
  /** The sequence number a shard was read up to before a restart (--persist). */
  readonly saved: (shardId: string) => string | undefined;
  /** Reads a shard from `position` until it is closed and fully read, or the runner stops. */
  readonly read: (shardId: string, position: Position) => Promise<void>;
  /** How often new shards are looked for. */
  readonly discoverIntervalMs?: number;
  /** Told once when the stream is disabled (its table deleted, or its stream turned off); discovery ends. */
  readonly onDisabled?: () => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ShardOrder {
  private readonly shards = new Map<string, Promise<void>>();
  /** Resolves when a shard is closed and fully read; known for every shard the stream has listed. */
  private readonly shardDone = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  private discovery?: Promise<void>;

  constructor(private readonly options: ShardOrderOptions) {}

  /** Resolves once every open shard has its starting position, so every later write is delivered. */
  async start(): Promise<void> {
    const { shards } = await this.describeStream();
    const initial = await Promise.all(
      shards.map(async (shard) => ({ shard, position: await this.retried(() => this.startAt(shard)) })),
    );
    this.know(shards);
    for (const { shard, position } of initial) this.follow(shard, position);
    this.discovery = this.discoverLoop();
  }

  /** Resolves when every shard's reading and the discovery have ended (after the signal stops them). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.shards.values(), this.discovery]);
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

  private async describeStream(): Promise<{ shards: Shard[]; status?: string }> {
    const shards: Shard[] = [];
    let start: string | undefined;
    let status: string | undefined;
    do {
      const out = await this.options.streams.send(
        new DescribeStreamCommand({ StreamArn: this.options.streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(out.StreamDescription?.Shards ?? []));
      status = out.StreamDescription?.StreamStatus;
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return { shards, status };
  }

  /**
   * A saved checkpoint wins, as for a deployed mapping. Otherwise TRIM_HORIZON reads the shard from its
   * start, and LATEST starts after the shard's last record now (a closed shard is skipped). LATEST is
   * resolved to that sequence number rather than to a LATEST iterator: an iterator can be lost to a poll
   * error, and re-reading from TRIM_HORIZON would then deliver records written before the start.
   */
  private async startAt(shard: Shard): Promise<Position | null> {
    const saved = this.options.saved(shard.ShardId!);
    if (saved) return { after: saved };
    if (this.options.startingPosition === "TRIM_HORIZON") return "TRIM_HORIZON";
    if (shard.SequenceNumberRange?.EndingSequenceNumber !== undefined) return null;
    const last = await this.lastSequenceNumber(shard.ShardId!);
    // An empty shard: everything it will hold comes after the start.
    return last ? { after: last } : "TRIM_HORIZON";
  }

  private async lastSequenceNumber(shardId: string): Promise<string | undefined> {
    const { streams, streamArn } = this.options;
    let iterator = await shardIterator(streams, streamArn, shardId, "TRIM_HORIZON");
    let last: string | undefined;
    while (iterator) {
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      const records = out.Records ?? [];
      if (records.length === 0) break;
      last = records[records.length - 1].dynamodb?.SequenceNumber;
      iterator = out.NextShardIterator;
    }
    return last;
  }

  private async discoverLoop(): Promise<void> {
    const { signal } = this.options;
    const every = this.options.discoverIntervalMs ?? 5000;
    while (!signal.stopped) {
      await signal.pause(every);
      if (signal.stopped) return;
      const stream = await this.describeStream().catch(() => ({ shards: [], status: undefined }));
      // A deleted table's stream is DISABLED and its shards closed: they are read to their end, and no
      // shard will come. DynamoDB Local answers so at once; AWS keeps such a stream readable for 24 hours.
      if (stream.status === "DISABLED") return this.options.onDisabled?.();
      // Shards created after start (a split) are read from their beginning, after their parent.
      const fresh = stream.shards.filter((shard) => !this.shards.has(shard.ShardId!));
      this.know(fresh);
      for (const shard of fresh) this.follow(shard, "TRIM_HORIZON");
    }
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
    const { signal } = this.options;
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
        if (parent) await Promise.race([parent.promise, signal.whenStopped]);
        if (!signal.stopped) await this.options.read(id, position);
        done.resolve();
      })(),
    );
  }
}
