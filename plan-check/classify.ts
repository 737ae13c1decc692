// Every change of a plan against the rule table: the hazards, in the plan's own (address) order.

import type { Plan, ResourceChange } from "./plan-file";
import { type Rule, rulesFor } from "./rules";

export interface Hazard {
  /** The plan's name: the stack. */
  readonly plan: string;
  readonly address: string;
  readonly change: string;
  /** The values behind the change: what forces a replacement, old → new for an update. */
  readonly detail: string;
  readonly records: string;
  readonly safely: string;
}

export function hazardsOf(plan: Plan): Hazard[] {
  return plan.changes.flatMap((change) =>
    rulesFor(change).map((rule) => ({
      plan: plan.name,
      address: change.address,
      change: rule.change,
      detail: detail(change, rule),
      records: rule.records,
      safely: rule.safely,
    })),
  );
}

function detail(change: ResourceChange, rule: Rule): string {
  const parts: string[] = [];
  if (change.kind === "replace")
    parts.push(
      change.replacePaths.length > 0
        ? `forced by ${change.replacePaths.join(", ")}`
        : `actions ${JSON.stringify(change.actions)}`,
    );
  if (change.actions.includes("forget")) parts.push("the old one is kept in AWS, no longer managed");
  for (const name of rule.shows ?? []) parts.push(`${name} ${transition(change, name)}`);
  if (rule.describe) parts.push(rule.describe(change.before, change.after));
  return parts.join("; ");
}

function transition(change: ResourceChange, name: string): string {
  const before = show(change.before[name]);
  const after = change.afterUnknown[name] === true ? "(known after apply)" : show(change.after[name]);
  if (change.kind !== "update" || before === after) return before;
  return `${before} -> ${after}`;
}

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value ?? null));
