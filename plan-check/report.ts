// The verdict in two forms: plain text for a terminal or a job log, and Markdown for the pull request's
// plan comment (verdict first, then one line per hazard).

import type { Judged, Judgement, Stale } from "./allow-list";
import type { Hazard } from "./classify";
import type { Plan } from "./plan-file";

export interface Checked {
  readonly plans: readonly Plan[];
  readonly judgement: Judgement;
  /** The allow files given, to say where an acceptance goes. */
  readonly allowFiles: readonly string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const unaccepted = (c: Checked) => c.judgement.hazards.filter((j) => j.acceptedBy === undefined);
const where = (h: Hazard) => `${h.plan} ${h.address}`;
const what = (h: Hazard) => (h.detail === "" ? h.change : `${h.change} (${h.detail})`);
const staleText = ({ acceptance: a, didYouMean }: Stale) =>
  `${a.stack ?? "(any stack)"} ${a.address} accepts no hazard in the plans checked; ` +
  (didYouMean === undefined ? `remove it from ${a.source}` : `did you mean ${didYouMean}?`);
const elsewhereText = ({ hazard, acceptedElsewhere: a }: Judged) =>
  a === undefined ? undefined : `${a.source} accepts ${hazard.address} for ${a.stack} only`;

export function exitCode(checked: Checked): 0 | 1 {
  return unaccepted(checked).length === 0 ? 0 : 1;
}

function verdict(checked: Checked): string {
  const all = checked.judgement.hazards.length;
  const open = unaccepted(checked).length;
  const plansOf = (judged: readonly Judged[]) => [...new Set(judged.map((j) => j.hazard.plan))].join(", ");
  if (all === 0)
    return `no change in ${checked.plans.map((p) => p.name).join(", ")} can lose, skip, replay or delete records`;
  if (open === 0) return `${plural(all, "hazard")} in ${plansOf(checked.judgement.hazards)}, all accepted`;
  const plans = plansOf(unaccepted(checked));
  const accept = checked.allowFiles.length > 0 ? checked.allowFiles.join(" or ") : "an allow file (--allow-file)";
  return (
    `${plural(open, "hazard")} not accepted in ${plans}: these changes can lose, skip, replay or delete records; ` +
    `make them safely as described, or accept each with a reason in ${accept}`
  );
}

/** What was read: a plan that listed nothing to check would otherwise pass unseen. */
function summary(plan: Plan): string {
  const counts = new Map<string, number>();
  for (const change of plan.changes) counts.set(change.kind, (counts.get(change.kind) ?? 0) + 1);
  const kinds = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => `${n} ${kind}`);
  return `checked ${plan.name} (${plan.file}): ${plural(plan.changes.length, "resource change")} (${kinds.join(", ")})`;
}

export function textReport(checked: Checked): string {
  const lines = checked.plans.map(summary);
  for (const judged of checked.judgement.hazards) {
    const { hazard, acceptedBy } = judged;
    lines.push(`${acceptedBy ? "ACCEPTED" : "HAZARD"} ${where(hazard)}: ${what(hazard)}`);
    lines.push(`  records: ${hazard.records}`);
    lines.push(`  safely:  ${hazard.safely}`);
    if (acceptedBy) lines.push(`  accepted in ${acceptedBy.source}: ${acceptedBy.reason}`);
    const elsewhere = elsewhereText(judged);
    if (elsewhere) lines.push(`  not accepted here: ${elsewhere}`);
  }
  for (const entry of checked.judgement.stale) lines.push(`STALE allow entry: ${staleText(entry)}`);
  lines.push(`${exitCode(checked) === 0 ? "PASS" : "FAIL"}: ${verdict(checked)}`);
  return `${lines.join("\n")}\n`;
}

function markdownHazard(judged: Judged): string {
  const { hazard, acceptedBy } = judged;
  const head = `**${hazard.plan}** \`${hazard.address}\`: ${what(hazard)}.`;
  if (acceptedBy) return `- ☑️ accepted: ${head} Reason (${acceptedBy.source}): ${acceptedBy.reason}`;
  const elsewhere = elsewhereText(judged);
  return `- ⛔ ${head}${elsewhere ? ` Not accepted here: ${elsewhere}.` : ""} Records: ${hazard.records}. Safely: ${hazard.safely}.`;
}

export function markdownReport(checked: Checked): string {
  const mark = exitCode(checked) === 0 ? "✅" : "⛔";
  const lines = [`${mark} **Record check**: ${verdict(checked)}.`, ""];
  lines.push(...checked.judgement.hazards.map(markdownHazard));
  lines.push(...checked.judgement.stale.map((entry) => `- ⚠️ stale allow entry: ${staleText(entry)}.`));
  return `${lines.join("\n").trimEnd()}\n`;
}

/** The Markdown for a run that could not check: the comment still says why. */
export function markdownError(message: string): string {
  return `❓ **Record check**: not checked: ${message}\n`;
}
