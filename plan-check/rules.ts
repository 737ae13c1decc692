// The one table of changes that can lose, skip, replay or delete stream records: for each resource type
// and change, what happens to the records and how to make the change safely. Every other change passes
// (batch size, filters, retries, memory, a new destination queue, `enabled`, alarms, logs...).
// Measured against real Terraform and the AWS provider: ../shared/reference/replacements.md.

import type { ResourceChange, Values } from "./plan-file";
import type { Rule } from "./rule";
import { TABLE_SHAPE_RULES } from "./table-rules";

export type { Rule } from "./rule";

const TABLE = "aws_dynamodb_table";
const MAPPING = "aws_lambda_event_source_mapping";
const FUNCTION = "aws_lambda_function";
const ROLE = "aws_iam_role";
const POLICY = "aws_iam_role_policy";
const QUEUE = "aws_sqs_queue";
const BUCKET = "aws_s3_bucket";
const BUCKET_LIFECYCLE = "aws_s3_bucket_lifecycle_configuration";

const QUIET_APPLY =
  "stop the writers (or wait for a quiet hour) until the IteratorAge metric is near 0, apply, then check that " +
  "the failure queue is empty and IteratorAge stays low before the writers start again";
const PAUSE_FIRST =
  "deploy `enabled: false` first (records wait in the stream, up to 24 hours), apply this change, then set " +
  "`enabled: true` again: the mapping resumes where it stopped";
const REMOVE_TRIGGER =
  "stop the writers, wait until IteratorAge is 0 and the failure queue is empty, then remove the whole trigger";
const DRAIN_QUEUE =
  "replay every parked record and delete its message first (docs/operations.md: reading back what the failure queue holds), " +
  "then apply while no batch is failing";
const BUCKET_GONE =
  "the bucket holds the only copy of every parked batch: Terraform cannot delete it while it holds any (it is not " +
  "force-destroyed), so the apply stops half done, and emptying it to let the apply through deletes those records";
const DRAIN_BUCKET =
  "replay every parked batch first (`npm run redrive -- <stack> --replay`, docs/failures-and-redrive.md), then delete " +
  "the bucket's remaining object versions (the bucket is versioned) and apply while no batch is failing";
const ROLE_GONE =
  "while it is missing the mapping cannot read the stream and failed batches cannot be parked: records wait, and " +
  "any that reach their maximum record age meanwhile are dropped";
const FUNCTION_GONE =
  "the mapping invokes a function that does not exist: its batches of records fail, are retried, and run out of " +
  "retries into the failure queue, to be replayed by hand";

/** The value at `path` (attribute names and list indexes), or undefined where there is none. */
function at(values: unknown, ...path: (string | number)[]): unknown {
  let value = values;
  for (const step of path) value = typeof value === "object" && value !== null ? (value as never)[step] : undefined;
  return value;
}
const destination = (v: Values) => at(v, "destination_config", 0, "on_failure", 0, "destination_arn");
/** Days until the first version of a parked batch expires: the shortest of the lifecycle rules' expirations. */
function bucketRetentionDays(v: Values): number | undefined {
  const rules = Array.isArray(v.rule) ? v.rule : [];
  const days = rules.flatMap((rule) => [
    at(rule, "expiration", 0, "days"),
    at(rule, "noncurrent_version_expiration", 0, "noncurrent_days"),
  ]);
  const numbers = days.filter((d): d is number => typeof d === "number" && d > 0);
  return numbers.length === 0 ? undefined : Math.min(...numbers);
}
const reportsFailures = (v: Values) =>
  Array.isArray(v.function_response_types) && v.function_response_types.includes("ReportBatchItemFailures");

/**
 * The table Powertools Idempotency keeps a function's records in (`<function>-idempotency`): it has no
 * stream, which every trigger's table has, so losing it loses no record, only the memory of which ran.
 */
