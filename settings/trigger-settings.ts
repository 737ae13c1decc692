// What one stream trigger can be configured with: every field's default, its allowed values and its
// check; completed by resolve-trigger.ts, the one place defaults are applied. Imports nothing from cdktf.
import type { Checker } from "./checks";
import { type ConsumerSettings, checkConsumers, consumerFields } from "./consumers";
import { checkFilterPatterns, type FilterPattern } from "./filter-criteria";
import { checkHandlerEnvironment } from "./handler-environment";
import {
  checkKey,
  type KeyAttribute,
  type ResolvedTableShape,
  TABLE_SHAPE_CHECKS,
  type TableShapeSettings,
} from "./table-shape";
import { TABLE_SOURCE_CHECKS, type TableSourceSettings } from "./table-source";

export { KEY_TYPES, type KeyAttribute, type KeyType } from "./table-shape";

export const STREAM_VIEW_TYPES = ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"] as const;
export type StreamViewType = (typeof STREAM_VIEW_TYPES)[number];

// AT_TIMESTAMP exists for Kinesis only.
export const STARTING_POSITIONS = ["LATEST", "TRIM_HORIZON"] as const;
export type StartingPosition = (typeof STARTING_POSITIONS)[number];

// The levels both Powertools Logger and Lambda's advanced logging controls understand.
export const LOG_LEVELS = ["DEBUG", "INFO", "WARN", "ERROR"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// CloudWatch Logs accepts only these retention periods (days); 0 means never expire.
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

// The Node.js runtimes Lambda offers that the bundle can target (esbuild's target follows the runtime).
export const LAMBDA_RUNTIMES = ["nodejs22.x", "nodejs24.x"] as const;
export type LambdaRuntime = (typeof LAMBDA_RUNTIMES)[number];

// Where batches that exhausted their retries go: a queue holding AWS's pointer to them, or a bucket
// holding the whole invocation record, records included.
export const FAILURE_DESTINATIONS = ["sqs", "s3"] as const;
export type FailureDestination = (typeof FAILURE_DESTINATIONS)[number];

// X-Ray: Active samples and records requests; PassThrough only passes on a caller's trace header.
export const TRACING_MODES = ["Active", "PassThrough"] as const;
export type TracingMode = (typeof TRACING_MODES)[number];

// The bundle is plain JavaScript, so either runs it; arm64 costs less per GB-second.
export const ARCHITECTURES = ["arm64", "x86_64"] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** A KMS key by its key ARN (a single- or multi-Region key), which Lambda's filter encryption takes. */
export const KMS_KEY_ARN_PATTERN =
  /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

export const TABLE_NAME_PATTERN = /^[A-Za-z0-9_.-]{3,255}$/;
export const FUNCTION_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ALARM_TOPIC_PATTERN = /^(none|create|arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256})$/;
// A TypeScript file inside the project, by a relative path that cannot climb out of it.
export const HANDLER_PATTERN = /^(?!.*\.\.)(?!\/)[A-Za-z0-9_./-]+\.ts$/;
export const HANDLER_ALLOWED = "a relative path to a .ts file inside the project, such as handlers/stream-handler.ts";

