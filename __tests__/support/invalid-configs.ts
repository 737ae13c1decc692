// Invalid values for each validated field, with the exact message line each must produce.
import type { EnvironmentConfig } from "../../lib/config";
import { devEnvironment } from "./stack";

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

export interface InvalidCase {
  readonly what: string;
  readonly config: EnvironmentConfig;
  readonly message: string;
}

const t = (what: string, trigger: Record<string, unknown>, message: string): InvalidCase => ({
  what,
  config: devEnvironment({}, trigger),
  message,
});
const e = (what: string, env: Record<string, unknown>, message: string): InvalidCase => ({
  what,
  config: devEnvironment(env),
  message,
});

export const INVALID_CASES: readonly InvalidCase[] = [
  t("batch size 0", { batchSize: 0 }, "dev.triggers[0].batchSize is 0; allowed: an integer from 1 to 10,000"),
  t(
    "batch size 10,001",
    { batchSize: 10001 },
    "dev.triggers[0].batchSize is 10001; allowed: an integer from 1 to 10,000",
  ),
  t("batch size 2.5", { batchSize: 2.5 }, "dev.triggers[0].batchSize is 2.5; allowed: an integer from 1 to 10,000"),
  t(
    "batch size as text",
    { batchSize: "10" },
    'dev.triggers[0].batchSize is "10"; allowed: an integer from 1 to 10,000',
  ),
  t(
    "batching window -1",
    { batchingWindowSeconds: -1 },
    "dev.triggers[0].batchingWindowSeconds is -1; allowed: an integer from 0 to 300",
  ),
  t(
    "batching window 301",
    { batchingWindowSeconds: 301 },
    "dev.triggers[0].batchingWindowSeconds is 301; allowed: an integer from 0 to 300",
  ),
  t(
    "unknown view type",
    { streamViewType: "ALL" },
    'dev.triggers[0].streamViewType is "ALL"; allowed: one of "KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"',
  ),
  t(
    "AT_TIMESTAMP, a Kinesis-only starting position",
    { startingPosition: "AT_TIMESTAMP" },
    'dev.triggers[0].startingPosition is "AT_TIMESTAMP"; allowed: one of "LATEST", "TRIM_HORIZON"',
  ),
  t(
    "table name with a space",
    { tableName: "my books" },
    'dev.triggers[0].tableName is "my books-dev"; allowed: 3 to 255 characters of A-Z a-z 0-9 _ . -',
  ),
  t(
    "table name over 255 characters",
    { tableName: "b".repeat(252), functionName: "books" },
    `dev.triggers[0].tableName is "${"b".repeat(252)}-dev"; allowed: 3 to 255 characters of A-Z a-z 0-9 _ . -`,
  ),
  t(
    "empty partition key name",
    { partitionKey: { name: "" } },
    'dev.triggers[0].partitionKey.name is ""; allowed: a name of 1 to 255 characters',
  ),
  t(
    "empty sort key name",
    { sortKey: { name: "" } },
    'dev.triggers[0].sortKey.name is ""; allowed: a name of 1 to 255 characters',
  ),
  t(
    "unknown key type",
    { partitionKey: { name: "id", type: "BOOL" } },
    'dev.triggers[0].partitionKey.type is "BOOL"; allowed: one of "S", "N", "B"',
  ),
  t(
    "retention of 15 days",
    { logRetentionDays: 15 },
    "dev.triggers[0].logRetentionDays is 15; allowed: one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
  ),
  t("memory 127 MB", { memorySize: 127 }, "dev.triggers[0].memorySize is 127; allowed: an integer from 128 to 10,240"),
  t(
    "memory 10,241 MB",
    { memorySize: 10241 },
    "dev.triggers[0].memorySize is 10241; allowed: an integer from 128 to 10,240",
  ),
  t("timeout 0 s", { timeout: 0 }, "dev.triggers[0].timeout is 0; allowed: an integer from 1 to 900"),
  t("timeout 901 s", { timeout: 901 }, "dev.triggers[0].timeout is 901; allowed: an integer from 1 to 900"),
  t(
    "log level TRACE",
    { logLevel: "TRACE" },
    'dev.triggers[0].logLevel is "TRACE"; allowed: one of "DEBUG", "INFO", "WARN", "ERROR"',
  ),
  t("enabled as text", { enabled: "yes" }, 'dev.triggers[0].enabled is "yes"; allowed: true or false'),
  t(
    "retries -2",
    { maximumRetryAttempts: -2 },
    "dev.triggers[0].maximumRetryAttempts is -2; allowed: an integer from 0 to 10,000 or -1",
  ),
  t(
    "retries 10,001",
    { maximumRetryAttempts: 10001 },
    "dev.triggers[0].maximumRetryAttempts is 10001; allowed: an integer from 0 to 10,000 or -1",
  ),
  t(
    "record age 59 s",
    { maximumRecordAgeSeconds: 59 },
    "dev.triggers[0].maximumRecordAgeSeconds is 59; allowed: an integer from 60 to 604,800 or -1",
  ),
  t(
    "record age 604,801 s",
    { maximumRecordAgeSeconds: 604801 },
    "dev.triggers[0].maximumRecordAgeSeconds is 604801; allowed: an integer from 60 to 604,800 or -1",
  ),
  t(
    "parallelization 0",
    { parallelizationFactor: 0 },
    "dev.triggers[0].parallelizationFactor is 0; allowed: an integer from 1 to 10",
  ),
  t(
    "parallelization 11",
    { parallelizationFactor: 11 },
    "dev.triggers[0].parallelizationFactor is 11; allowed: an integer from 1 to 10",
  ),
  t(
    "iterator age alarm 0 s",
    { iteratorAgeAlarmSeconds: 0 },
    "dev.triggers[0].iteratorAgeAlarmSeconds is 0; allowed: an integer from 1 to 86,400",
  ),
  t(
    "alarm topic that is no ARN",
    { alarmTopic: "oncall" },
    'dev.triggers[0].alarmTopic is "oncall"; allowed: "none", "create" or an SNS topic ARN',
  ),
  t(
    "filter that is not JSON",
    { filterPatterns: ["{eventName: INSERT}"] },
    `dev.triggers[0].filterPatterns[0] is "{eventName: INSERT}"; allowed: valid JSON (${jsonError("{eventName: INSERT}")})`,
  ),
  t(
    "filter that is a list",
    { filterPatterns: ['["INSERT"]'] },
    'dev.triggers[0].filterPatterns[0] is "[\\"INSERT\\"]"; allowed: a non-empty JSON object such as {"eventName":["INSERT"]}',
  ),
  t(
    "filter on a field records do not have",
    { filterPatterns: [{ NewImage: { status: { S: ["ready"] } } }] },
    'dev.triggers[0].filterPatterns[0].NewImage is {"status":{"S":["ready"]}}; allowed: a top-level field of a stream record: eventID, eventName, eventVersion, eventSource, awsRegion, dynamodb, userIdentity',
  ),
  t(
    "six filters",
    { filterPatterns: Array.from({ length: 6 }, () => ({ eventName: ["INSERT"] })) },
    "dev.triggers[0].filterPatterns is 6 patterns; allowed: at most 5 patterns (AWS's default quota)",
  ),
  t(
    "filter over 4,096 characters",
    { filterPatterns: [{ dynamodb: { Keys: { id: { S: ["x".repeat(4100)] } } } }] },
    "dev.triggers[0].filterPatterns[0] is 4139 characters long; allowed: at most 4096 characters",
  ),
  t(
    "handler outside the project",
    { handlerEntry: "../elsewhere/handler.ts" },
    'dev.triggers[0].handlerEntry is "../elsewhere/handler.ts"; allowed: a relative path to a .ts file inside the project, such as handlers/stream-handler.ts',
  ),
  e(
    "region that is no AWS region",
    { region: "moon-1" },
    'dev.region is "moon-1"; allowed: an AWS region name such as us-east-1',
  ),
  e("no triggers", { triggers: [] }, "dev.triggers is []; allowed: a list of at least one trigger"),
];
