// Reads an on-failure message body (what Lambda sends to the failure queue for a DynamoDB stream batch)
// into the pointer redrive follows. Anything else is refused with the reason, never guessed at.

export interface ParkedPointer {
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
}

const DIGITS = /^[0-9]+$/;

/** The pointer, or a one-line reason why the body is not an on-failure message for a DynamoDB stream. */
export function readParkedPointer(body: string): ParkedPointer | { readonly invalid: string } {
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
  };
}