export interface TriggerSettings extends TableShapeSettings, TableSourceSettings, ConsumerSettings {
  /** Physical table name. Required. 3–255 characters of A–Z a–z 0–9 _ . - */
  readonly tableName: string;
  /** Partition (hash) key. Required. */
  readonly partitionKey: KeyAttribute;
  /**
   * Sort (range) key.
   * @default - none
   */
  readonly sortKey?: KeyAttribute;
  /**
   * What each stream record carries. One of STREAM_VIEW_TYPES.
   * @default NEW_AND_OLD_IMAGES
   */
  readonly streamViewType?: StreamViewType;
  /**
   * Refuse `DeleteTable` until switched off.
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * Lambda function name. 1–64 of A–Z a–z 0–9 _ -
   * @default - `<tableName>-stream-handler`, dots as dashes
   */
  readonly functionName?: string;
  /**
   * Handler entry, relative to the project root. An existing .ts file.
   * @default handlers/stream-handler.ts
   */
  readonly handlerEntry?: string;
  /**
   * Function memory in MB. 128–10,240.
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * Function timeout in seconds, which bounds one batch. 1–900.
   * @default 30
   */
  readonly timeoutSeconds?: number;
  /**
   * Application log level. One of LOG_LEVELS.
   * @default INFO
   */
  readonly logLevel?: LogLevel;
  /**
   * Log retention in days. One of LOG_RETENTION_DAYS (0 = never expire).
   * @default 14
   */
  readonly logRetentionDays?: number;
  /**
   * Records per invocation. 1–10,000.
   * @default 1 (the first seed's setting)
   */
  readonly batchSize?: number;
  /**
   * Where a new mapping starts reading, read only when it is created. LATEST or TRIM_HORIZON.
   * @default LATEST
   */
  readonly startingPosition?: StartingPosition;
  /**
   * Seconds to gather records before invoking. 0–300.
   * @default 0
   */
  readonly batchingWindowSeconds?: number;
  /**
   * Whether the mapping polls the stream.
   * @default true (false is the seeds' "disable the trigger")
   */
  readonly enabled?: boolean;
  /**
   * Retries of a failing batch before it goes to the failure queue. -1 (until expiry) or 0–10,000.
   * @default 5
   */
  readonly maximumRetryAttempts?: number;
  /**
   * Records older than this go to the failure queue unprocessed. -1 (until expiry) or 60–604,800.
   * @default 3,600
   */
  readonly maximumRecordAgeSeconds?: number;
  /**
   * Concurrent batches per shard (order is kept per item key). 1–10.
   * @default 1
   */
  readonly parallelizationFactor?: number;
  /**
   * Event filter patterns, OR-ed. Unmatched records are dropped, never retried. At most 5.
   * @default - none
   */
  readonly filterPatterns?: readonly FilterPattern[];
  /**
   * Alarm when the oldest unprocessed record is older than this. 1–86,400.
   * @default 300
   */
  readonly iteratorAgeAlarmSeconds?: number;
  /**
   * Where alarms notify: "none", "create" (a new encrypted SNS topic) or a topic ARN.
   * @default "none"
   */
  readonly alarmTopic?: "none" | "create" | `arn:${string}`;
  /**
   * Lambda runtime, which esbuild's target follows. One of LAMBDA_RUNTIMES.
   * @default nodejs22.x
   */
  readonly runtime?: LambdaRuntime;
  /**
   * The mapping's EventCount metrics (billed as CloudWatch metrics), which four alarms read.
   * @default true
   */
  readonly mappingMetrics?: boolean;
  /**
   * Alarm when more records than this fail within failedRecordsAlarmMinutes. 0–1,000,000.
   * @default 0
   */
  readonly failedRecordsAlarmThreshold?: number;
  /**
   * The window the failed-records alarm sums over, in minutes. 1–1,440.
   * @default 5
   */
  readonly failedRecordsAlarmMinutes?: number;
  /**
   * Alarm when the filters drop every polled record for this many minutes. 0–1,440.
   * @default 0 (off)
   */
  readonly allFilteredOutAlarmMinutes?: number;
  /**
   * Where exhausted batches go: "sqs" (a pointer) or "s3" (the whole records).
   * @default "sqs"
   */
  readonly failureDestination?: FailureDestination;
  /**
   * Days the s3 failure destination keeps parked records, every version. 1–3,650.
   * @default 14
   */
  readonly failureRetentionDays?: number;
  /**
   * Seconds of a tumbling window: the handler's state is carried from one invocation to the next and
   * handed over whole when the window closes. 0 (off) or 1–900.
   * @default 0
   */
  readonly tumblingWindowSeconds?: number;
  /**
   * The KMS key (key ARN, in the environment's region) the mapping encrypts its filter criteria with.
   * @default - an AWS owned key
   */
  readonly filterEncryptionKeyArn?: string;
  /**
   * The handler's own environment variables. Not AWS_*, POWERTOOLS_* or other names Lambda reserves.
   * @default - none
   */
  readonly handlerEnvironment?: Readonly<Record<string, string>>;
  /**
   * Concurrent executions reserved for (and capping) the function. 1–100,000, at least parallelizationFactor.
   * @default - none: the account's unreserved pool
   */
  readonly reservedConcurrency?: number;
  /**
   * X-Ray tracing: Active or PassThrough. Emitted only when set: the provider keeps a live function's
   * mode when the field is removed, so Active is switched off by writing PassThrough.
   * @default - none (Lambda's PassThrough)
   */
  readonly tracing?: TracingMode;
  /**
   * Run each record's work once per eventID, however often the batch is retried or replayed: a DynamoDB
   * table of idempotency records, kept this many seconds (true: 1,209,600, 14 days, or the s3 bucket's
   * failureRetentionDays if longer). false, true or 60–31,536,000, with s3 at least failureRetentionDays.
   * @default false
   */
  readonly idempotency?: boolean | number;
  /**
   * The function's instruction set: arm64 or x86_64.
   * @default arm64
   */
  readonly architecture?: Architecture;
}

