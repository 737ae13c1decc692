// Fetches exactly the records an on-failure message points to: a shard iterator AT_SEQUENCE_NUMBER at the
// first, GetRecords along the shard until past the last. A batch always comes from one shard, so the
// range never continues in a child shard. Records the stream no longer holds are reported, not skipped.

import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as SdkRecord,
  type ShardIteratorType,
} from "@aws-sdk/client-dynamodb-streams";

export interface SequenceRange {
  readonly streamArn: string;
  readonly shardId: string;
  readonly start: string;
  readonly end: string;
}

/** Part of the range the stream no longer holds (or never did), with why. */
export interface MissingRange {
  readonly from: string;
  /** Inclusive. */
  readonly to: string;
  readonly reason: string;
}

export interface RangeRead {
  /** Every record in the range that the stream still holds, in order. */
  readonly records: SdkRecord[];
  readonly missing: MissingRange[];
}

/** Empty answers in a row after which the end is taken as absent (AWS may answer empty before data). */
const MAX_EMPTY_READS = 20;

const errorName = (error: unknown) => (error as { name?: string }).name ?? "";
const sequenceOf = (record: SdkRecord) => BigInt(record.dynamodb?.SequenceNumber ?? "0");
/** Sequence numbers keep their width: DynamoDB Local refuses one shorter than 21 digits. */
const minusOne = (sequence: bigint, like: string) => (sequence - 1n).toString().padStart(like.length, "0");
const plusOne = (sequence: bigint, like: string) => (sequence + 1n).toString().padStart(like.length, "0");

export async function readSequenceRange(client: DynamoDBStreamsClient, range: SequenceRange): Promise<RangeRead> {
  const start = BigInt(range.start);
  const end = BigInt(range.end);
  const whole = (reason: string): RangeRead => ({
    records: [],
    missing: [{ from: range.start, to: range.end, reason }],
  });
  const iterator = (type: ShardIteratorType, sequenceNumber?: string) =>
    client
      .send(
        new GetShardIteratorCommand({
          StreamArn: range.streamArn,
          ShardId: range.shardId,
          ShardIteratorType: type,
          SequenceNumber: sequenceNumber,
        }),
      )
      .then((out) => out.ShardIterator);

  let next: string | undefined;
  try {
    next = await iterator("AT_SEQUENCE_NUMBER", range.start);
  } catch (error) {
    if (errorName(error) === "ResourceNotFoundException")
      return whole(`the stream or shard no longer exists (${(error as Error).message})`);
    // AWS: TrimmedDataAccessException. DynamoDB Local: ValidationException for a number before the
    // shard's first record. Either way, read what the shard still holds from its oldest record.
    if (errorName(error) !== "TrimmedDataAccessException" && !(await startsBeforeShard(client, range))) throw error;
    next = await iterator("TRIM_HORIZON");
  }

  const records: SdkRecord[] = [];
  let firstSeen: bigint | undefined;
  let empty = 0;
  let passedEnd = false;
  while (next && !passedEnd && empty < MAX_EMPTY_READS) {
    let out: GetRecordsCommandOutput;
    try {
      out = await client.send(new GetRecordsCommand({ ShardIterator: next, Limit: 1000 }));
    } catch (error) {
      // Trimmed between the iterator and the read: go on from what was read, or from the oldest record.
      if (errorName(error) !== "TrimmedDataAccessException") throw error;
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      next = last ? await iterator("AFTER_SEQUENCE_NUMBER", last) : await iterator("TRIM_HORIZON");
      continue;
    }
    const batch = out.Records ?? [];
    empty = batch.length === 0 ? empty + 1 : 0;
    for (const record of batch) {
      const sequence = sequenceOf(record);
      firstSeen ??= sequence;
      if (sequence < start) continue;
      if (sequence > end) {
        passedEnd = true;
        break;
      }
      records.push(record);
      if (sequence === end) passedEnd = true;
    }
    next = out.NextShardIterator;
  }

  // The oldest record read lies after the wanted first: what came before it was trimmed away.
  const trimmed = `trimmed: the shard's oldest record is ${firstSeen}`;
  const missing: MissingRange[] = [];
  const first = records[0] ? sequenceOf(records[0]) : undefined;
  if (first === undefined) {
    const reason = firstSeen !== undefined && firstSeen > end ? trimmed : "not in the shard";
    missing.push({ from: range.start, to: range.end, reason });
  } else {
    if (first > start)
      missing.push({
        from: range.start,
        to: minusOne(first, range.start),
        reason: firstSeen === first ? trimmed : "not in the shard",
      });
    const last = sequenceOf(records[records.length - 1]);
    if (last < end && !passedEnd)
      missing.push({ from: plusOne(last, range.end), to: range.end, reason: "not found before the shard ended" });
  }
  return { records, missing };
}

/** Whether the range starts before the shard's first sequence number, i.e. its start was trimmed away. */
async function startsBeforeShard(client: DynamoDBStreamsClient, range: SequenceRange): Promise<boolean> {
  let exclusiveStart: string | undefined;
  do {
    const out = await client.send(
      new DescribeStreamCommand({ StreamArn: range.streamArn, ExclusiveStartShardId: exclusiveStart }),
    );
    const shard = out.StreamDescription?.Shards?.find((s) => s.ShardId === range.shardId);
    const first = shard?.SequenceNumberRange?.StartingSequenceNumber;
    if (shard) return first !== undefined && BigInt(range.start) < BigInt(first);
    exclusiveStart = out.StreamDescription?.LastEvaluatedShardId;
  } while (exclusiveStart);
  return false;
}
