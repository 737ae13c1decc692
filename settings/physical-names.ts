// Every name a trigger gives AWS, derived in one place from its table and function names. The
// constructs take their names from here, and the config check (name-collisions.ts) uses the same
// functions to refuse two triggers that would claim one name.

export const ALARM_KINDS = [
  "iterator-age",
  "errors",
  "parked-records",
  "dropped-records",
  "delivery-failures",
  "failed-records",
  "all-filtered-out",
] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

export const failureQueueName = (functionName: string) => `${functionName}-failures`;
export const alarmTopicName = (functionName: string) => `${functionName}-alarms`;
export const logGroupName = (functionName: string) => `/aws/lambda/${functionName}`;
/** A stack's dashboard: CloudWatch allows A–Z a–z 0–9 - _ in its names, so a table name's dots become dashes. */
export const dashboardName = (stackName: string) => stackName.replace(/\./g, "-");
/** The table Powertools Idempotency keeps a function's records in (constructs/idempotency-table.ts). */
export const idempotencyTableName = (functionName: string) => `${functionName}-idempotency`;
export const alarmName = (functionName: string, kind: AlarmKind) => `${functionName}-${kind}`;

/**
 * The failure bucket's name without the account ID that ends it. S3 names are global across all
 * accounts, lowercase only and 3–63 characters: the function name is lowercased (Lambda's names are
 * not), `_` becomes `-`, and the 12-digit account ID makes it the account's own.
 */
export const failureBucketPrefix = (functionName: string) =>
  `${functionName.toLowerCase().replace(/_/g, "-")}-failures-`;
const ACCOUNT_ID_DIGITS = 12;
const MAX_BUCKET_NAME = 63;
// Prefixes S3 reserves for itself.
const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];

/** Why the bucket name derived from `functionName` would be invalid, in words; undefined when valid. */
export function failureBucketNameProblem(functionName: string): string | undefined {
  const prefix = failureBucketPrefix(functionName);
  const length = prefix.length + ACCOUNT_ID_DIGITS;
  const shown = JSON.stringify(`${prefix}<account id>`);
  if (length > MAX_BUCKET_NAME) return `${shown}, ${length} characters (S3 allows ${MAX_BUCKET_NAME})`;
  if (!/^[a-z0-9]/.test(prefix)) return `${shown}, which does not start with a letter or digit`;
  const reserved = RESERVED_BUCKET_PREFIXES.find((p) => prefix.startsWith(p));
  if (reserved) return `${shown}, which starts with ${reserved} (S3 reserves it)`;
  return undefined;
}

/** The file name Terraform's local backend writes longest for a stack (filesystem.go's lockInfoPath). */
export const localStateLockFile = (stackName: string) => `.terraform.${stackName}.tfstate.lock.info`;
export const MAX_FILE_NAME = 255;
/** The longest stack name whose local state files all fit a file name. */
export const MAX_STACK_NAME = MAX_FILE_NAME - localStateLockFile("").length;