export type TriggerField = keyof TriggerSettings;

/** Fields with no default value: absent means "none". */
type OptionalFields =
  | "sortKey"
  | "partitionKey"
  | "filterPatterns"
  | "streamArn"
  | "consumers"
  | "filterEncryptionKeyArn"
  | "handlerEnvironment"
  | "reservedConcurrency"
  | "tracing";

export type ResolvedTriggerSettings = Required<Omit<TriggerSettings, OptionalFields | keyof TableShapeSettings>> &
  ResolvedTableShape & {
    readonly filterEncryptionKeyArn?: string;
    readonly reservedConcurrency?: number;
    readonly tracing?: TracingMode;
    /** Empty for none. */
    readonly handlerEnvironment: Readonly<Record<string, string>>;
    readonly partitionKey: Required<KeyAttribute>;
    readonly sortKey?: Required<KeyAttribute>;
    /** Each pattern as JSON text. */
    readonly filterPatterns: readonly string[];
    readonly streamArn?: string;
    /** The stream's other readers in this app, each a whole trigger of its own but for the table. */
    readonly consumers: readonly ResolvedConsumer[];
  };

/** A consumer's settings: the trigger's table, its own function, mapping, alarms and failure destination. */
export type ResolvedConsumer = ResolvedTriggerSettings & { readonly name: string };

export const TRIGGER_DEFAULTS = {
  streamViewType: "NEW_AND_OLD_IMAGES",
  deletionProtection: false,
  handlerEntry: "handlers/stream-handler.ts",
  memorySize: 256,
  timeoutSeconds: 30,
  logLevel: "INFO",
  logRetentionDays: 14,
  batchSize: 1,
  startingPosition: "LATEST",
  batchingWindowSeconds: 0,
  enabled: true,
  maximumRetryAttempts: 5,
  maximumRecordAgeSeconds: 3600,
  parallelizationFactor: 1,
  iteratorAgeAlarmSeconds: 300,
  alarmTopic: "none",
  runtime: "nodejs22.x",
  mappingMetrics: true,
  failedRecordsAlarmThreshold: 0,
  failedRecordsAlarmMinutes: 5,
  allFilteredOutAlarmMinutes: 0,
  failureDestination: "sqs",
  failureRetentionDays: 14,
  tumblingWindowSeconds: 0,
  architecture: "arm64",
  idempotency: false,
  tableSource: "create",
  otherReaders: 0,
} as const satisfies Partial<TriggerSettings>;

export function defaultFunctionName(tableName: string): string {
  return `${tableName.replace(/\./g, "-")}-stream-handler`;
}

type FieldCheck = (check: Checker, field: string, value: unknown) => void;

