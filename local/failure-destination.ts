// The on-failure destination, locally: each parked batch becomes one JSON file in AWS's on-failure
// message shape (a pointer to the records, not the records), in a folder named after the queue.

import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
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
  readonly functionError?: string;
}

/** The message Lambda sends to an SQS or SNS on-failure destination for a DynamoDB stream batch. */
export function onFailureMessage(batch: ParkedBatch, now: Date = new Date()) {
  const first = batch.records[0].dynamodb!;
  const last = batch.records[batch.records.length - 1].dynamodb!;
  const arrival = (seconds: number | undefined) => new Date((seconds ?? now.getTime() / 1000) * 1000).toISOString();
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
      ...(batch.functionError && { functionError: batch.functionError }),
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

  async write(batch: ParkedBatch): Promise<string> {
    mkdirSync(this.folder, { recursive: true });
    const message = onFailureMessage(batch);
    const file = path.join(
      this.folder,
      `${message.DDBStreamBatchInfo.startSequenceNumber}-${message.requestContext.requestId.slice(0, 8)}.json`,
    );
    writeFileSync(file, `${JSON.stringify(message, null, 2)}\n`);
    return file;
  }
}
