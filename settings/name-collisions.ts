// Two triggers that would claim one AWS name: a deploy would fail, or worse, one stack would take over
// the other's resource; and names longer than AWS or a file system takes. The names come from
// physical-names.ts, as the constructs' do.
import {
  ALARM_KINDS,
  alarmName,
  alarmTopicName,
  dashboardName,
  failureBucketPrefix,
  failureQueueName,
  idempotencyTableName,
  localStateLockFile,
  logGroupName,
  MAX_FILE_NAME,
} from "./physical-names";
import { idempotencyTtlSeconds, type ResolvedTriggerSettings } from "./trigger-settings";

/** What a name is, in words, with the config field that decides it and the limits AWS (or a file system) sets. */
interface Claim {
  readonly kind: string;
  readonly name: string;
  readonly field: string;
  /** Longest name allowed, in bytes, and who says so; undefined where another check covers it. */
  readonly max?: number;
  readonly by?: string;
  /** Compared without case, so names apart only by case clash. */
  readonly caseless?: boolean;
  /** Only its length matters: another claim already covers its uniqueness. */
  readonly lengthOnly?: boolean;
}

/**
 * `stackName` is `<tableName>-<environment>`; default the table's name, which it is for a table the stack
 * creates (an existing or adopted table is named exactly, its stack still by the environment).
 */
export function physicalNames(s: ResolvedTriggerSettings, stackName?: string): Claim[] {
  const fn = s.functionName;
  const stack = stackName ?? s.tableName;
  const fromFunction = (kind: string, name: string, max?: number, by?: string): Claim => ({
    kind,
    name,
    field: "functionName",
    max,
    by,
  });
  return [
    // An existing table is only read: several stacks may read one (the two-reader rule bounds each stack's).
    ...(s.tableSource === "existing"
      ? []
      : [{ kind: "table", name: s.tableName, field: "tableName", max: 255, by: "DynamoDB" }]),
    // cdktf.out/stacks/<stack>: macOS and Windows file systems ignore case, so Books-dev and books-dev
    // would be one folder there.
    {
      kind: "stack folder",
      name: stack,
      field: "tableName",
      max: MAX_FILE_NAME,
      by: "a file name",
      caseless: true,
    },
    {
      kind: "local state lock file",
      name: localStateLockFile(stack),
      field: "tableName",
      max: MAX_FILE_NAME,
      by: "a file name",
      lengthOnly: true,
    },
    // CloudWatch dashboards are the account's, in every region: two stacks whose names differ only by a
    // dot and a dash would write one dashboard.
    { kind: "dashboard", name: dashboardName(stack), field: "tableName", max: 255, by: "CloudWatch" },
    fromFunction("function", fn, 64, "Lambda"),
    // IAM: "Names are not distinguished by case. For example, you cannot create resources named both
    // "MyResource" and "myresource"" (CreateRole, RoleName). Lambda, SQS, SNS, CloudWatch Logs and alarm
    // names, and DynamoDB tables, are compared with case.
    { ...fromFunction("role", fn, 64, "IAM"), caseless: true },
    fromFunction("failure queue", failureQueueName(fn), 80, "SQS"),
    fromFunction("log group", logGroupName(fn), 512, "CloudWatch Logs"),
    ...(s.alarmTopic === "create" ? [fromFunction("alarm topic", alarmTopicName(fn), 256, "SNS")] : []),
    // Lowercased, so functions named apart only by case would share one bucket; its length is checked with
    // the account ID by failureBucketNameProblem.
    ...(s.failureDestination === "s3"
      ? [fromFunction("failure bucket", `${failureBucketPrefix(fn)}<account id>`)]
      : []),
    // Kind "table", so it cannot take the name of a table another trigger makes.
    ...(idempotencyTtlSeconds(s) !== undefined
      ? [fromFunction("table", idempotencyTableName(fn), 255, "DynamoDB")]
      : []),
    ...ALARM_KINDS.map((kind) => fromFunction("alarm", alarmName(fn, kind), 255, "CloudWatch")),
    // Each consumer's function, role, queue, log group, bucket and alarms.
    ...s.consumers.flatMap((consumer) =>
      physicalNames(consumer, stackName)
        .filter((claim) => claim.field === "functionName")
        .map((claim) => ({ ...claim, field: `consumers[${consumer.name}].functionName` })),
    ),
  ];
}

const bytes = (text: string) => new TextEncoder().encode(text).length;

/** One problem line per name a trigger derives that is longer than what takes it allows. */
export function nameLengthProblems(trigger: {
  readonly label: string;
  readonly settings: ResolvedTriggerSettings;
  readonly stackName?: string;
}): string[] {
  return physicalNames(trigger.settings, trigger.stackName)
    .filter((c) => c.max !== undefined && bytes(c.name) > c.max)
    .map(
      (c) =>
        `${trigger.label}.${c.field} (the ${c.kind}'s name comes from it) is ${JSON.stringify(c.name)}, ` +
        `${bytes(c.name)} bytes (${c.by} allows ${c.max}); allowed: a shorter ${c.field}`,
    );
}

/** One problem line per pair of triggers that share a name, listing what they share. */
export function nameCollisions(
  triggers: readonly {
    readonly label: string;
    readonly settings: ResolvedTriggerSettings;
    readonly stackName?: string;
  }[],
): string[] {
  const owners = new Map<string, { label: string; name: string }>();
  const shared = new Map<string, { field: string; name: string; other: string; kinds: string[]; byCase: boolean }>();
  for (const trigger of triggers) {
    for (const claim of physicalNames(trigger.settings, trigger.stackName)) {
      if (claim.lengthOnly) continue;
      const key = `${claim.kind}\0${claim.caseless ? claim.name.toLowerCase() : claim.name}`;
      const other = owners.get(key);
      if (other === undefined) {
        owners.set(key, { label: trigger.label, name: claim.name });
        continue;
      }
      const pair = `${trigger.label}\0${other.label}`;
      const entry = shared.get(pair) ?? {
        field: claim.field,
        name: claim.name,
        other: other.label,
        kinds: [],
        byCase: false,
      };
      if (!entry.kinds.includes(claim.kind)) entry.kinds.push(claim.kind);
      if (other.name !== claim.name) entry.byCase = true;
      shared.set(pair, entry);
    }
  }
  return [...shared.entries()].map(([pair, { field, name, other, kinds, byCase }]) => {
    const label = pair.split("\0")[0];
    const them = label === other ? `another ${other}` : other;
    const fix = field.endsWith("functionName") ? "set functionName on one of them" : "rename or remove one of them";
    const caseNote = byCase ? ", apart from case, which IAM and some file systems ignore" : "";
    return (
      `${label}.${field} is ${JSON.stringify(name)}, as for ${them} (same ${list(kinds)} names${caseNote}); ` +
      `allowed: names no other trigger uses: ${fix}`
    );
  });
}

const list = (words: readonly string[]) =>
  words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