/** How each field's value is checked, wherever it is written (a trigger or an environment's defaults). */
export const FIELD_CHECKS: { readonly [F in TriggerField]-?: FieldCheck } = {
  tableName: (c, f, v) => c.matches(f, v, TABLE_NAME_PATTERN, "3 to 255 characters of A-Z a-z 0-9 _ . -"),
  partitionKey: checkKey,
  sortKey: checkKey,
  streamViewType: (c, f, v) => c.oneOf(f, v, STREAM_VIEW_TYPES),
  deletionProtection: (c, f, v) => c.boolean(f, v),
  functionName: (c, f, v) => c.matches(f, v, FUNCTION_NAME_PATTERN, "1 to 64 characters of A-Z a-z 0-9 _ -"),
  handlerEntry: (c, f, v) => c.matches(f, v, HANDLER_PATTERN, HANDLER_ALLOWED),
  memorySize: (c, f, v) => c.integer(f, v, 128, 10240),
  timeoutSeconds: (c, f, v) => c.integer(f, v, 1, 900),
  logLevel: (c, f, v) => c.oneOf(f, v, LOG_LEVELS),
  logRetentionDays: (c, f, v) => c.oneOf(f, v, LOG_RETENTION_DAYS),
  batchSize: (c, f, v) => c.integer(f, v, 1, 10000),
  startingPosition: (c, f, v) => c.oneOf(f, v, STARTING_POSITIONS),
  batchingWindowSeconds: (c, f, v) => c.integer(f, v, 0, 300),
  enabled: (c, f, v) => c.boolean(f, v),
  maximumRetryAttempts: (c, f, v) => c.integer(f, v, 0, 10000, [-1]),
  maximumRecordAgeSeconds: (c, f, v) => c.integer(f, v, 60, 604800, [-1]),
  parallelizationFactor: (c, f, v) => c.integer(f, v, 1, 10),
  filterPatterns: checkFilterPatterns,
  iteratorAgeAlarmSeconds: (c, f, v) => c.integer(f, v, 1, 86400),
  alarmTopic: (c, f, v) => c.matches(f, v, ALARM_TOPIC_PATTERN, '"none", "create" or an SNS topic ARN'),
  runtime: (c, f, v) => c.oneOf(f, v, LAMBDA_RUNTIMES),
  mappingMetrics: (c, f, v) => c.boolean(f, v),
  failedRecordsAlarmThreshold: (c, f, v) => c.integer(f, v, 0, 1000000),
  failedRecordsAlarmMinutes: (c, f, v) => c.integer(f, v, 1, 1440),
  allFilteredOutAlarmMinutes: (c, f, v) => c.integer(f, v, 0, 1440),
  failureDestination: (c, f, v) => c.oneOf(f, v, FAILURE_DESTINATIONS),
  failureRetentionDays: (c, f, v) => c.integer(f, v, 1, 3650),
  tumblingWindowSeconds: (c, f, v) => c.integer(f, v, 0, 900),
  filterEncryptionKeyArn: (c, f, v) =>
    c.matches(
      f,
      v,
      KMS_KEY_ARN_PATTERN,
      "the key ARN of a KMS key, arn:<partition>:kms:<region>:<account>:key/<key id>",
    ),
  handlerEnvironment: checkHandlerEnvironment,
  reservedConcurrency: (c, f, v) => c.integer(f, v, 1, 100000),
  tracing: (c, f, v) => c.oneOf(f, v, TRACING_MODES),
  architecture: (c, f, v) => c.oneOf(f, v, ARCHITECTURES),
  idempotency: (c, f, v) => {
    const seconds = typeof v === "number" && Number.isInteger(v) && v >= 60 && v <= 31536000;
    if (typeof v !== "boolean" && !seconds) c.fail(f, v, "true, false or an integer from 60 to 31,536,000 (seconds)");
  },
  ...TABLE_SHAPE_CHECKS,
  ...TABLE_SOURCE_CHECKS,
  consumers: (c, f, v) => checkConsumers(c, f, v, consumerFields(TRIGGER_FIELDS), checkTriggerFields),
  otherReaders: (c, f, v) => c.integer(f, v, 0, 100),
};

/** How long idempotency records are kept with `idempotency: true`: as long as SQS keeps a parked pointer. */
export const IDEMPOTENCY_DEFAULT_TTL_SECONDS = 1209600;
/** The handler entry a trigger with idempotency gets unless it names its own. */
export const IDEMPOTENT_HANDLER = "handlers/idempotent-stream-handler.ts";

/** The settings how long idempotency records are kept depends on. */
export interface IdempotencySettings {
  readonly idempotency: boolean | number;
  readonly failureDestination: FailureDestination;
  readonly failureRetentionDays: number;
}

/**
 * Seconds a batch parked in the s3 bucket can still be replayed (0 with sqs: its pointers name stream
 * records, gone after 24 hours, well within any TTL allowed). Its records that succeeded before must
 * still find their idempotency records then, or their work runs again.
 */
export function replayableSeconds(s: Omit<IdempotencySettings, "idempotency">): number {
  return s.failureDestination === "s3" ? s.failureRetentionDays * 86400 : 0;
}

/** Seconds idempotency records are kept, or undefined when idempotency is off; true covers the bucket's retention. */
export function idempotencyTtlSeconds(s: IdempotencySettings): number | undefined {
  if (s.idempotency === false) return undefined;
  return s.idempotency === true ? Math.max(IDEMPOTENCY_DEFAULT_TTL_SECONDS, replayableSeconds(s)) : s.idempotency;
}

export const TRIGGER_FIELDS = Object.keys(FIELD_CHECKS) as TriggerField[];

/** Checks the value of every field present in `fields` (an undefined value counts as absent). */
export function checkTriggerFields(check: Checker, fields: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(fields)) {
    // Own keys only: a config key such as __defineGetter__ must not call Object.prototype's member.
    if (value !== undefined && Object.hasOwn(FIELD_CHECKS, field))
      FIELD_CHECKS[field as TriggerField](check, field, value);
  }
}

// `{ batchSize: undefined }` must mean "use the default", not "override it with undefined".
export function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
