// More than one reader of a trigger's stream: `consumers` beside the one the trigger's own fields describe,
// each with every function, mapping, alarm and failure-destination field of its own, and AWS's limit of
// two readers per stream shard. Settings only: imports nothing from cdktf.
import type { Checker } from "./checks";

/** Fields that describe the table or its stream: one table has one of each, so no consumer sets them. */
export const TABLE_FIELDS = [
  "tableName",
  "partitionKey",
  "sortKey",
  "streamViewType",
  "deletionProtection",
  "globalSecondaryIndexes",
  "localSecondaryIndexes",
  "ttlAttribute",
  "billingMode",
  "readCapacity",
  "writeCapacity",
  "tableClass",
  "tableSource",
  "streamArn",
  "consumers",
  "otherReaders",
] as const;

/** A consumer as config writes it: its name, and any trigger field that is not about the table. */
export interface ConsumerFields {
  /** Names its function, role, queue, log group and alarms `<table>-<environment>-<name>…`. Required. 1–32 of a–z 0–9 -, starting with a letter. */
  readonly name: string;
}

export interface ConsumerSettings {
  /**
   * More readers of the stream beside the trigger's own: each gets its own function, role, mapping, failure
   * destination and alarms, and takes every field but the table's (missing ones from the trigger).
   * @default - none
   */
  readonly consumers?: readonly (ConsumerFields & Record<string, unknown>)[];
  /**
   * Readers of the stream outside this app (a global table's replication, another team's function), counted
   * with the trigger and its consumers against AWS's two per stream. 0–100.
   * @default 0
   */
  readonly otherReaders?: number;
}

export const CONSUMER_NAME_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
/** AWS: "No more than two processes at most should be reading from the same streams shard at the same time." */
export const MAX_STREAM_READERS = 2;
export const AWS_READER_GUIDANCE =
  'AWS: "No more than two processes at most should be reading from the same streams shard at the same time. ' +
  'Having more than two readers per shard can result in throttling."';

/** The fields a consumer may set: every trigger field that is not about the table, and its name. */
export const consumerFields = (triggerFields: readonly string[]): string[] => [
  "name",
  ...triggerFields.filter((f) => !(TABLE_FIELDS as readonly string[]).includes(f)),
];

/** Checks the list's shape and each consumer's name; `checkFields` checks every other field's value. */
export function checkConsumers(
  check: Checker,
  field: string,
  value: unknown,
  allowed: readonly string[],
  checkFields: (c: Checker, fields: Record<string, unknown>) => void,
): void {
  if (!Array.isArray(value)) {
    check.fail(field, value, "a list of consumers: objects with a name and trigger settings");
    return;
  }
  const names = new Map<string, number>();
  Array.from(value).forEach((consumer, i) => {
    const label = `${field}[${i}]`;
    if (!check.object(label, consumer, "a consumer: an object with a name and trigger settings")) return;
    const c = check.nested(label);
    c.knownKeys(consumer, allowed, "a consumer (the table's fields belong on the trigger)");
    c.matches(
      "name",
      consumer.name,
      CONSUMER_NAME_PATTERN,
      "1 to 32 characters of a-z 0-9 -, starting with a letter (required)",
    );
    if (typeof consumer.name === "string") {
      const earlier = names.get(consumer.name);
      if (earlier !== undefined)
        c.fail("name", consumer.name, `a name no other consumer has (consumers[${earlier}] has it)`);
      else names.set(consumer.name, i);
    }
    const { name: _, ...fields } = consumer;
    checkFields(c, fields);
  });
}

/** Refuses more readers of one stream than AWS advises: the trigger, its consumers and otherReaders. */
export function checkReaders(check: Checker, consumers: number, otherReaders: unknown): void {
  const others = typeof otherReaders === "number" && Number.isInteger(otherReaders) ? otherReaders : 0;
  const readers = 1 + consumers + others;
  if (readers <= MAX_STREAM_READERS) return;
  const parts = [
    `the trigger`,
    consumers ? `${consumers} consumer${consumers > 1 ? "s" : ""}` : "",
    others ? `${others} otherReaders` : "",
  ];
  check.failAs(
    "consumers",
    `${readers} readers of one stream (${parts.filter(Boolean).join(" + ")})`,
    `at most ${MAX_STREAM_READERS} readers per stream, otherReaders included; ${AWS_READER_GUIDANCE}`,
  );
}
