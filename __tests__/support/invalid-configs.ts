// Invalid values for each validated field, with the exact message line each must produce.
import type { EnvironmentConfig } from "../../settings/config";
import { deepPattern, selfReferringPattern } from "./filter-patterns";
import { BOOKS, devEnvironment } from "./stack";

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
  /** The whole environments list, as config/environments.ts would export it. */
  readonly environments: unknown;
  readonly message: string;
}

/** A dev environment whose books trigger has `trigger` merged in. */
const t = (what: string, trigger: Record<string, unknown>, message: string): InvalidCase => ({
  what,
  environments: [devEnvironment({}, trigger)],
  message,
});
/** A dev environment with `env` merged in. */
const e = (what: string, env: Record<string, unknown>, message: string): InvalidCase => ({
  what,
  environments: [devEnvironment(env as Partial<EnvironmentConfig>)],
  message,
});
/** Environments exactly as given. */
const whole = (what: string, environments: unknown, message: string): InvalidCase => ({ what, environments, message });

const WITHOUT_TABLE_NAME = { partitionKey: { name: "id" } };

export const INVALID_CASES: readonly InvalidCase[] = [
  t("batch size 0", { batchSize: 0 }, "dev.triggers[books].batchSize is 0; allowed: an integer from 1 to 10,000"),
  t(
    "batch size 10,001",
    { batchSize: 10001 },
    "dev.triggers[books].batchSize is 10001; allowed: an integer from 1 to 10,000",
  ),
  t("batch size 2.5", { batchSize: 2.5 }, "dev.triggers[books].batchSize is 2.5; allowed: an integer from 1 to 10,000"),
  t(
    "batch size as text",
    { batchSize: "10" },
    'dev.triggers[books].batchSize is "10"; allowed: an integer from 1 to 10,000',
  ),
  t(
    "batching window -1",
    { batchingWindowSeconds: -1 },
    "dev.triggers[books].batchingWindowSeconds is -1; allowed: an integer from 0 to 300",
  ),
  t(
    "batching window 301",
    { batchingWindowSeconds: 301 },
    "dev.triggers[books].batchingWindowSeconds is 301; allowed: an integer from 0 to 300",
  ),
  t(
    "unknown view type",
    { streamViewType: "ALL" },
    'dev.triggers[books].streamViewType is "ALL"; allowed: one of "KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"',
  ),
  t(
    "AT_TIMESTAMP, a Kinesis-only starting position",
    { startingPosition: "AT_TIMESTAMP" },
    'dev.triggers[books].startingPosition is "AT_TIMESTAMP"; allowed: one of "LATEST", "TRIM_HORIZON"',
  ),
  t(
    "table name with a space",
    { tableName: "my books" },
    'dev.triggers[my books].tableName is "my books"; allowed: 3 to 255 characters of A-Z a-z 0-9 _ . - once "-dev" is added',
  ),
  t(
    "table name over 255 characters",
    { tableName: "b".repeat(252), functionName: "books" },
    `dev.triggers[0].tableName is "${"b".repeat(252)}"; allowed: 3 to 255 characters of A-Z a-z 0-9 _ . - once "-dev" is added`,
  ),
  t(
    "empty partition key name",
    { partitionKey: { name: "" } },
    'dev.triggers[books].partitionKey.name is ""; allowed: a name of 1 to 255 characters',
  ),
  t(
    "empty sort key name",
    { sortKey: { name: "" } },
    'dev.triggers[books].sortKey.name is ""; allowed: a name of 1 to 255 characters',
  ),
  t(
    "unknown key type",
    { partitionKey: { name: "id", type: "BOOL" } },
    'dev.triggers[books].partitionKey.type is "BOOL"; allowed: one of "S", "N", "B"',
  ),
  t(
    "retention of 15 days",
    { logRetentionDays: 15 },
    "dev.triggers[books].logRetentionDays is 15; allowed: one of 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
  ),
  t(
    "memory 127 MB",
    { memorySize: 127 },
    "dev.triggers[books].memorySize is 127; allowed: an integer from 128 to 10,240",
  ),
  t(
    "memory 10,241 MB",
    { memorySize: 10241 },
    "dev.triggers[books].memorySize is 10241; allowed: an integer from 128 to 10,240",
  ),
  t("timeout 0 s", { timeoutSeconds: 0 }, "dev.triggers[books].timeoutSeconds is 0; allowed: an integer from 1 to 900"),
  t(
    "timeout 901 s",
    { timeoutSeconds: 901 },
    "dev.triggers[books].timeoutSeconds is 901; allowed: an integer from 1 to 900",
  ),
  t(
    "log level TRACE",
    { logLevel: "TRACE" },
    'dev.triggers[books].logLevel is "TRACE"; allowed: one of "DEBUG", "INFO", "WARN", "ERROR"',
  ),
  t("enabled as text", { enabled: "yes" }, 'dev.triggers[books].enabled is "yes"; allowed: true or false'),
  t(
    "retries -2",
    { maximumRetryAttempts: -2 },
    "dev.triggers[books].maximumRetryAttempts is -2; allowed: an integer from 0 to 10,000 or -1",
  ),
  t(
    "retries 10,001",
    { maximumRetryAttempts: 10001 },
    "dev.triggers[books].maximumRetryAttempts is 10001; allowed: an integer from 0 to 10,000 or -1",
  ),
  t(
    "record age 59 s",
    { maximumRecordAgeSeconds: 59 },
    "dev.triggers[books].maximumRecordAgeSeconds is 59; allowed: an integer from 60 to 604,800 or -1",
  ),
  t(
    "record age 604,801 s",
    { maximumRecordAgeSeconds: 604801 },
    "dev.triggers[books].maximumRecordAgeSeconds is 604801; allowed: an integer from 60 to 604,800 or -1",
  ),
  t(
    "parallelization 0",
    { parallelizationFactor: 0 },
    "dev.triggers[books].parallelizationFactor is 0; allowed: an integer from 1 to 10",
  ),
  t(
    "parallelization 11",
    { parallelizationFactor: 11 },
    "dev.triggers[books].parallelizationFactor is 11; allowed: an integer from 1 to 10",
  ),
  t(
    "iterator age alarm 0 s",
    { iteratorAgeAlarmSeconds: 0 },
    "dev.triggers[books].iteratorAgeAlarmSeconds is 0; allowed: an integer from 1 to 86,400",
  ),
  t(
    "alarm topic that is no ARN",
    { alarmTopic: "oncall" },
    'dev.triggers[books].alarmTopic is "oncall"; allowed: "none", "create" or an SNS topic ARN',
  ),
  t(
    "an alarm topic in another region",
    { alarmTopic: "arn:aws:sns:us-east-1:123456789012:oncall" },
    'dev.triggers[books].alarmTopic is "arn:aws:sns:us-east-1:123456789012:oncall"; allowed: an SNS topic in the environment\'s region, arn:aws:sns:eu-west-1:<account>:<topic> (CloudWatch alarms notify topics in their own region only)',
  ),
  t(
    "an alarm topic in another partition",
    { alarmTopic: "arn:aws-cn:sns:eu-west-1:123456789012:oncall" },
    'dev.triggers[books].alarmTopic is "arn:aws-cn:sns:eu-west-1:123456789012:oncall"; allowed: an SNS topic in the environment\'s region, arn:aws:sns:eu-west-1:<account>:<topic> (CloudWatch alarms notify topics in their own region only)',
  ),
  e(
    "an alarm topic in another region, given to every trigger",
    { triggerDefaults: { alarmTopic: "arn:aws:sns:eu-west-2:123456789012:oncall" } },
    'dev.triggerDefaults.alarmTopic is "arn:aws:sns:eu-west-2:123456789012:oncall"; allowed: an SNS topic in the environment\'s region, arn:aws:sns:eu-west-1:<account>:<topic> (CloudWatch alarms notify topics in their own region only)',
  ),
  t(
    "an alarm topic ARN of another service",
    { alarmTopic: "arn:aws:sqs:eu-west-1:123456789012:oncall" },
    'dev.triggers[books].alarmTopic is "arn:aws:sqs:eu-west-1:123456789012:oncall"; allowed: "none", "create" or an SNS topic ARN',
  ),
  t(
    "an alarm topic ARN without an account",
    { alarmTopic: "arn:aws:sns:eu-west-1::oncall" },
    'dev.triggers[books].alarmTopic is "arn:aws:sns:eu-west-1::oncall"; allowed: "none", "create" or an SNS topic ARN',
  ),
  t(
    "filter that is not JSON",
    { filterPatterns: ["{eventName: INSERT}"] },
    `dev.triggers[books].filterPatterns[0] is "{eventName: INSERT}"; allowed: valid JSON (${jsonError("{eventName: INSERT}")})`,
  ),
  t(
    "filter that is a list",
    { filterPatterns: ['["INSERT"]'] },
    'dev.triggers[books].filterPatterns[0] is "[\\"INSERT\\"]"; allowed: a non-empty JSON object such as {"eventName":["INSERT"]}',
  ),
  t(
    "a filter value that is a scalar, not a list",
    { filterPatterns: [{ eventName: "INSERT" }] },
    'dev.triggers[books].filterPatterns[0].eventName is "INSERT"; allowed: a non-empty list of values or operators, e.g. ["ready"] or [{"prefix": "re"}]',
  ),
  t(
    "a regex filter operator, which Lambda does not support",
    { filterPatterns: [{ eventName: [{ regex: "^IN" }] }] },
    'dev.triggers[books].filterPatterns[0].eventName[0] is {"regex":"^IN"}; allowed: one of the operators Lambda filters support: prefix, suffix, equals-ignore-case, anything-but, numeric, exists',
  ),
  t(
    "filter on a field records do not have",
    { filterPatterns: [{ NewImage: { status: { S: ["ready"] } } }] },
    'dev.triggers[books].filterPatterns[0].NewImage is {"status":{"S":["ready"]}}; allowed: a top-level field of a stream record: eventID, eventName, eventVersion, eventSource, awsRegion, dynamodb, userIdentity',
  ),
  // Filters no record can meet, which would drop every record.
  t(
    "an image filter on a KEYS_ONLY table",
    { streamViewType: "KEYS_ONLY", filterPatterns: [{ dynamodb: { NewImage: { status: { S: ["ready"] } } } }] },
    'dev.triggers[books].filterPatterns[0].dynamodb.NewImage.status.S[0] is "ready"; allowed: a condition some record can meet: with streamViewType KEYS_ONLY records carry no NewImage',
  ),
  t(
    "an OldImage filter on a NEW_IMAGE table",
    {
      streamViewType: "NEW_IMAGE",
      filterPatterns: [{ dynamodb: { OldImage: { status: { S: [{ prefix: "dr" }] } } } }],
    },
    'dev.triggers[books].filterPatterns[0].dynamodb.OldImage.status.S[0] is {"prefix":"dr"}; allowed: a condition some record can meet: with streamViewType NEW_IMAGE records carry no OldImage',
  ),
  t(
    "a NewImage filter on an OLD_IMAGE table",
    {
      streamViewType: "OLD_IMAGE",
      filterPatterns: [{ dynamodb: { NewImage: { status: { S: [{ exists: true }] } } } }],
    },
    'dev.triggers[books].filterPatterns[0].dynamodb.NewImage.status.S[0] is {"exists":true}; allowed: a condition some record can meet: with streamViewType OLD_IMAGE records carry no NewImage',
  ),
  t(
    "a StreamViewType filter other than the table's",
    { filterPatterns: [{ dynamodb: { StreamViewType: ["NEW_IMAGE"] } }] },
    'dev.triggers[books].filterPatterns[0].dynamodb.StreamViewType[0] is "NEW_IMAGE"; allowed: a condition some record can meet: StreamViewType is only ever "NEW_AND_OLD_IMAGES" here (the table\'s streamViewType)',
  ),
  t(
    "an awsRegion filter naming another region than the environment's",
    { filterPatterns: [{ awsRegion: ["us-east-1"] }] },
    'dev.triggers[books].filterPatterns[0].awsRegion[0] is "us-east-1"; allowed: a condition some record can meet: awsRegion is only ever "eu-west-1" here (the environment\'s region)',
  ),
  t(
    "INSERT with an OldImage condition",
    { filterPatterns: [{ eventName: ["INSERT"], dynamodb: { OldImage: { status: { S: ["draft"] } } } }] },
    'dev.triggers[books].filterPatterns[0].dynamodb.OldImage.status.S[0] is "draft"; allowed: a condition some record can meet: eventName lets through only INSERT records, which carry no OldImage',
  ),
  t(
    "REMOVE with a NewImage condition",
    { filterPatterns: ['{"eventName":["REMOVE"],"dynamodb":{"NewImage":{"status":{"S":["gone"]}}}}'] },
    'dev.triggers[books].filterPatterns[0].dynamodb.NewImage.status.S[0] is "gone"; allowed: a condition some record can meet: eventName lets through only REMOVE records, which carry no NewImage',
  ),
  t(
    "a missing eventName, which every record has",
    { filterPatterns: [{ eventName: [{ exists: false }] }] },
    'dev.triggers[books].filterPatterns[0].eventName[0] is {"exists":false}; allowed: a condition some record can meet: every record has eventName, so {"exists": false} never matches',
  ),
  t(
    "a text pattern with a key given twice",
    { filterPatterns: ['{"eventName":[{"regex":"x"}],"eventName":["INSERT"]}'] },
    "dev.triggers[books].filterPatterns[0].eventName is given twice in one object; allowed: each key once per object (JSON.parse keeps the last; which one AWS reads is not defined)",
  ),
  t(
    "a Keys filter on an attribute that is not a key",
    { filterPatterns: [{ dynamodb: { Keys: { id: { S: ["b1"] } } } }] },
    'dev.triggers[books].filterPatterns[0].dynamodb.Keys.id.S[0] is "b1"; allowed: a condition some record can meet: Keys holds only the table\'s keys: author and bookTitle',
  ),
  t(
    "a key filtered under a type other than its own",
    { filterPatterns: [{ dynamodb: { NewImage: { author: { N: ["7"] } } } }] },
    'dev.triggers[books].filterPatterns[0].dynamodb.NewImage.author.N[0] is "7"; allowed: a condition some record can meet: author is a key of the table, always of type S',
  ),
  e(
    "an image filter in triggerDefaults on a KEYS_ONLY trigger",
    {
      triggerDefaults: { filterPatterns: [{ dynamodb: { NewImage: { status: { S: ["ready"] } } } }] },
      triggers: [{ ...BOOKS, streamViewType: "KEYS_ONLY" }],
    },
    'dev.triggerDefaults.filterPatterns[0].dynamodb.NewImage.status.S[0] is "ready"; allowed: a condition some record can meet: with streamViewType KEYS_ONLY records carry no NewImage (for dev.triggers[books], which takes it from triggerDefaults)',
  ),
  t(
    "a filter key named like a member of every object",
    { filterPatterns: ['{"dynamodb":{"NewImage":{"status":{"constructor":["x"]}}}}'] },
    'dev.triggers[books].filterPatterns[0].dynamodb.NewImage.status.constructor is ["x"]; allowed: a DynamoDB type: S, N, B, BOOL, NULL, SS, NS, BS or M',
  ),
  t(
    "six filters",
    { filterPatterns: Array.from({ length: 6 }, () => ({ eventName: ["INSERT"] })) },
    "dev.triggers[books].filterPatterns is 6 patterns; allowed: at most 5 patterns (AWS's default quota)",
  ),
  t(
    "filter over 4,096 characters",
    { filterPatterns: [{ dynamodb: { Keys: { author: { S: ["x".repeat(4100)] } } } }] },
    "dev.triggers[books].filterPatterns[0] is 4143 characters long; allowed: at most 4096 characters",
  ),
  t(
    "handler outside the project",
    { handlerEntry: "../elsewhere/handler.ts" },
    'dev.triggers[books].handlerEntry is "../elsewhere/handler.ts"; allowed: a relative path to a .ts file inside the project, such as handlers/stream-handler.ts',
  ),
  e(
    "region that is no AWS region",
    { region: "moon-1" },
    'dev.region is "moon-1"; allowed: an AWS region the AWS SDK knows, such as us-east-1',
  ),
  e("no triggers", { triggers: [] }, "dev.triggers is []; allowed: a list of at least one trigger"),

  // The mistakes a new user made that used to synthesize, or stop with a stack trace.
  e(
    "a trigger without tableName",
    { triggers: [WITHOUT_TABLE_NAME] },
    "dev.triggers[0].tableName is undefined; allowed: a table name (required), to which -<environment> is added",
  ),
  e(
    "tables books.v2 and books-v2, which derive one function name and one dashboard",
    {
      triggers: [
        { ...BOOKS, tableName: "books.v2" },
        { ...BOOKS, tableName: "books-v2" },
      ],
    },
    'dev.triggers[books-v2].tableName is "books-v2-dev", as for dev.triggers[books.v2] (same dashboard, function, role, failure queue, log group and alarm names); allowed: names no other trigger uses: rename or remove one of them',
  ),
  t(
    "a misspelt batchsize",
    { batchsize: 500 },
    "dev.triggers[books].batchsize is not a field of a trigger (did you mean batchSize?); allowed: batchSize, or another field of a trigger",
  ),
  t(
    "maxRetryAttempts for maximumRetryAttempts",
    { maxRetryAttempts: 3 },
    "dev.triggers[books].maxRetryAttempts is not a field of a trigger (did you mean maximumRetryAttempts?); allowed: maximumRetryAttempts, or another field of a trigger",
  ),
  e(
    "triggerDefault for triggerDefaults",
    { triggerDefault: { batchSize: 10 } },
    "dev.triggerDefault is not a field of an environment (did you mean triggerDefaults?); allowed: triggerDefaults, or another field of an environment",
  ),
  whole("an empty environment list", [], "environments is []; allowed: a list of at least one environment"),
  e(
    "a reserved aws: tag key",
    { tags: { "aws:owner": "me" } },
    'dev.tags["aws:owner"] is a reserved tag key; allowed: a key that does not start with aws: (AWS keeps those)',
  ),
  e(
    "a Project tag the template would overwrite",
    { tags: { Project: "other" } },
    'dev.tags["Project"] is set by the template; allowed: a key other than Project, Environment, ManagedBy',
  ),
  e(
    "a null trigger",
    { triggers: [null] },
    "dev.triggers[0] is null; allowed: a trigger: an object with tableName, partitionKey and settings",
  ),
  e("triggers as an object", { triggers: {} }, "dev.triggers is {}; allowed: a list of at least one trigger"),
  t(
    "a handlerEntry that names a missing file",
    { handlerEntry: "handlers/missing.ts" },
    'dev.triggers[books].handlerEntry is "handlers/missing.ts", which does not exist; allowed: a relative path to a .ts file inside the project, such as handlers/stream-handler.ts',
  ),
  e(
    "an invalid triggerDefaults value",
    { triggerDefaults: { batchSize: 0 } },
    "dev.triggerDefaults.batchSize is 0; allowed: an integer from 1 to 10,000",
  ),
  e(
    "a region the SDK does not know",
    { region: "us-east-99" },
    'dev.region is "us-east-99"; allowed: an AWS region the AWS SDK knows, such as us-east-1',
  ),

  // More of the same kinds.
  t(
    "a missing partition key",
    { partitionKey: undefined },
    "dev.triggers[books].partitionKey is undefined; allowed: an object { name, type? } (required)",
  ),
  t(
    "a partition key given as a bare name",
    { partitionKey: "author" },
    'dev.triggers[books].partitionKey is "author"; allowed: an object { name, type? }',
  ),
  t(
    "a key attribute with kind for type",
    { partitionKey: { name: "author", kind: "S" } },
    "dev.triggers[books].partitionKey.kind is not a field of a key attribute; allowed: one of name, type",
  ),
  t(
    "a key type spelt STRING",
    { sortKey: { name: "bookTitle", type: "STRING" } },
    'dev.triggers[books].sortKey.type is "STRING"; allowed: one of "S", "N", "B"',
  ),
  e(
    "a tag key the template sets, in another case",
    { tags: { environment: "development" } },
    'dev.tags["environment"] is the template\'s Environment in another case (IAM compares tag keys without case); allowed: a key differing from Project, Environment, ManagedBy and the other tags in more than case',
  ),
  e(
    "two tag keys that differ only in case",
    { tags: { team: "a", Team: "b" } },
    'dev.tags["Team"] is the tag team in another case (IAM compares tag keys without case); allowed: a key differing from Project, Environment, ManagedBy and the other tags in more than case',
  ),
  e(
    "48 tags, making 51 on every resource",
    { tags: Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`tag${i}`, "v"])) },
    "dev.tags is 48 tags, making 51 on every resource with the template's Project, Environment, ManagedBy; allowed: at most 47 tags (AWS allows 50 on a resource)",
  ),
  e(
    "a tag value that is a number",
    { tags: { CostCenter: 42 } },
    'dev.tags["CostCenter"] is 42; allowed: a string of at most 256 letters, digits, spaces and _ . : / = + - @',
  ),
  e(
    "a tag key of 129 characters",
    { tags: { ["k".repeat(129)]: "v" } },
    `dev.tags["${"k".repeat(129)}"] is not a valid tag key; allowed: 1 to 128 letters, digits, spaces and _ . : / = + - @`,
  ),
  e(
    "an empty tag key",
    { tags: { "": "v" } },
    'dev.tags[""] is not a valid tag key; allowed: 1 to 128 letters, digits, spaces and _ . : / = + - @',
  ),
  e("tags as a list", { tags: ["team"] }, 'dev.tags is ["team"]; allowed: an object of tag keys to string values'),
  e(
    "a table name in triggerDefaults",
    { triggerDefaults: { tableName: "books" } },
    "dev.triggerDefaults.tableName is not a field of triggerDefaults (names and keys belong on each trigger); allowed: one of streamViewType, deletionProtection, handlerEntry, memorySize, timeoutSeconds, logLevel, logRetentionDays, batchSize, startingPosition, batchingWindowSeconds, enabled, maximumRetryAttempts, maximumRecordAgeSeconds, parallelizationFactor, filterPatterns, iteratorAgeAlarmSeconds, alarmTopic, runtime, mappingMetrics, failedRecordsAlarmThreshold, failedRecordsAlarmMinutes, allFilteredOutAlarmMinutes, failureDestination, failureRetentionDays, tumblingWindowSeconds, filterEncryptionKeyArn, handlerEnvironment, reservedConcurrency, tracing, architecture, idempotency, billingMode, readCapacity, writeCapacity, tableClass",
  ),
  e(
    "triggerDefaults as a list",
    { triggerDefaults: [] },
    "dev.triggerDefaults is []; allowed: an object of trigger settings",
  ),
  e(
    "an environment name in capitals",
    { environment: "Dev" },
    'Dev.environment is "Dev"; allowed: 1 to 16 characters of a-z 0-9 (required)',
  ),
  e(
    "a missing project",
    { project: undefined },
    "dev.project is undefined; allowed: 1 to 64 characters of A-Z a-z 0-9 _ - (required)",
  ),
  e(
    "regoin for region",
    { regoin: "eu-west-1" },
    "dev.regoin is not a field of an environment (did you mean region?); allowed: region, or another field of an environment",
  ),
  e(
    "a region in capitals",
    { region: "EU-WEST-1" },
    'dev.region is "EU-WEST-1"; allowed: an AWS region the AWS SDK knows, such as us-east-1',
  ),
  e(
    "a pseudo region",
    { region: "aws-global" },
    'dev.region is "aws-global"; allowed: an AWS region the AWS SDK knows, such as us-east-1',
  ),
  whole(
    "environments as an object",
    { dev: {} },
    'environments is {"dev":{}}; allowed: a list of at least one environment',
  ),
  whole(
    "a null environment",
    [null],
    "environments[0] is null; allowed: an environment: an object with environment, project, region and triggers",
  ),
  t(
    "filterPatterns as one pattern, not a list",
    { filterPatterns: { eventName: ["INSERT"] } },
    'dev.triggers[books].filterPatterns is {"eventName":["INSERT"]}; allowed: a list of at most 5 JSON patterns',
  ),
  t(
    "a function name with dots",
    { functionName: "books.audit" },
    'dev.triggers[books].functionName is "books.audit"; allowed: 1 to 64 characters of A-Z a-z 0-9 _ - once "-dev" is added',
  ),
  e(
    "two triggers given one function name",
    {
      triggers: [
        BOOKS,
        { ...BOOKS, tableName: "authors", functionName: "books-dev-stream-handler".slice(0, 5) },
        { ...BOOKS, tableName: "papers", functionName: "books" },
      ],
    },
    'dev.triggers[papers].functionName is "books-dev", as for dev.triggers[authors] (same function, role, failure queue, log group and alarm names); allowed: names no other trigger uses: set functionName on one of them',
  ),
  e(
    "the same table twice",
    { triggers: [BOOKS, BOOKS] },
    'dev.triggers[books].tableName is "books-dev", as for another dev.triggers[books] (same table, stack folder, dashboard, function, role, failure queue, log group and alarm names); allowed: names no other trigger uses: rename or remove one of them',
  ),
  t(
    "a handler that is JavaScript",
    { handlerEntry: "handlers/stream-handler.js" },
    'dev.triggers[books].handlerEntry is "handlers/stream-handler.js"; allowed: a relative path to a .ts file inside the project, such as handlers/stream-handler.ts',
  ),
  t(
    "memory as text",
    { memorySize: "512" },
    'dev.triggers[books].memorySize is "512"; allowed: an integer from 128 to 10,240',
  ),
  t(
    "a log level in lower case",
    { logLevel: "info" },
    'dev.triggers[books].logLevel is "info"; allowed: one of "DEBUG", "INFO", "WARN", "ERROR"',
  ),
  t("enabled as 1", { enabled: 1 }, "dev.triggers[books].enabled is 1; allowed: true or false"),
  t(
    "deletion protection as text",
    { deletionProtection: "true" },
    'dev.triggers[books].deletionProtection is "true"; allowed: true or false',
  ),
  t(
    "timeout, the old name of timeoutSeconds",
    { timeout: 30 },
    "dev.triggers[books].timeout is not a field of a trigger (did you mean timeoutSeconds?); allowed: timeoutSeconds, or another field of a trigger",
  ),
  // Runtime, mapping metrics, alarms and the failure destination.
  t(
    "a runtime Lambda retired",
    { runtime: "nodejs18.x" },
    'dev.triggers[books].runtime is "nodejs18.x"; allowed: one of "nodejs22.x", "nodejs24.x"',
  ),
  t(
    "mapping metrics as text",
    { mappingMetrics: "on" },
    'dev.triggers[books].mappingMetrics is "on"; allowed: true or false',
  ),
  t(
    "a negative failed-records threshold",
    { failedRecordsAlarmThreshold: -1 },
    "dev.triggers[books].failedRecordsAlarmThreshold is -1; allowed: an integer from 0 to 1,000,000",
  ),
  t(
    "a failed-records window of 0 minutes",
    { failedRecordsAlarmMinutes: 0 },
    "dev.triggers[books].failedRecordsAlarmMinutes is 0; allowed: an integer from 1 to 1,440",
  ),
  t(
    "a failed-records window over a day",
    { failedRecordsAlarmMinutes: 1441 },
    "dev.triggers[books].failedRecordsAlarmMinutes is 1441; allowed: an integer from 1 to 1,440",
  ),
  t(
    "an all-filtered-out window over a day",
    { allFilteredOutAlarmMinutes: 1441 },
    "dev.triggers[books].allFilteredOutAlarmMinutes is 1441; allowed: an integer from 0 to 1,440",
  ),
  t(
    "an all-filtered-out alarm without the mapping's metrics it reads",
    { allFilteredOutAlarmMinutes: 10, mappingMetrics: false },
    "dev.triggers[books].allFilteredOutAlarmMinutes is 10; allowed: 0 when mappingMetrics is false (the alarm reads the mapping's metrics)",
  ),
  t(
    "a failure destination of SNS",
    { failureDestination: "sns" },
    'dev.triggers[books].failureDestination is "sns"; allowed: one of "sqs", "s3"',
  ),
  t(
    "an S3 destination without the mapping's metrics its parked-records alarm reads",
    { failureDestination: "s3", mappingMetrics: false },
    'dev.triggers[books].mappingMetrics is false; allowed: true when failureDestination is "s3" (its parked-records alarm reads them)',
  ),
  t(
    "a failure retention of 0 days",
    { failureRetentionDays: 0 },
    "dev.triggers[books].failureRetentionDays is 0; allowed: an integer from 1 to 3,650",
  ),
  t(
    "an S3 destination whose bucket name would be over 63 characters",
    { failureDestination: "s3", functionName: "books-audit-trail-writer-stream-handler" },
    'dev.triggers[books].functionName (the failure bucket\'s name comes from it) is "books-audit-trail-writer-stream-handler-dev-failures-<account id>", 65 characters (S3 allows 63); allowed: a shorter functionName, starting with a letter or digit',
  ),
  t(
    "an S3 destination whose bucket name would start with a dash",
    { failureDestination: "s3", functionName: "_books" },
    'dev.triggers[books].functionName (the failure bucket\'s name comes from it) is "-books-dev-failures-<account id>", which does not start with a letter or digit; allowed: a shorter functionName, starting with a letter or digit',
  ),
  t(
    "an S3 destination whose bucket name would start with a prefix S3 reserves",
    { failureDestination: "s3", functionName: "xn--books" },
    'dev.triggers[books].functionName (the failure bucket\'s name comes from it) is "xn--books-dev-failures-<account id>", which starts with xn-- (S3 reserves it); allowed: a shorter functionName, starting with a letter or digit',
  ),
  t(
    "a BigInt batch size",
    { batchSize: 100n },
    "dev.triggers[books].batchSize is 100n; allowed: an integer from 1 to 10,000",
  ),
  t(
    "a BigInt inside a filter pattern",
    { filterPatterns: [{ dynamodb: { SizeBytes: [{ numeric: [">", 10n] }] } }] },
    'dev.triggers[books].filterPatterns[0].dynamodb.SizeBytes[0].numeric is [">","10n"]; allowed: a comparison such as ["=", 100] or [">", 0], or a range such as [">", 0, "<=", 5] (numbers within ±5e9)',
  ),
  t(
    "a filter pattern that refers to itself",
    { filterPatterns: [selfReferringPattern()] },
    'dev.triggers[books].filterPatterns[0] is "nested more than 1,000 levels deep, or refers to itself"; allowed: a pattern of at most 4,096 characters of JSON',
  ),
  t(
    "a filter pattern nested deeper than 4,096 characters can hold",
    { filterPatterns: [deepPattern(5000)] },
    'dev.triggers[books].filterPatterns[0] is "nested more than 1,000 levels deep, or refers to itself"; allowed: a pattern of at most 4,096 characters of JSON',
  ),
  e(
    "a BigInt tag value",
    { tags: { team: 7n } },
    'dev.tags["team"] is 7n; allowed: a string of at most 256 letters, digits, spaces and _ . : / = + - @',
  ),
  e(
    "two S3 triggers whose functions differ only by case, which would share a bucket",
    {
      triggers: [
        { ...BOOKS, failureDestination: "s3" },
        { ...BOOKS, tableName: "Books", failureDestination: "s3" },
      ],
    },
    'dev.triggers[Books].tableName is "Books-dev", as for dev.triggers[books] (same stack folder, role and failure bucket names, apart from case, which IAM and some file systems ignore); allowed: names no other trigger uses: rename or remove one of them',
  ),
  e(
    "tables Books and books, whose roles IAM would take for one",
    { triggers: [BOOKS, { ...BOOKS, tableName: "Books" }] },
    'dev.triggers[Books].tableName is "Books-dev", as for dev.triggers[books] (same stack folder and role names, apart from case, which IAM and some file systems ignore); allowed: names no other trigger uses: rename or remove one of them',
  ),
  e(
    "function names apart only by case, whose roles IAM would take for one",
    {
      triggers: [
        { ...BOOKS, functionName: "audit" },
        { ...BOOKS, tableName: "papers", functionName: "Audit" },
      ],
    },
    'dev.triggers[papers].functionName is "Audit-dev", as for dev.triggers[books] (same role names, apart from case, which IAM and some file systems ignore); allowed: names no other trigger uses: set functionName on one of them',
  ),
  t(
    "a table name whose local state lock file name would pass 255 bytes",
    { tableName: "b".repeat(223), functionName: "books" },
    `dev.triggers[0].tableName (the local state lock file's name comes from it) is ".terraform.${"b".repeat(223)}-dev.tfstate.lock.info", 256 bytes (a file name allows 255); allowed: a shorter tableName`,
  ),
  // Mapping and function options.
  t(
    "a tumbling window over 900 seconds",
    { tumblingWindowSeconds: 901 },
    "dev.triggers[books].tumblingWindowSeconds is 901; allowed: an integer from 0 to 900",
  ),
  t(
    "a negative tumbling window",
    { tumblingWindowSeconds: -1 },
    "dev.triggers[books].tumblingWindowSeconds is -1; allowed: an integer from 0 to 900",
  ),
  t(
    "a filter encryption key given by alias",
    { filterEncryptionKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/filters" },
    'dev.triggers[books].filterEncryptionKeyArn is "arn:aws:kms:eu-west-1:123456789012:alias/filters"; allowed: the key ARN of a KMS key, arn:<partition>:kms:<region>:<account>:key/<key id>',
  ),
  t(
    "a filter encryption key in another region",
    { filterEncryptionKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    `dev.triggers[books].filterEncryptionKeyArn is "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"; allowed: a KMS key in the environment's region, arn:aws:kms:eu-west-1:<account>:key/<key id> (Lambda decrypts filters with keys in its own region only)`,
  ),
  t(
    "a filter encryption key in another partition",
    { filterEncryptionKeyArn: "arn:aws-cn:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    `dev.triggers[books].filterEncryptionKeyArn is "arn:aws-cn:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"; allowed: a KMS key in the environment's region, arn:aws:kms:eu-west-1:<account>:key/<key id> (Lambda decrypts filters with keys in its own region only)`,
  ),
  t(
    "handler variables as a list",
    { handlerEnvironment: ["A=1"] },
    "dev.triggers[books].handlerEnvironment is [\"A=1\"]; allowed: an object of names (a letter, then letters, digits, _) to strings; not AWS_*, POWERTOOLS_*, IDEMPOTENCY_*, _HANDLER, _X_AMZN_TRACE_ID, LAMBDA_TASK_ROOT, LAMBDA_RUNTIME_DIR or TZ (Lambda's or the template's)",
  ),
  t(
    "a handler variable Lambda reserves",
    { handlerEnvironment: { AWS_REGION: "us-east-1" } },
    "dev.triggers[books].handlerEnvironment.AWS_REGION is a name Lambda reserves; allowed: another name (not AWS_*, POWERTOOLS_*, IDEMPOTENCY_*, _HANDLER, _X_AMZN_TRACE_ID, LAMBDA_TASK_ROOT, LAMBDA_RUNTIME_DIR or TZ)",
  ),
  t(
    "the handler location, a variable Lambda reserves",
    { handlerEnvironment: { _HANDLER: "x.handler" } },
    "dev.triggers[books].handlerEnvironment._HANDLER is not a name Lambda accepts; allowed: a letter, then at least one letter, digit or _",
  ),
  t(
    "LAMBDA_TASK_ROOT, a variable Lambda reserves",
    { handlerEnvironment: { LAMBDA_TASK_ROOT: "/tmp" } },
    "dev.triggers[books].handlerEnvironment.LAMBDA_TASK_ROOT is a name Lambda reserves; allowed: another name (not AWS_*, POWERTOOLS_*, IDEMPOTENCY_*, _HANDLER, _X_AMZN_TRACE_ID, LAMBDA_TASK_ROOT, LAMBDA_RUNTIME_DIR or TZ)",
  ),
  t(
    "a handler variable the template sets",
    { handlerEnvironment: { POWERTOOLS_LOG_LEVEL: "DEBUG" } },
    "dev.triggers[books].handlerEnvironment.POWERTOOLS_LOG_LEVEL is a name the template reserves; allowed: another name (not AWS_*, POWERTOOLS_*, IDEMPOTENCY_*, _HANDLER, _X_AMZN_TRACE_ID, LAMBDA_TASK_ROOT, LAMBDA_RUNTIME_DIR or TZ)",
  ),
  t(
    "a handler variable that is a number",
    { handlerEnvironment: { RETRIES: 3 } },
    "dev.triggers[books].handlerEnvironment.RETRIES is 3; allowed: a string",
  ),
  t(
    "handler variables over Lambda's 4 KB",
    { handlerEnvironment: { BIG: "x".repeat(4023) } },
    "dev.triggers[books].handlerEnvironment is 4,097 bytes with the template's variables; allowed: at most 4,096 bytes of names and values in all (Lambda's limit)",
  ),
  t(
    "a reserved concurrency of 0, which stops the trigger",
    { reservedConcurrency: 0 },
    "dev.triggers[books].reservedConcurrency is 0; allowed: an integer from 1 to 100,000",
  ),
  t(
    "a tracing mode in lower case",
    { tracing: "active" },
    'dev.triggers[books].tracing is "active"; allowed: one of "Active", "PassThrough"',
  ),
  t(
    "an architecture Lambda does not offer",
    { architecture: "amd64" },
    'dev.triggers[books].architecture is "amd64"; allowed: one of "arm64", "x86_64"',
  ),
  t(
    "fewer reserved executions than one shard's concurrent batches",
    { reservedConcurrency: 2, parallelizationFactor: 4 },
    "dev.triggers[books].reservedConcurrency is 2; allowed: at least parallelizationFactor (4): each shard runs up to that many batches at once, and fewer throttles every shard while its records age",
  ),
  t(
    "idempotency records kept under a minute",
    { idempotency: 59 },
    "dev.triggers[books].idempotency is 59; allowed: true, false or an integer from 60 to 31,536,000 (seconds)",
  ),
  t(
    "idempotency as text",
    { idempotency: "yes" },
    'dev.triggers[books].idempotency is "yes"; allowed: true, false or an integer from 60 to 31,536,000 (seconds)',
  ),
  t(
    "idempotency records that expire before the s3 bucket's parked records",
    { idempotency: 86400, failureDestination: "s3", failureRetentionDays: 30 },
    'dev.triggers[books].idempotency is 86400; allowed: true, or at least 2,592,000 seconds (failureRetentionDays 30) with failureDestination "s3": a batch replayed from the bucket later must still find its records\' idempotency records',
  ),
  t(
    "handler variables that fit alone but not beside idempotency's",
    { idempotency: true, handlerEnvironment: { BIG: "x".repeat(3935) } },
    "dev.triggers[books].handlerEnvironment is 4,097 bytes with the template's variables; allowed: at most 4,096 bytes of names and values in all (Lambda's limit)",
  ),
  e(
    "a table named as another trigger's idempotency table",
    {
      triggers: [
        { ...BOOKS, idempotency: true },
        { ...BOOKS, tableName: "books-dev-stream-handler-idempotency", tableSource: "adopt", functionName: "other" },
      ],
    },
    'dev.triggers[books-dev-stream-handler-idempotency].tableName is "books-dev-stream-handler-idempotency", as for dev.triggers[books] (same table names); allowed: names no other trigger uses: rename or remove one of them',
  ),
];
