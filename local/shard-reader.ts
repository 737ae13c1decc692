// Reads one shard the way Lambda's stream poller does: polls it (at once while records flow, then at the
// idle pace), gathers records that pass the filters into batches of batchSize or until the batching
// window closes, hands each batch to delivery, and checkpoints. A failed poll is retried from the last
// checkpoint with backoff, and reported when it persists.
import {
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type ShardIteratorType,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord } from "aws-lambda";
import { toLambdaRecord } from "../emulation/stream-records";
import type { LocalMapping } from "../emulation/synthesized-stacks";
import type { Delivery } from "./delivery";
import type { RecordFilter } from "./record-filter";
import { IDLE_POLL_MS, nextPollDelayMs } from "./retry-policy";
import type { RunnerReport } from "./runner-reports";
import type { StopSignal } from "./stop-signal";

/** Where a shard's reading starts: after a sequence number, or at the shard's first record. */
export type Position = { readonly after: string } | "TRIM_HORIZON";

/** Consecutive poll failures before one is reported: DynamoDB Local's first-write hiccup needs one retry. */
const REPORT_POLL_ERRORS_AFTER = 3;
const REPORT_POLL_ERRORS_EVERY_MS = 30_000;

export async function shardIterator(
  streams: DynamoDBStreamsClient,
  streamArn: string,
  shardId: string,
  type: ShardIteratorType,
  sequenceNumber?: string,
): Promise<string | undefined> {
  const out = await streams.send(
    new GetShardIteratorCommand({
      StreamArn: streamArn,
      ShardId: shardId,
      ShardIteratorType: type,
      SequenceNumber: sequenceNumber,
    }),
  );
  return out.ShardIterator;
}

function isExpiredIterator(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  // DynamoDB Local sends ExpiredIteratorException with an empty message, which the SDK names UnknownError.
  return e.name === "ExpiredIteratorException" || (e.name === "UnknownError" && !e.message);
}

export interface ShardReaderOptions {
  readonly mapping: LocalMapping;
  readonly streamArn: string;
  readonly streams: DynamoDBStreamsClient;
  readonly signal: StopSignal;
  readonly filter: RecordFilter;
  readonly delivery: Delivery;
  /** Records everything up to `sequenceNumber` as handled. */
  readonly checkpoint: (shardId: string, sequenceNumber: string) => void;
  readonly report: (report: RunnerReport) => void;
  /** The slowest pace of polls on an idle shard. */
  readonly idlePollMs?: number;
}

/** Reads `shardId` from `start` until the shard is closed and fully read, or the runner stops. */
export async function readShard(shardId: string, start: Position, options: ShardReaderOptions): Promise<void> {
  const { mapping: m, signal, streams, streamArn } = options;
  let position = start; // moves to after the last record handled (delivered, parked or filtered out)
  let iterator: string | undefined;
  let pending: DynamoDBRecord[] = [];
  let firstPendingAt = 0;
  let delay = 0;
  let failures = 0;
  let reportedAt = 0;
  const checkpoint = (sequenceNumber: string) => {
    position = { after: sequenceNumber };
    options.checkpoint(shardId, sequenceNumber);
  };
  while (!signal.stopped) {
    try {
      iterator ??=
        position === "TRIM_HORIZON"
          ? await shardIterator(streams, streamArn, shardId, "TRIM_HORIZON")
          : await shardIterator(streams, streamArn, shardId, "AFTER_SEQUENCE_NUMBER", position.after);
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      failures = 0;
      const records = out.Records ?? [];
      const next = out.NextShardIterator;
      let lastFetched: string | undefined;
      for (const record of records) {
        const lambdaRecord = toLambdaRecord(record, streamArn, m.function.region);
        lastFetched = lambdaRecord.dynamodb!.SequenceNumber!;
        options.delivery.fetched(lastFetched);
        if (options.filter.passes(lambdaRecord)) {
          if (pending.length === 0) firstPendingAt = Date.now();
          pending.push(lambdaRecord);
        } else
          options.report({
            kind: "filtered-out",
            functionName: m.function.name,
            tableName: m.table.name,
            records: [lambdaRecord],
          });
      }
      if (!(await options.delivery.closeWindow(shardId))) return;
      const windowOver = Date.now() - firstPendingAt >= m.batchingWindowSeconds * 1000;
      while (pending.length > 0 && (pending.length >= m.batchSize || windowOver || next === undefined)) {
        const batch = pending.splice(0, m.batchSize);
        if (!(await options.delivery.deliver(shardId, batch, checkpoint))) return; // stopped mid-batch: not checkpointed
        checkpoint(batch[batch.length - 1].dynamodb!.SequenceNumber!);
      }
      // Filtered-out records are never retried: the checkpoint moves past them.
      if (pending.length === 0 && lastFetched) checkpoint(lastFetched);
      if (next === undefined && pending.length === 0) return; // the shard is closed and fully read
      iterator = next;
      delay = nextPollDelayMs(delay, records.length > 0, options.idlePollMs ?? IDLE_POLL_MS);
      const windowLeft = firstPendingAt + m.batchingWindowSeconds * 1000 - Date.now();
      await signal.pause(pending.length > 0 ? Math.max(0, Math.min(delay || 5, windowLeft)) : delay);
    } catch (error) {
      if (signal.stopped) return;
      // Re-read from the position: what was fetched but not handled is fetched again. DynamoDB Local
      // answers the first read after the first write to an empty shard with TrimmedDataAccessException;
      // a fresh iterator from the same position reads it, so a single failure is not worth a line.
      iterator = undefined;
      pending = [];
      failures += 1;
      const worthReporting = !isExpiredIterator(error) && failures >= REPORT_POLL_ERRORS_AFTER;
      if (worthReporting && Date.now() - reportedAt >= REPORT_POLL_ERRORS_EVERY_MS) {
        reportedAt = Date.now();
        options.report({ kind: "poll-error", functionName: m.function.name, shardId, error: String(error), failures });
      }
      // The first retry is immediate; then 50 ms doubling to 5 s.
      if (failures > 1) await signal.pause(Math.min(5000, 50 * 2 ** (failures - 2)));
    }
  }
}
