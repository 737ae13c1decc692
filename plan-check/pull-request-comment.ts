// The pull request's plan comment, from what the plan jobs uploaded (plans/plan-<stack>/check.md and
// plan.txt): every stack's record-check verdict on top, one line per hazard, then each stack's plan. Every
// stack of the app gets its line, one whose job uploaded nothing included; a deployed stack the app no
// longer synthesizes (an orphan, planned as its destruction) comes first, with what to do. GitHub refuses a body over
// 65,536 characters: the verdicts always fit, the plans share what is left and are cut (their end kept).

import { readFileSync } from "node:fs";
import * as path from "node:path";

/** Begins the comment, so each push updates the same one. */
export const MARKER = "<!-- cdktf-plan -->";
/** GitHub's longest comment body. */
export const COMMENT_LIMIT = 65536;
/** Kept free per part, for the Markdown around it. */
const SLACK = 200;
/** The most one plan gets, however much room is left: past that a reviewer reads the job log. */
const MOST_PER_PLAN = 15000;

export interface StackPlan {
  readonly stack: string;
  /** The check's Markdown verdict (check-plan --markdown); undefined when the job failed before the check. */
  readonly verdict?: string;
  /** `terraform show` of the saved plan; undefined when the job failed before planning. */
  readonly plan?: string;
  /** Deployed but no longer in the app: its plan is its destruction. */
  readonly orphan?: boolean;
}

const notChecked = (stack: string) =>
  `❓ **Record check**: ${stack} not checked: the plan job failed before the check; see its log.`;

/** Said above an orphan's verdict: its plan destroys what it holds, and how either way is chosen. */
const leftTheApp = (stack: string) =>
  `🗑️ **${stack} is no longer in the app, but deployed**: its plan below destroys what it holds. ` +
  "To keep the resources under the new name, move its state to the new stack's key first; to retire them, " +
  "accept each deletion in plan-check/allow.json (docs/changing-live-triggers.md). Deploys wait until one is done.";

/** The verdicts, whole if they fit beside a little of each plan, else each verdict's and hazard's line. */
function verdicts(header: string, stacks: readonly StackPlan[]): string {
  const whole = stacks.map((s) =>
    `${s.orphan ? `${leftTheApp(s.stack)}\n\n` : ""}${(s.verdict ?? notChecked(s.stack)).trim()}`.trim(),
  );
  let top = whole.join("\n\n");
  if (header.length + top.length > COMMENT_LIMIT - SLACK * (stacks.length + 1)) {
    const brief = (verdict: string) => verdict.replace(/ (Records|Reason \(.*?\)): .*$/gm, "");
    top = `${whole.map(brief).join("\n\n")}\n\n(each hazard's records and safe procedure: in its plan job's log)`;
  }
  if (header.length + top.length > COMMENT_LIMIT - SLACK)
    top = `${top.slice(0, COMMENT_LIMIT - SLACK - header.length)}\n(cut: see the plan jobs' logs)`;
  return top;
}

/** One stack's plan, folded, its summary line in view, cut to `share` characters from its end. */
function foldedPlan({ stack, plan }: StackPlan, share: number): string {
  const text = plan ?? "(no plan: the job failed before planning; see its log)";
  const summary = plan === undefined ? "no plan" : (/Plan: .*|No changes\..*/.exec(plan)?.[0] ?? "see the plan");
  const head = `<details><summary><b>${stack}</b>: ${summary}</summary>\n\n`;
  const room = share - head.length - 40;
  const body =
    text.length <= room
      ? text
      : room < 100
        ? "(left out: the comment is full; see the job log)"
        : `${text.slice(-(room - 30))}\n(cut: see the job log)`;
  return `${head}\`\`\`\n${body}\n\`\`\`\n</details>`;
}

/** The comment's body for the plans of commit `sha`. */
export function planComment(sha: string, stacks: readonly StackPlan[]): string {
  const header = `${MARKER}\n### Terraform plan for ${sha.slice(0, 7)}\n\n`;
  const top = verdicts(header, stacks);
  const share = Math.min(MOST_PER_PLAN, Math.floor((COMMENT_LIMIT - header.length - top.length - 100) / stacks.length));
  return `${header}${top}\n\n${stacks.map((s) => foldedPlan(s, share)).join("\n\n")}`;
}

/**
 * What each stack's plan job uploaded into `folder` (actions/download-artifact: one folder per artifact),
 * the orphans' destruction plans first.
 */
export function readPlanArtifacts(
  folder: string,
  stacks: readonly string[],
  orphans: readonly string[] = [],
): StackPlan[] {
  const read = (stack: string, file: string) => {
    try {
      return readFileSync(path.join(folder, `plan-${stack}`, file), "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  };
  const plan = (stack: string, orphan: boolean): StackPlan => ({
    stack,
    verdict: read(stack, "check.md"),
    plan: read(stack, "plan.txt"),
    ...(orphan && { orphan }),
  });
  return [...orphans.map((s) => plan(s, true)), ...stacks.map((s) => plan(s, false))];
}
