// What one stream trigger can be configured with, its defaults and its allowed values.
// Shared by the config loader and the StreamTrigger construct; imports nothing from cdktf.
import type { Checker } from "./checks";
import { type FilterPattern, resolveFilterPatterns } from "./filter-criteria";

export const STREAM_VIEW_TYPES = ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"] as const;
export type StreamViewType = (typeof STREAM_VIEW_TYPES)[number];

// AT_TIMESTAMP exists for Kinesis only.
export const STARTING_POSITIONS = ["LATEST", "TRIM_HORIZON"] as const;
export type StartingPosition = (typeof STARTING_POSITIONS)[number];

export const KEY_TYPES = ["S", "N", "B"] as const;
export type KeyType = (typeof KEY_TYPES)[number];

// The levels both Powertools Logger and Lambda's advanced logging controls understand.
export const LOG_LEVELS = ["DEBUG", "INFO", "WARN", "ERROR"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// CloudWatch Logs accepts only these retention periods (days); 0 means never expire.
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const TABLE_NAME_PATTERN = /^[A-Za-z0-9_.-]{3,255}$/;
export const FUNCTION_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const ALARM_TOPIC_PATTERN = /^(none|create|arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256})$/;
// A TypeScript file inside the project, by a relative path that cannot climb out of it.
const HANDLER_PATTERN = /^(?!.*\.\.)(?!\/)[A-Za-z0-9_./-]+\.ts$/;

export interface KeyAttribute {
  /** Attribute name; 1–255 characters. */
  readonly name: string;
  /** Attribute type; default "S"; one of S, N, B. */
  readonly type?: KeyType;
}

export interface TriggerSettings {
  /** Physical table name; 3–255 characters of A–Z a–z 0–9 _ . - */
  readonly tableName: string;
  /** Partition (hash) key; required. */
  readonly partitionKey: KeyAttribute;
  /** Sort (range) key; default none. */
  readonly sortKey?: KeyAttribute;
  /** What each stream record carries; default NEW_AND_OLD_IMAGES; one of STREAM_VIEW_TYPES. */
  readonly streamViewType?: StreamViewType;
  /** Refuse `DeleteTable` until switched off; default false. */
  readonly deletionProtection?: boolean;
  /** Lambda function name; default `<tableName>-stream-handler` with dots as dashes; 1–64 of A–Z a–z 0–9 _ - */
  readonly functionName?: string;
  /** Handler entry, relative to the project root; default "handlers/stream-handler.ts"; a .ts file inside the project. */
  readonly handlerEntry?: string;
  /** Function memory in MB; default 256; 128–10,240. */
  readonly memorySize?: number;
  /** Function timeout in seconds, which bounds one batch; default 30; 1–900. */
  readonly timeout?: number;
  /** Application log level; default INFO; one of LOG_LEVELS. */
  readonly logLevel?: LogLevel;
  /** Log retention in days; default 14; one of LOG_RETENTION_DAYS (0 = never expire). */
  readonly logRetentionDays?: number;
  /** Records per invocation; default 1 (the first seed's setting); 1–10,000. */
  readonly batchSize?: number;
  /** Where a new mapping starts reading; default LATEST; LATEST or TRIM_HORIZON. */
  readonly startingPosition?: StartingPosition;
  /** Seconds to gather records before invoking; default 0; 0–300. */
  readonly batchingWindowSeconds?: number;
  /** Whether the mapping polls the stream; default true. false is the seeds' "disable the trigger". */
  readonly enabled?: boolean;
  /** Retries of a failing batch before it goes to the failure queue; default 5; -1 (until expiry) or 0–10,000. */
  readonly maximumRetryAttempts?: number;
  /** Records older than this go to the failure queue unprocessed; default 3,600 s; -1 (until expiry) or 60–604,800. */
  readonly maximumRecordAgeSeconds?: number;
  /** Concurrent batches per shard (order is kept per item key); default 1; 1–10. */
  readonly parallelizationFactor?: number;
  /** Event filter patterns, OR-ed; records matching none are dropped, never retried; default none; at most 5, each at most 4,096 characters. */
  readonly filterPatterns?: readonly FilterPattern[];
  /** Alarm when the oldest unprocessed record is older than this; default 300 s; 1–86,400. */
  readonly iteratorAgeAlarmSeconds?: number;
  /** Where alarms notify: "none", "create" (a new encrypted SNS topic) or an existing topic ARN; default "none". */
  readonly alarmTopic?: "none" | "create" | `arn:${string}`;
}

