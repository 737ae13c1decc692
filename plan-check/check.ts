// One check of saved plans: read them, classify their changes, judge them against the acceptances,
// report. npm run check-plan and npm run plan / apply (deploy/) all check through this.
import { writeFileSync } from "node:fs";
import { CommandError } from "../scripts/command-line";
import { type Acceptance, AllowFileError, fromCommandLine, judge, readAllowFile } from "./allow-list";
import { type Hazard, hazardsOf } from "./classify";
import { type Plan, PlanFileError, readPlanFile } from "./plan-file";
import { exitCode, markdownReport, textReport } from "./report";

export interface Options {
  readonly plans: readonly string[];
  readonly allow: readonly string[];
  readonly allowFiles: readonly string[];
  readonly markdown?: string;
}

export interface Outcome {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

/** The --markdown file could not be written: the job's plan comment would be missing or stale. */
export class MarkdownFileError extends CommandError {}

export function writeMarkdown(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new MarkdownFileError(`--markdown ${file}: cannot be written (${cause}); the verdict was not recorded`);
  }
}

// Whatever breaks reading or classifying a plan (a value nested too deeply to show, say) means that
// plan was not checked: exit 2 naming it, never a stack trace and never exit 1 ("a hazard was found").
function checkedPlan(file: string): { plan: Plan; hazards: Hazard[] } {
  try {
    const plan = readPlanFile(file);
    return { plan, hazards: hazardsOf(plan) };
  } catch (error) {
    if (error instanceof PlanFileError) throw error;
    throw new PlanFileError(`${file}: cannot be checked (${String(error)})`);
  }
}

function allowFile(file: string): Acceptance[] {
  try {
    return readAllowFile(file);
  } catch (error) {
    if (error instanceof AllowFileError) throw error;
    throw new AllowFileError(`${file}: cannot be read as an allow file (${String(error)})`);
  }
}

export function check(options: Options): Outcome {
  const read = options.plans.map(checkedPlan);
  const plans = read.map((r) => r.plan);
  const acceptances: Acceptance[] = [...options.allowFiles.flatMap(allowFile), ...options.allow.map(fromCommandLine)];
  const checked = {
    plans,
    judgement: judge(
      read.flatMap((r) => r.hazards),
      acceptances,
      plans.map((p) => p.name),
    ),
    allowFiles: options.allowFiles,
  };
  if (options.markdown !== undefined) writeMarkdown(options.markdown, markdownReport(checked));
  return { code: exitCode(checked), stdout: textReport(checked), stderr: "" };
}
