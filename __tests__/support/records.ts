// Stream records shaped as Lambda delivers them (see shared/reference/stream-semantics.md).
import { marshall } from "@aws-sdk/util-dynamodb";
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import type { StreamViewType } from "../../settings/trigger-settings";

export type Item = Record<string, unknown>;
type EventName = "INSERT" | "MODIFY" | "REMOVE";

export const STREAM_ARN = "arn:aws:dynamodb:eu-west-1:123456789012:table/books-dev/stream/2026-11-24T00:00:00.000";

const carriesNew = (v: StreamViewType) => v === "NEW_IMAGE" || v === "NEW_AND_OLD_IMAGES";
const carriesOld = (v: StreamViewType) => v === "OLD_IMAGE" || v === "NEW_AND_OLD_IMAGES";

let sequence = 100000000000000000000n;
export function nextSequenceNumber(): string {
  sequence += 1n;
  return sequence.toString();
}

export interface RecordSpec {
  readonly eventName: EventName;
  readonly keys: Item;
  /** The item after the change (INSERT, MODIFY). */
  readonly after?: Item;
  /** The item before the change (MODIFY, REMOVE). */
  readonly before?: Item;
  readonly viewType?: StreamViewType;
  readonly sequenceNumber?: string;
  readonly ttl?: boolean;
}

/** A record with exactly the images AWS includes for its event name and view type. */
export function streamRecord(spec: RecordSpec): DynamoDBRecord {
  const viewType = spec.viewType ?? "NEW_AND_OLD_IMAGES";
  const withNew = spec.eventName !== "REMOVE" && carriesNew(viewType);
  const withOld = spec.eventName !== "INSERT" && carriesOld(viewType);
  const sequenceNumber = spec.sequenceNumber ?? nextSequenceNumber();
  return {
    eventID: `event-${sequenceNumber}`,
    eventName: spec.eventName,
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: "eu-west-1",
    eventSourceARN: STREAM_ARN,
    ...(spec.ttl && { userIdentity: { type: "Service", principalId: "dynamodb.amazonaws.com" } }),
    dynamodb: {
      ApproximateCreationDateTime: 1795996800,
      Keys: marshall(spec.keys) as never,
      ...(withNew && { NewImage: marshall(spec.after ?? {}) as never }),
      ...(withOld && { OldImage: marshall(spec.before ?? {}) as never }),
      SequenceNumber: sequenceNumber,
      SizeBytes: 100,
      StreamViewType: viewType,
    },
  };
}

export const DAN_BROWN = { author: "Dan Brown", bookTitle: "The DaVinci code" };
export const VOLUME_1 = { ...DAN_BROWN, subTitle: "Volume-1" };

/** The first seed's walkthrough: insert the book, add a subtitle, delete it. */
export function walkthrough(viewType: StreamViewType = "NEW_AND_OLD_IMAGES"): DynamoDBRecord[] {
  return [
    streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN, viewType }),
    streamRecord({ eventName: "MODIFY", keys: DAN_BROWN, after: VOLUME_1, before: DAN_BROWN, viewType }),
    streamRecord({ eventName: "REMOVE", keys: DAN_BROWN, before: VOLUME_1, viewType }),
  ];
}

export function streamEvent(records: DynamoDBRecord[]): DynamoDBStreamEvent {
  return { Records: records };
}

export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: "books-dev-stream-handler",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:books-dev-stream-handler",
    memoryLimitInMB: "256",
    awsRequestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
    logGroupName: "/aws/lambda/books-dev-stream-handler",
    logStreamName: "2026/11/24/[$LATEST]abcdef",
    getRemainingTimeInMillis: () => 30000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
