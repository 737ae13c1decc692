// `npm run apply -- STACK`: applies exactly the plan `npm run plan` saved (plan.tfplan), after checking
// that very file again (terraform show -json of it) against plan-check/allow.json, so a plan whose hazard
// is not accepted there is refused, as the deploy workflow refuses it. Nothing is planned anew; Terraform
// refuses the file as stale if the state changed since.
import { existsSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { stackArgs, UsageError } from "./args";
import { ALLOW_FILE, checkSavedPlan } from "./check-saved-plan";
import { SAVED, stackFolder, UnknownStackError } from "./stack-folder";
import { StepError, terraform, terraformShown } from "./terraform";

export const USAGE = `Usage: npm run apply -- STACK
  Applies the plan npm run plan -- STACK saved (cdktf.out/stacks/STACK/plan.tfplan), after checking it
  again against plan-check/allow.json: a hazard not accepted there refuses the apply.
Exit status: 0 applied, 1 refused or failed, 2 bad input`;

export interface Outcome {
  readonly code: 0 | 1 | 2;
  readonly stderr: string;
}

export async function apply(root: string, argv: readonly string[]): Promise<Outcome> {
  let args: ReturnType<typeof stackArgs<Record<string, never>>>;
  try {
    args = stackArgs(argv, {});
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, stderr: `apply: ${error.message}\n${USAGE}\n` };
    throw error;
  }
  if (args === "help") {
    process.stdout.write(`${USAGE}\n`);
    return { code: 0, stderr: "" };
  }
  const { stack } = args;
  try {
    const folder = stackFolder(root, stack);
    if (!existsSync(path.join(folder, SAVED.plan))) {
      throw new StepError(`no saved plan in ${path.relative(root, folder)}: run npm run plan -- ${stack} first`);
    }
    const step = { cwd: folder, log: path.join(folder, SAVED.log) };
    writeFileSync(path.join(folder, SAVED.json), terraform(step, ["show", "-json", SAVED.plan]));
    const verdict = checkSavedPlan(root, folder);
    process.stdout.write(verdict.report);
    if (!verdict.passed) {
      throw new StepError(
        `refusing the saved plan: a hazard above is not accepted; make the change safely as described, or accept it with a reason in ${ALLOW_FILE} and run npm run plan -- ${stack} again`,
      );
    }
    await terraformShown(step, ["apply", "-input=false", "-no-color", "-lock-timeout=15m", SAVED.plan]);
    return { code: 0, stderr: "" };
  } catch (error) {
    if (error instanceof UnknownStackError) return { code: 2, stderr: `apply: ${error.message}\n` };
    if (error instanceof StepError) return { code: 1, stderr: `apply: ${stack}: ${error.message}\n` };
    throw error;
  }
}

if (require.main === module) {
  apply(process.cwd(), process.argv.slice(2)).then((outcome) => {
    process.stderr.write(outcome.stderr);
    process.exitCode = outcome.code;
  });
}