export type ResolvedTriggerSettings = Required<Omit<TriggerSettings, "sortKey" | "partitionKey" | "filterPatterns">> & {
  readonly partitionKey: Required<KeyAttribute>;
  readonly sortKey?: Required<KeyAttribute>;
  /** Each pattern as JSON text. */
  readonly filterPatterns: readonly string[];
};

export const TRIGGER_DEFAULTS = {
  streamViewType: "NEW_AND_OLD_IMAGES",
  deletionProtection: false,
  handlerEntry: "handlers/stream-handler.ts",
  memorySize: 256,
  timeout: 30,
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
} as const satisfies Partial<TriggerSettings>;

export function defaultFunctionName(tableName: string): string {
  return `${tableName.replace(/\./g, "-")}-stream-handler`;
}

function checkKey(check: Checker, field: string, key: KeyAttribute | undefined, required: boolean): void {
  if (key === undefined) {
    if (required) check.fail(field, key, "an object { name, type? }");
    return;
  }
  check.matches(`${field}.name`, key.name, /^.{1,255}$/s, "a name of 1 to 255 characters");
  if (key.type !== undefined) check.oneOf(`${field}.type`, key.type, KEY_TYPES);
}

/** Fills in defaults and reports every invalid field to `check`. */
export function resolveTriggerSettings(settings: TriggerSettings, check: Checker): ResolvedTriggerSettings {
  const s = { ...TRIGGER_DEFAULTS, ...withoutUndefined(settings) };
  check.matches("tableName", s.tableName, TABLE_NAME_PATTERN, "3 to 255 characters of A-Z a-z 0-9 _ . -");
  checkKey(check, "partitionKey", s.partitionKey, true);
  checkKey(check, "sortKey", s.sortKey, false);
  if (s.sortKey && s.partitionKey && s.sortKey.name === s.partitionKey.name) {
    check.fail("sortKey.name", s.sortKey.name, "a name different from partitionKey.name");
  }
  check.oneOf("streamViewType", s.streamViewType, STREAM_VIEW_TYPES);
  check.boolean("deletionProtection", s.deletionProtection);
  const functionName = s.functionName ?? defaultFunctionName(String(s.tableName));
  // A derived name is only worth reporting when the table name it comes from is itself valid.
  if (s.functionName !== undefined) {
    check.matches("functionName", functionName, FUNCTION_NAME_PATTERN, "1 to 64 characters of A-Z a-z 0-9 _ -");
  } else if (TABLE_NAME_PATTERN.test(String(s.tableName))) {
    check.matches(
      "functionName (derived from tableName)",
      functionName,
      FUNCTION_NAME_PATTERN,
      "1 to 64 characters of A-Z a-z 0-9 _ - (set functionName when the table name is too long)",
    );
  }
  check.matches(
    "handlerEntry",
    s.handlerEntry,
    HANDLER_PATTERN,
    "a relative path to a .ts file inside the project, such as handlers/stream-handler.ts",
  );
  check.integer("memorySize", s.memorySize, 128, 10240);
  check.integer("timeout", s.timeout, 1, 900);
  check.oneOf("logLevel", s.logLevel, LOG_LEVELS);
  check.oneOf("logRetentionDays", s.logRetentionDays, LOG_RETENTION_DAYS);
  check.integer("batchSize", s.batchSize, 1, 10000);
  check.oneOf("startingPosition", s.startingPosition, STARTING_POSITIONS);
  check.integer("batchingWindowSeconds", s.batchingWindowSeconds, 0, 300);
  check.boolean("enabled", s.enabled);
  check.integer("maximumRetryAttempts", s.maximumRetryAttempts, 0, 10000, [-1]);
  check.integer("maximumRecordAgeSeconds", s.maximumRecordAgeSeconds, 60, 604800, [-1]);
  check.integer("parallelizationFactor", s.parallelizationFactor, 1, 10);
  check.integer("iteratorAgeAlarmSeconds", s.iteratorAgeAlarmSeconds, 1, 86400);
  check.matches("alarmTopic", s.alarmTopic, ALARM_TOPIC_PATTERN, '"none", "create" or an SNS topic ARN');
  const filterPatterns = resolveFilterPatterns(s.filterPatterns, check);
  return {
    ...s,
    filterPatterns,
    functionName,
    partitionKey: { type: "S", ...s.partitionKey },
    sortKey: s.sortKey ? { type: "S", ...s.sortKey } : undefined,
  } as ResolvedTriggerSettings;
}

// `{ batchSize: undefined }` must mean "use the default", not "override it with undefined".
export function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
