// One check of saved plans: read them, classify their changes, judge them against the acceptances,
// report. npm run check-plan and npm run plan / apply (deploy/) all check through this.
import { writeFileSync } from "node:fs";
import { type Acceptance, fromCommandLine, judge, readAllowFile } from "./allow-list";
import { hazardsOf } from "./classify";
import { readPlanFile } from "./plan-file";
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

export function check(options: Options): Outcome {
  const plans = options.plans.map(readPlanFile);
  const acceptances: Acceptance[] = [
    ...options.allowFiles.flatMap(readAllowFile),
    ...options.allow.map(fromCommandLine),
  ];
  const checked = {
    plans,
    judgement: judge(
      plans.flatMap(hazardsOf),
      acceptances,
      plans.map((p) => p.name),
    ),
    allowFiles: options.allowFiles,
  };
  if (options.markdown !== undefined) writeFileSync(options.markdown, markdownReport(checked));
  return { code: exitCode(checked), stdout: textReport(checked), stderr: "" };
}
