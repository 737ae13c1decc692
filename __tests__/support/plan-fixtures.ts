// Plans as `terraform show -json plan.tfplan` writes them, following Terraform's "JSON Output Format"
// (format_version 1.x): a plan holds `resource_changes`, each with an address, mode, type, name,
// provider_name and a `change` of `actions`, `before`, `after`, `after_unknown` and, for a replacement,
// `replace_paths` and `action_reason`. The values are a trigger stack's, cut to the attributes that matter.

import { mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

type Values = Record<string, unknown>;

export const TABLE = "aws_dynamodb_table.trigger_table_16E138B7";
export const MAPPING = "aws_lambda_event_source_mapping.trigger_mapping_FA5D31A1";
export const FUNCTION = "aws_lambda_function.trigger_function_E0C8E236";
export const ROLE = "aws_iam_role.trigger_role_E0845E0F";
export const POLICY = "aws_iam_role_policy.trigger_role_policy_55D81259";
export const QUEUE = "aws_sqs_queue.trigger_failure-queue_3BA66B97";
export const LOG_GROUP = "aws_cloudwatch_log_group.trigger_log-group_F83DDDE9";
// idempotency: true: Powertools' records, in a table of their own without a stream.
export const IDEMPOTENCY_TABLE = "aws_dynamodb_table.trigger_idempotency_table_6B1A7C55";
// failureDestination "s3": the bucket and its lifecycle rule (a stack has these or the queue, never both;
// the fixtures hold all, each rule looks at its own type).
export const BUCKET = "aws_s3_bucket.trigger_failure-bucket_B9AFEB4C";
export const BUCKET_LIFECYCLE = "aws_s3_bucket_lifecycle_configuration.trigger_failure-bucket_lifecycle_72945EE6";

const ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/books-dev";
const QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:books-dev-stream-handler-failures";

/** The failure bucket's lifecycle `rule`, as the provider writes it: every version expires after `days`. */
export function lifecycleRule(days: number, noncurrentDays = days): Values[] {
  return [
    {
      id: "expire-parked-records",
      status: "Enabled",
      filter: [{}],
      expiration: [{ days, date: null, expired_object_delete_marker: false }],
      noncurrent_version_expiration: [{ noncurrent_days: noncurrentDays, newer_noncurrent_versions: null }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }],
    },
  ];
}

/** Each resource's values as a deployed books-dev holds them. */
export const DEPLOYED: Readonly<Record<string, Values>> = {
  [TABLE]: {
    name: "books-dev",
    hash_key: "author",
    range_key: "bookTitle",
    billing_mode: "PAY_PER_REQUEST",
    stream_enabled: true,
    stream_view_type: "NEW_AND_OLD_IMAGES",
    stream_arn: `${ARN}/stream/2024-01-01T00:00:00.000`,
    deletion_protection_enabled: false,
  },
  [MAPPING]: {
    batch_size: 1,
    enabled: true,
    starting_position: "LATEST",
    event_source_arn: `${ARN}/stream/2024-01-01T00:00:00.000`,
    function_name: "arn:aws:lambda:us-east-1:123456789012:function:books-dev-stream-handler",
    function_response_types: ["ReportBatchItemFailures"],
    destination_config: [{ on_failure: [{ destination_arn: QUEUE_ARN }] }],
    filter_criteria: [],
    maximum_retry_attempts: 5,
    maximum_record_age_in_seconds: 3600,
    bisect_batch_on_function_error: true,
  },
  [FUNCTION]: { function_name: "books-dev-stream-handler", memory_size: 256, timeout: 30, runtime: "nodejs22.x" },
  [ROLE]: { name: "books-dev-stream-handler" },
  [POLICY]: { name: "books-dev-stream-handler", policy: '{"Version":"2012-10-17","Statement":[]}' },
  [QUEUE]: { name: "books-dev-stream-handler-failures", message_retention_seconds: 1209600, arn: QUEUE_ARN },
  [LOG_GROUP]: { name: "/aws/lambda/books-dev-stream-handler", retention_in_days: 14 },
  [BUCKET]: { bucket: "books-dev-stream-handler-failures-123456789012", force_destroy: false },
  [BUCKET_LIFECYCLE]: { bucket: "books-dev-stream-handler-failures-123456789012", rule: lifecycleRule(14) },
};

