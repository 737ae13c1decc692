// Every name a trigger gives AWS, derived in one place from its table and function names. The
// constructs take their names from here, and the config check uses the same list to refuse two
// triggers that would claim one name: a deploy would fail, or worse, one stack would take over the
// other's resource.
import type { ResolvedTriggerSettings } from "./trigger-settings";

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

/** What a name is, in words, with the config field that decides it. */
interface Claim {
  readonly kind: string;
  readonly name: string;
  readonly field: "tableName" | "functionName";
}

export function physicalNames(s: ResolvedTriggerSettings): Claim[] {
  const fn = s.functionName;
  const fromFunction = (kind: string, name: string): Claim => ({ kind, name, field: "functionName" });
  return [
    // An existing table is only read: several stacks may read one (the two-reader rule bounds them).
    ...(s.tableSource === "existing" ? [] : [{ kind: "table", name: s.tableName, field: "tableName" as const }]),
    fromFunction("function", fn),
    fromFunction("role", fn),
    fromFunction("failure queue", failureQueueName(fn)),
    fromFunction("log group", logGroupName(fn)),
    ...(s.alarmTopic === "create" ? [fromFunction("alarm topic", alarmTopicName(fn))] : []),
    // Lowercased, so functions named apart only by case would share one bucket.
    ...(s.failureDestination === "s3"
      ? [fromFunction("failure bucket", `${failureBucketPrefix(fn)}<account id>`)]
      : []),
    ...ALARM_KINDS.map((kind) => fromFunction("alarm", alarmName(fn, kind))),
  ];
}

/** One problem line per pair of triggers that share a name, listing what they share. */
export function nameCollisions(
  triggers: readonly { readonly label: string; readonly settings: ResolvedTriggerSettings }[],
): string[] {
  const owners = new Map<string, string>();
  const shared = new Map<string, { field: string; name: string; other: string; kinds: string[] }>();
  for (const trigger of triggers) {
    for (const claim of physicalNames(trigger.settings)) {
      const key = `${claim.kind}\0${claim.name}`;
      const other = owners.get(key);
      if (other === undefined) {
        owners.set(key, trigger.label);
        continue;
      }
      const pair = `${trigger.label}\0${other}`;
      const entry = shared.get(pair) ?? { field: claim.field, name: claim.name, other, kinds: [] };
      if (!entry.kinds.includes(claim.kind)) entry.kinds.push(claim.kind);
      shared.set(pair, entry);
    }
  }
  return [...shared.entries()].map(([pair, { field, name, other, kinds }]) => {
    const label = pair.split("\0")[0];
    const them = label === other ? `another ${other}` : other;
    const fix = field === "functionName" ? "set functionName on one of them" : "rename or remove one of them";
    return (
      `${label}.${field} is ${JSON.stringify(name)}, as for ${them} (same ${list(kinds)} names); ` +
      `allowed: names no other trigger uses: ${fix}`
    );
  });
}

const list = (words: readonly string[]) =>
  words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
