// Turns a raw DynamoDB stream record into a typed change with plain JavaScript images.
// Pure: no I/O, no globals, so tests call it directly.
import type { DynamoDBRecord } from "aws-lambda";
import { badAttribute } from "./attribute-value";
import { badNumber } from "./dynamodb-number";
import { unmarshallImage } from "./unmarshall";

export type EventName = "INSERT" | "MODIFY" | "REMOVE";
export type Item = Record<string, unknown>;

/** One change; `I` is the item's type where a check vouches for it (handlers/typed-items.ts). */
export interface StreamChange<I = Item> {
  readonly eventName: EventName;
  readonly sequenceNumber: string;
  /** The stream record's ID, unique to it: what idempotency is keyed by (handlers/idempotency.ts). */
  readonly eventID?: string;
  /** The item's key attributes; always present. */
  readonly keys: Item;
  /** The item after the change: INSERT and MODIFY, with NEW_IMAGE or NEW_AND_OLD_IMAGES. */
  readonly newImage?: I;
  /** The item before the change: MODIFY and REMOVE, with OLD_IMAGE or NEW_AND_OLD_IMAGES. */
  readonly oldImage?: I;
  /** True for a REMOVE made by DynamoDB's time-to-live, not by a caller. */
  readonly expiredByTtl: boolean;
  readonly streamViewType?: string;
  /** When the change was made, ISO 8601; AWS rounds to the second. */
  readonly approximateCreationTime?: string;
}

/** A record the handler cannot interpret; `reason` says why, for the log line. */
export class MalformedRecordError extends Error {
  constructor(readonly reason: string) {
    super(`malformed stream record: ${reason}`);
    this.name = "MalformedRecordError";
  }
}

const EVENT_NAMES: readonly string[] = ["INSERT", "MODIFY", "REMOVE"];

function image(field: string, value: unknown): Item | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new MalformedRecordError(`dynamodb.${field} is not an attribute map`);
  }
  const map = value as Record<string, unknown>;
  const shape = badAttribute(map, `dynamodb.${field}`);
  if (shape !== undefined) throw new MalformedRecordError(shape);
  try {
    return unmarshallImage(map);
  } catch (error) {
    const number = badNumber(map);
    throw new MalformedRecordError(
      `dynamodb.${field}${number ?? ` cannot be unmarshalled: ${(error as Error).message}`}`,
    );
  }
}

export function parseStreamRecord(record: DynamoDBRecord): StreamChange {
  const ddb = record.dynamodb;
  if (ddb === undefined || ddb === null || typeof ddb !== "object") {
    throw new MalformedRecordError("no dynamodb part");
  }
  const sequenceNumber = ddb.SequenceNumber;
  if (typeof sequenceNumber !== "string" || sequenceNumber === "") {
    throw new MalformedRecordError("no dynamodb.SequenceNumber");
  }
  const eventName = record.eventName;
  if (eventName === undefined || !EVENT_NAMES.includes(eventName)) {
    throw new MalformedRecordError(`eventName is ${JSON.stringify(eventName)}; expected INSERT, MODIFY or REMOVE`);
  }
  const keys = image("Keys", ddb.Keys);
  if (keys === undefined) throw new MalformedRecordError("no dynamodb.Keys");
  const identity = record.userIdentity as { type?: string; principalId?: string } | undefined;
  const created = ddb.ApproximateCreationDateTime;
  return {
    eventName: eventName as EventName,
    sequenceNumber,
    eventID: typeof record.eventID === "string" ? record.eventID : undefined,
    keys,
    newImage: image("NewImage", ddb.NewImage),
    oldImage: image("OldImage", ddb.OldImage),
    expiredByTtl:
      eventName === "REMOVE" && identity?.type === "Service" && identity.principalId === "dynamodb.amazonaws.com",
    streamViewType: ddb.StreamViewType,
    approximateCreationTime: typeof created === "number" ? new Date(created * 1000).toISOString() : undefined,
  };
}

/** A stable text for an item's key, used to keep one item's changes in order. */
export function itemKey(record: DynamoDBRecord): string | undefined {
  const keys = record.dynamodb?.Keys;
  if (keys === undefined || keys === null) return undefined;
  try {
    return JSON.stringify(
      Object.keys(keys)
        .sort()
        .map((name) => [name, keys[name]]),
    );
  } catch {
    return undefined; // nested too deeply to write down: such a record is malformed and fails by itself
  }
}