const isIdempotencyTable = (v: Values) =>
  typeof v?.name === "string" && v.name.endsWith("-idempotency") && v.stream_enabled !== true;
const IDEMPOTENCY_LOST =
  "no stream record is lost, but the idempotency records go with it: a batch retried or replayed afterwards " +
  "(Lambda's retries after a partial failure, `npm run redrive -- <stack> --replay`) runs every record's work again";
const IDEMPOTENCY_SAFELY =
  "apply when nothing is being retried or parked: IteratorAge near 0 and the failure queue (or bucket) empty " +
  "(`npm run redrive -- <stack>` shows it); a record replayed after that runs once more";

export const RULES: readonly Rule[] = [
  {
    type: TABLE,
    kind: "replace",
    applies: (b) => isIdempotencyTable(b),
    change: "idempotency table replaced",
    records: IDEMPOTENCY_LOST,
    safely: IDEMPOTENCY_SAFELY,
  },
  {
    type: TABLE,
    kind: "delete",
    applies: (b) => isIdempotencyTable(b),
    change: "idempotency table deleted",
    records: IDEMPOTENCY_LOST,
    safely: IDEMPOTENCY_SAFELY,
  },
  {
    type: TABLE,
    kind: "replace",
    applies: (b) => !isIdempotencyTable(b),
    change: "table replaced",
    records:
      "the table is deleted with every item and its stream, then created empty; unread records are never delivered",
    safely:
      "keep the table's name and keys; to change them, add a new trigger, copy the items, move the writers, and " +
      "remove the old trigger in a later change",
  },
  {
    type: TABLE,
    kind: "delete",
    applies: (b) => !isIdempotencyTable(b),
    change: "table deleted",
    records: "the table is deleted with every item and its stream; unread records are never delivered",
    safely: `export the items first (point-in-time recovery or an export to S3), then ${REMOVE_TRIGGER}`,
  },
  {
    type: TABLE,
    kind: "update",
    applies: (b, a) => b.stream_enabled === true && a.stream_enabled === false,
    change: "stream switched off",
    shows: ["stream_enabled"],
    records: "the stream is deleted: records not yet read are never delivered, and the trigger has nothing to read",
    safely: REMOVE_TRIGGER,
  },
  {
    type: TABLE,
    kind: "update",
    applies: (b, a) =>
      b.stream_enabled === true && a.stream_enabled === true && b.stream_view_type !== a.stream_view_type,
    change: "stream view type changed",
    shows: ["stream_view_type"],
    records:
      "DynamoDB gives the table a new stream (a new ARN) and the mapping is replaced to read it: records still unread " +
      "in the old stream are never delivered",
    safely: QUIET_APPLY,
  },
  {
    type: MAPPING,
    kind: "replace",
    change: "mapping replaced",
    shows: ["starting_position"],
    records:
      "the old mapping is deleted and a new one starts at its starting position: with LATEST, records written in " +
      "between are never delivered; with TRIM_HORIZON, up to 24 hours of records are delivered again",
    safely: `${QUIET_APPLY}; with TRIM_HORIZON, make sure the handler is idempotent`,
  },
  {
    type: MAPPING,
    kind: "delete",
    change: "mapping deleted",
    records: "nothing reads the stream any more: unread and new records expire after 24 hours, never delivered",
    safely: `to pause, set \`enabled: false\` instead (records wait up to 24 hours); to remove the trigger, ${REMOVE_TRIGGER}`,
  },
  {
    type: MAPPING,
    kind: "update",
    applies: (b, a, unknown) => destination(b) != null && destination(a) == null && destination(unknown) !== true,
    change: "on-failure destination removed",
    records: "records in batches that run out of retries are dropped instead of parked in the failure queue",
    safely: "keep an on-failure destination; moving it to another queue is a safe update",
  },
  {
    type: MAPPING,
    kind: "update",
    applies: (b, a) => reportsFailures(b) && !reportsFailures(a),
    change: "ReportBatchItemFailures removed",
    shows: ["function_response_types"],
    records:
      "Lambda ignores the handler's batchItemFailures: records it reports failed count as processed, never retried " +
      "or parked",
    safely: "keep `function_response_types = [ReportBatchItemFailures]` while the handler reports failures per record",
  },
  {
    type: FUNCTION,
    kind: "replace",
    change: "function replaced",
    records: `between the delete and the create ${FUNCTION_GONE}`,
    safely: PAUSE_FIRST,
  },
  {
    type: FUNCTION,
    kind: "delete",
    change: "function deleted",
    records: FUNCTION_GONE,
    safely: REMOVE_TRIGGER,
  },
  {
    type: ROLE,
    kind: "replace",
    change: "role replaced",
    records: `the role is recreated; ${ROLE_GONE}`,
    safely: PAUSE_FIRST,
  },
  {
    type: ROLE,
    kind: "delete",
    change: "role deleted",
    records: `the role is deleted; ${ROLE_GONE}`,
    safely: REMOVE_TRIGGER,
  },
  {
    type: POLICY,
    kind: "replace",
    change: "role policy replaced",
    records: `the role's policy is recreated; ${ROLE_GONE}`,
    safely: PAUSE_FIRST,
  },
  {
    type: POLICY,
    kind: "delete",
    change: "role policy deleted",
    records: `the role's policy is deleted; ${ROLE_GONE}`,
    safely: REMOVE_TRIGGER,
  },
  {
    type: QUEUE,
    kind: "replace",
    change: "failure queue replaced",
    records: "the queue is deleted with its messages: the pointers to parked records are lost, and so are the records",
    safely: DRAIN_QUEUE,
  },
  {
    type: QUEUE,
    kind: "delete",
    change: "failure queue deleted",
    records: "the queue is deleted with its messages: the pointers to parked records are lost, and so are the records",
    safely: DRAIN_QUEUE,
  },
  {
    type: QUEUE,
    kind: "update",
    applies: (b, a) =>
      typeof b.message_retention_seconds === "number" &&
      typeof a.message_retention_seconds === "number" &&
      a.message_retention_seconds < b.message_retention_seconds,
    change: "failure queue retention shortened",
    shows: ["message_retention_seconds"],
    records: "parked pointers older than the new retention are deleted, and their records can no longer be found",
    safely: `${DRAIN_QUEUE}, or keep the retention`,
  },
  {
    type: BUCKET,
    kind: "replace",
    change: "failure bucket replaced",
    records: BUCKET_GONE,
    safely: DRAIN_BUCKET,
  },
  {
    type: BUCKET,
    kind: "delete",
    change: "failure bucket deleted",
    records: BUCKET_GONE,
    safely: DRAIN_BUCKET,
  },
  {
    type: BUCKET_LIFECYCLE,
    kind: "update",
    applies: (b, a) => {
      const [before, after] = [bucketRetentionDays(b), bucketRetentionDays(a)];
      return before !== undefined && after !== undefined && after < before;
    },
    change: "failure bucket retention shortened",
    describe: (b, a) => `retention ${bucketRetentionDays(b)} -> ${bucketRetentionDays(a)} days`,
    records: "parked batches older than the new retention expire: their records, parked nowhere else, are deleted",
    safely:
      "replay the parked batches older than the new retention first (`npm run redrive -- <stack> --replay`, " +
      "docs/failures-and-redrive.md), or keep `failureRetentionDays`",
  },
  ...TABLE_SHAPE_RULES,
];

export function rulesFor(change: ResourceChange): Rule[] {
  if (change.mode !== "managed") return [];
  return RULES.filter(
    (rule) =>
      rule.type === change.type &&
      rule.kind === change.kind &&
      (rule.importing === undefined || rule.importing === change.importing) &&
      (rule.applies === undefined || rule.applies(change.before, change.after, change.afterUnknown)),
  );
}
