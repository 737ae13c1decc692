// Two triggers that would claim one AWS name: a deploy would fail, or worse, one stack would take over
// the other's resource. The names come from physical-names.ts, as the constructs' do.
import {
  ALARM_KINDS,
  alarmName,
  alarmTopicName,
  failureBucketPrefix,
  failureQueueName,
  logGroupName,
} from "./physical-names";
import type { ResolvedTriggerSettings } from "./trigger-settings";

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
    { kind: "table", name: s.tableName, field: "tableName" },
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
