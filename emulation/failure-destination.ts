// The on-failure destination, locally: each parked batch becomes one file holding exactly the SQS message
// body Lambda sends for a DynamoDB stream (a pointer to the records, not the records), in a folder named
// after the queue. Files are never deleted here: they outlive restarts, like messages in the queue.

import { randomUUID } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { DynamoDBRecord } from "aws-lambda";

export type FailureCondition = "RetryAttemptsExhausted" | "RecordAgeExceeded";

export interface ParkedBatch {
  readonly functionArn: string;
  readonly streamArn: string;
  readonly shardId: string;
  readonly records: readonly DynamoDBRecord[];
  readonly condition: FailureCondition;
  readonly approximateInvokeCount: number;
  /** "Unhandled" when the last try threw or timed out; absent when it returned (batchItemFailures). */
  readonly functionError?: string;
}

// DynamoDB batch info carries whole seconds ("2019-11-14T00:13:19Z"), unlike the millisecond `timestamp`.
const wholeSeconds = (epochSeconds: number) =>
  `${new Date(Math.floor(epochSeconds) * 1000).toISOString().slice(0, 19)}Z`;

/**
 * The message Lambda sends to an SQS or SNS on-failure destination for a DynamoDB stream batch, with AWS's
 * key order. A batch whose last try returned (failures reported in batchItemFailures) has
 * `functionError: null`, as AWS writes it.
 */
export function onFailureMessage(batch: ParkedBatch, now: Date = new Date()) {
  const first = batch.records[0].dynamodb!;
  const last = batch.records[batch.records.length - 1].dynamodb!;
  const arrival = (seconds: number | undefined) => wholeSeconds(seconds ?? now.getTime() / 1000);
  return {
    requestContext: {
      requestId: randomUUID(),
      functionArn: batch.functionArn,
      condition: batch.condition,
      approximateInvokeCount: batch.approximateInvokeCount,
    },
    responseContext: {
      statusCode: 200,
      executedVersion: "$LATEST",
      functionError: batch.functionError ?? null,
    },
    version: "1.0",
    timestamp: now.toISOString(),
    DDBStreamBatchInfo: {
      shardId: batch.shardId,
      startSequenceNumber: first.SequenceNumber,
      endSequenceNumber: last.SequenceNumber,
      approximateArrivalOfFirstRecord: arrival(first.ApproximateCreationDateTime),
      approximateArrivalOfLastRecord: arrival(last.ApproximateCreationDateTime),
      batchSize: batch.records.length,
      streamArn: batch.streamArn,
    },
  };
}

export class FailureDestination {
  constructor(
    /** The folder standing for the queue. */
    readonly folder: string,
  ) {}

  /** Writes one message; the name starts with the first sequence number, so listing order is stream order. */
  async write(batch: ParkedBatch): Promise<string> {
    mkdirSync(this.folder, { recursive: true });
    const message = onFailureMessage(batch);
    const file = path.join(
      this.folder,
      `${message.DDBStreamBatchInfo.startSequenceNumber}-${message.requestContext.requestId.slice(0, 8)}.json`,
    );
    // The SQS body exactly: compact JSON, no trailing newline.
    writeWhole(file, JSON.stringify(message));
    return file;
  }
}

/** Written under another name and renamed, so a reader never sees half a message. */
export function writeWhole(file: string, text: string): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, text, { flag: "wx" });
  renameSync(partial, file);
}