/** The idempotency table's values (not in DEPLOYED: the sample stack has idempotency off). */
export const IDEMPOTENCY_TABLE_VALUES: Values = {
  name: "books-dev-stream-handler-idempotency",
  hash_key: "id",
  billing_mode: "PAY_PER_REQUEST",
  stream_enabled: false,
  ttl: [{ enabled: true, attribute_name: "expiration" }],
  deletion_protection_enabled: false,
};

export interface ChangeOptions {
  readonly before?: Values | null;
  readonly after?: Values | null;
  readonly afterUnknown?: Values;
  readonly replacePaths?: string[][];
}

/** One entry of `resource_changes`. */
export function resourceChange(address: string, actions: string[], options: ChangeOptions = {}) {
  const [type, name] = address.split(".");
  const replacing = actions.length === 2;
  return {
    address,
    mode: type === "archive_file" ? "data" : "managed",
    type,
    name,
    provider_name: "registry.terraform.io/hashicorp/aws",
    change: {
      actions,
      before: options.before === undefined ? DEPLOYED[address] : options.before,
      after: options.after === undefined ? DEPLOYED[address] : options.after,
      after_unknown: options.afterUnknown ?? {},
      before_sensitive: {},
      after_sensitive: {},
      ...(replacing ? { replace_paths: options.replacePaths ?? [] } : {}),
    },
    ...(replacing ? { action_reason: "replace_because_cannot_update" } : {}),
  };
}

/** An in-place update of `address` that sets `changes` on its deployed values. */
export const update = (address: string, changes: Values, afterUnknown: Values = {}) =>
  resourceChange(address, ["update"], { after: { ...DEPLOYED[address], ...changes }, afterUnknown });

/** A replacement, delete first as Terraform plans it unless create_before_destroy is set. */
export const replace = (address: string, replacePaths: string[][], order: "delete-first" | "create-first") =>
  resourceChange(address, order === "delete-first" ? ["delete", "create"] : ["create", "delete"], { replacePaths });

export const remove = (address: string) => resourceChange(address, ["delete"], { after: null });
export const create = (address: string, after: Values) => resourceChange(address, ["create"], { before: null, after });
export const unchanged = (address: string) => resourceChange(address, ["no-op"]);

/** A whole plan: every other resource of the stack unchanged, so a rule must find its one change. */
export function plan(...changes: ReturnType<typeof resourceChange>[]) {
  const changed = new Set(changes.map((c) => c.address));
  const rest = Object.keys(DEPLOYED)
    .filter((address) => !changed.has(address))
    .map(unchanged);
  return {
    format_version: "1.2",
    terraform_version: "1.11.4",
    planned_values: { root_module: {} },
    resource_changes: [...changes, ...rest].sort((a, b) => a.address.localeCompare(b.address)),
    configuration: { root_module: {} },
    applyable: changes.length > 0,
    complete: true,
    errored: false,
  };
}

/** Writes `json` (or text) as `<dir>/<name>` in a fresh folder; returns the path. */
export function writeJson(
  name: string,
  json: unknown,
  dir = mkdtempSync(path.join(os.tmpdir(), "check-plan-")),
): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof json === "string" ? json : JSON.stringify(json, null, 2));
  return file;
}

/** The books-dev table as it would be with a global secondary index and TTL: what the table rules compare. */
export const SHAPED_TABLE: Values = {
  ...DEPLOYED[TABLE],
  global_secondary_index: [
    { name: "byGenre", hash_key: "genre", range_key: "", projection_type: "ALL", non_key_attributes: [] },
  ],
  ttl: [{ enabled: true, attribute_name: "expiresAt" }],
};

/** An in-place update of the shaped table that sets `changes` on it. */
export const updateShaped = (changes: Values) =>
  resourceChange(TABLE, ["update"], { before: SHAPED_TABLE, after: { ...SHAPED_TABLE, ...changes } });

/**
 * The plan entry of an adopted table's first plan: imported (`change.importing`), the table as it is in
 * `before`, the table as config models it in `after`.
 */
export function importing(before: Values, after: Values, afterUnknown: Values = {}) {
  const entry = resourceChange(TABLE, ["update"], { before, after, afterUnknown });
  return { ...entry, change: { ...entry.change, importing: { id: String(before.name) } } };
}
