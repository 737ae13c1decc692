// `npm run plan -- STACK`: what the pull-request and deploy workflows run for each stack (through
// .github/actions/plan-stack), and what a laptop runs before `npm run apply`. Synthesizes the app, then
// in the stack's folder: terraform init, terraform plan saved to plan.tfplan, its JSON (plan.json) and
// text (plan.txt), and the record check against plan-check/allow.json (check.md). A failed step stops
// with one line saying what is missing; earlier saved plans are removed first, so none is left to apply.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { stackArgs, UsageError } from "./args";
import { checkSavedPlan } from "./check-saved-plan";
import { SAVED, stackFolder, UnknownStackError } from "./stack-folder";
import { StepError, terraform } from "./terraform";

export const USAGE = `Usage: npm run plan -- STACK [--shared-state]
  Synthesizes the app, then in the stack's folder (cdktf.out/stacks/STACK): terraform init, terraform plan
  saved to plan.tfplan, plan.json and plan.txt, and the record check against plan-check/allow.json
  (check.md); prints the plan and the check's verdict. Terraform's output is kept in terraform.log.
  --shared-state   refuse a stack synthesized with local state (a CI runner's local state is empty, so
                   every resource would plan as new and pass the check)
Exit status: 0 planned and every hazard accepted, 1 a step failed or a hazard is not accepted, 2 bad input`;

export interface Outcome {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

const failed = (code: 1 | 2, message: string): Outcome => ({ code, stdout: "", stderr: `plan: ${message}\n` });

function synthesize(root: string): void {
  const run = spawnSync(process.execPath, [path.join(root, "scripts", "synth.js")], { cwd: root, encoding: "utf8" });
  if (run.status !== 0) throw new StepError(`synth failed: ${(run.stderr || run.stdout).trim().split("\n").pop()}`);
}

function refuseLocalState(folder: string, stack: string): void {
  const config = JSON.parse(readFileSync(path.join(folder, "cdk.tf.json"), "utf8"));
  if (config.terraform?.backend?.s3 === undefined) {
    throw new StepError(
      `${stack} was synthesized with local state; set STATE_BUCKET and STATE_REGION (docs/operations.md, Shared state in S3)`,
    );
  }
}

export function plan(root: string, argv: readonly string[]): Outcome {
  let args: ReturnType<typeof stackArgs<{ "shared-state": { type: "boolean" } }>>;
  try {
    args = stackArgs(argv, { "shared-state": { type: "boolean" } });
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, stdout: "", stderr: `plan: ${error.message}\n${USAGE}\n` };
    throw error;
  }
  if (args === "help") return { code: 0, stdout: `${USAGE}\n`, stderr: "" };
  const { stack } = args;
  try {
    synthesize(root);
    const folder = stackFolder(root, stack);
    for (const file of Object.values(SAVED)) rmSync(path.join(folder, file), { force: true });
    if (args.flags["shared-state"]) refuseLocalState(folder, stack);
    const step = { cwd: folder, log: path.join(folder, SAVED.log) };
    terraform(step, ["init", "-input=false", "-no-color"]);
    terraform(step, ["plan", "-input=false", "-no-color", "-lock-timeout=15m", `-out=${SAVED.plan}`]);
    writeFileSync(path.join(folder, SAVED.json), terraform(step, ["show", "-json", SAVED.plan]));
    const text = terraform(step, ["show", "-no-color", SAVED.plan]);
    writeFileSync(path.join(folder, SAVED.text), text);
    const verdict = checkSavedPlan(root, folder);
    const next = verdict.passed ? `apply it with: npm run apply -- ${stack}\n` : "";
    return { code: verdict.passed ? 0 : 1, stdout: `${text}\n${verdict.report}${next}`, stderr: "" };
  } catch (error) {
    if (error instanceof UnknownStackError) return failed(2, error.message);
    if (error instanceof StepError) return failed(1, `${stack}: ${error.message}`);
    throw error;
  }
}

if (require.main === module) {
  const outcome = plan(process.cwd(), process.argv.slice(2));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
