// AWS's on-failure message for a DynamoDB stream batch, written and read by this one module: written
// as Lambda writes it (the SQS body, a pointer to the records; the S3 object adds `payload`, the whole
// invocation event as an escaped JSON string) by the local runner, and read back by redrive, from AWS
// or from the local runner's folders. Anything that is not such a message is refused with the reason,
// never guessed at.

import { randomUUID } from "node:crypto";
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

/** What Lambda writes to an S3 on-failure destination: the SQS message's fields, then the whole event. */
export function onFailureObject(batch: ParkedBatch, now: Date = new Date()) {
  return { ...onFailureMessage(batch, now), payload: JSON.stringify({ Records: batch.records }) };
}

/** An on-failure message as read: the pointer redrive follows, with the records when the body holds them. */
export interface OnFailureMessage {
  readonly condition: string;
  readonly functionArn: string;
  /** When Lambda gave up on the batch (ISO text). */
  readonly parkedAt: string;
  readonly streamArn: string;
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  /** How many records the batch held. */
  readonly batchSize: number;
  /** When the first record reached the stream (ISO text, whole seconds). */
  readonly firstArrival: string;
  /** The batch's records as Lambda delivered them, when the body holds them (an S3 object's payload). */
  readonly records?: readonly DynamoDBRecord[];
}

const DIGITS = /^[0-9]+$/;

/** The message's fields, or a one-line reason why the body is not an on-failure message for a DynamoDB stream. */
export function readOnFailureMessage(body: string): OnFailureMessage | { readonly invalid: string } {
  // biome-ignore lint/suspicious/noExplicitAny: a message body from the queue, checked field by field below.
  let message: Record<string, any>;
  try {
    message = JSON.parse(body);
  } catch {
    return { invalid: "the body is not JSON" };
  }
  const info = message?.DDBStreamBatchInfo;
  if (info === null || typeof info !== "object")
    return { invalid: "no DDBStreamBatchInfo: not from a DynamoDB stream" };
  for (const field of ["shardId", "startSequenceNumber", "endSequenceNumber", "streamArn"]) {
    if (typeof info[field] !== "string" || info[field] === "")
      return { invalid: `DDBStreamBatchInfo.${field} is ${JSON.stringify(info[field])}; expected text` };
  }
  for (const field of ["startSequenceNumber", "endSequenceNumber"]) {
    if (!DIGITS.test(info[field]))
      return { invalid: `DDBStreamBatchInfo.${field} is ${JSON.stringify(info[field])}; expected decimal digits` };
  }
  if (BigInt(info.startSequenceNumber) > BigInt(info.endSequenceNumber))
    return {
      invalid: `startSequenceNumber ${info.startSequenceNumber} is after endSequenceNumber ${info.endSequenceNumber}`,
    };
  const payload = message.payload === undefined ? undefined : readPayload(message.payload, info);
  if (payload && "invalid" in payload) return payload;
  return {
    condition: String(message.requestContext?.condition ?? "unknown condition"),
    functionArn: String(message.requestContext?.functionArn ?? ""),
    parkedAt: String(message.timestamp ?? ""),
    streamArn: info.streamArn,
    shardId: info.shardId,
    startSequenceNumber: info.startSequenceNumber,
    endSequenceNumber: info.endSequenceNumber,
    batchSize: Number.isInteger(info.batchSize) ? info.batchSize : 0,
    firstArrival: String(info.approximateArrivalOfFirstRecord ?? ""),
    ...(payload && { records: payload.records }),
  };
}

/**
 * The records of `payload`, checked against the batch info they must match. AWS writes the event as an
 * escaped JSON string; an object holding it (as some emulators write it) is read the same way.
 */
// biome-ignore lint/suspicious/noExplicitAny: checked field by field, as the message.
function readPayload(payload: unknown, info: Record<string, any>): { records: DynamoDBRecord[] } | { invalid: string } {
  let event: unknown = payload;
  if (typeof payload === "string") {
    try {
      event = JSON.parse(payload);
    } catch {
      return { invalid: "payload is not JSON" };
    }
  }
  const records = (event as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records) || records.length === 0)
    return { invalid: "payload holds no Records: not a DynamoDB stream event" };
  const sequence = (r: unknown) => (r as DynamoDBRecord | null)?.dynamodb?.SequenceNumber;
  if (!records.every((r) => typeof sequence(r) === "string" && DIGITS.test(sequence(r)!)))
    return { invalid: "payload has a record without a dynamodb.SequenceNumber" };
  const [first, last] = [sequence(records[0]), sequence(records[records.length - 1])];
  if (first !== info.startSequenceNumber || last !== info.endSequenceNumber)
    return {
      invalid: `payload's records run from ${first} to ${last}, not from ${info.startSequenceNumber} to ${info.endSequenceNumber} as DDBStreamBatchInfo says`,
    };
  if (Number.isInteger(info.batchSize) && records.length !== info.batchSize)
    return { invalid: `payload holds ${records.length} records; DDBStreamBatchInfo.batchSize is ${info.batchSize}` };
  return { records: records as DynamoDBRecord[] };
}
