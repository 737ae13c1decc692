// `npm run check-plan -- PLAN_JSON...`: parses the command line, then delegates: read the plans, classify
// their changes, judge them against the acceptances, report. Exit 0: nothing can lose records; 1: a hazard
// is not accepted; 2: the input is not what it should be (nothing was checked).

import { writeFileSync } from "node:fs";
import { AllowFileError } from "./allow-list";
import { check, type Options, type Outcome } from "./check";
import { PlanFileError } from "./plan-file";
import { markdownError } from "./report";

export type { Options, Outcome };

export const USAGE = `Usage: npm run check-plan -- PLAN_JSON... [--allow ADDRESS]... [--allow-file FILE]... [--markdown FILE]
  PLAN_JSON          \`terraform show -json plan.tfplan\` output, one file per stack; the stack is named by the
                     file (books-dev.plan.json), or by its folder when the file is plan.json
  --allow ADDRESS    accept the hazards of this resource address, in every plan given
  --allow-file FILE  accept the hazards FILE lists: { "accept": [{ "stack", "address", "reason" }] }
  --markdown FILE    also write the verdict as Markdown to FILE (the pull request's plan comment)
Exit status: 0 no change can lose records, 1 a hazard is not accepted, 2 bad input (nothing checked)`;

class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): Options | "help" {
  const plans: string[] = [];
  const allow: string[] = [];
  const allowFiles: string[] = [];
  let markdown: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === "--help" || arg === "-h") return "help";
    else if (arg === "--allow") allow.push(value());
    else if (arg === "--allow-file") allowFiles.push(value());
    else if (arg === "--markdown") markdown = value();
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else plans.push(arg);
  }
  if (plans.length === 0) throw new UsageError("no plan given");
  return { plans, allow, allowFiles, markdown };
}

export function run(argv: readonly string[]): Outcome {
  let options: Options | "help";
  try {
    options = parseArgs(argv);
  } catch (error) {
    return { code: 2, stdout: "", stderr: `check-plan: ${(error as Error).message}\n${USAGE}\n` };
  }
  if (options === "help") return { code: 0, stdout: `${USAGE}\n`, stderr: "" };
  try {
    return check(options);
  } catch (error) {
    if (!(error instanceof PlanFileError || error instanceof AllowFileError)) throw error;
    if (options.markdown !== undefined) writeFileSync(options.markdown, markdownError(error.message));
    return { code: 2, stdout: "", stderr: `check-plan: ${error.message}\n` };
  }
}

if (require.main === module) {
  const outcome = run(process.argv.slice(2));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
