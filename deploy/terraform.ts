// Terraform run as a step of `npm run plan` / `npm run apply`: no prompt, no colour, no telemetry, its
// output kept in a log beside the plan; a failure becomes one line saying what is missing.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import * as path from "node:path";

/** Terraform's environment: no check-point call (telemetry, and an error line when offline), no prompt. */
export function terraformEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, CHECKPOINT_DISABLE: "1", TF_INPUT: "0", TF_IN_AUTOMATION: "1" };
}

export class StepError extends Error {}

export interface Step {
  /** The stack's synthesized folder: Terraform runs there. */
  readonly cwd: string;
  /** Where Terraform's output goes, appended step after step. */
  readonly log: string;
}

function logged(step: Step, args: readonly string[], stdout: string, stderr: string): void {
  appendFileSync(step.log, `$ terraform ${args.join(" ")}\n${stdout}${stderr}\n`);
}

/** Runs terraform to completion; returns its stdout, or throws a StepError with one line. */
export function terraform(step: Step, args: readonly string[]): string {
  const run = spawnSync("terraform", args, {
    cwd: step.cwd,
    env: terraformEnv(),
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  if (run.error) throw new StepError(notRun(run.error));
  logged(step, args, run.stdout, run.stderr);
  if (run.status !== 0) throw new StepError(explain(args[0], `${run.stdout}\n${run.stderr}`, step.log));
  return run.stdout;
}

/** Runs terraform with its stdout shown as it comes (an apply takes minutes); throws a StepError. */
export function terraformShown(step: Step, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("terraform", args, { cwd: step.cwd, env: terraformEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on("error", (error) => reject(new StepError(notRun(error))));
    child.on("close", (code) => {
      logged(step, args, stdout, stderr);
      if (code === 0) resolve();
      else reject(new StepError(explain(args[0], `${stdout}\n${stderr}`, step.log)));
    });
  });
}

function notRun(error: NodeJS.ErrnoException): string {
  return error.code === "ENOENT"
    ? "terraform is not on PATH: install Terraform 1.11 or later (the workflows use 1.11.4)"
    : `cannot run terraform: ${error.message}`;
}

const CREDENTIALS = [
  /no valid credential sources/i,
  /failed to refresh cached credentials/i,
  /InvalidClientTokenId/,
  /ExpiredToken/,
  /SignatureDoesNotMatch/,
  /UnrecognizedClientException/,
  /failed to retrieve credentials/i,
  /The security token included in the request is (invalid|expired)/i,
];
const PROVIDER_DOWNLOAD = [
  /Failed to query available provider packages/,
  /Failed to install provider/,
  /could not connect to registry\.terraform\.io/,
];
const NETWORK = /no such host|connection refused|i\/o timeout|network is unreachable|dial tcp/i;

/**
 * One line for a failed terraform command: what is missing when it is credentials, the provider download
 * or a stale plan, else Terraform's first error, with where the full output is.
 */
export function explain(command: string | undefined, output: string, log: string): string {
  const text = output.replace(/\s+/g, " ");
  if (PROVIDER_DOWNLOAD.some((p) => p.test(text))) {
    const providers = [
      ...new Set([...text.matchAll(/provider (?:registry\.terraform\.io\/)?([\w-]+\/[\w-]+)/g)].map((m) => m[1])),
    ];
    const cause = NETWORK.test(text) ? "no network access to registry.terraform.io" : "the registry refused or failed";
    return (
      `terraform init could not fetch its providers (${providers.join(", ") || "see the log"}): ${cause}; ` +
      `connect to the Terraform registry or configure a provider mirror, then run again (full output: ${path.relative(process.cwd(), log) || log})`
    );
  }
  if (CREDENTIALS.some((p) => p.test(text))) {
    return (
      `terraform ${command} found no valid AWS credentials: set AWS_PROFILE (after aws sso login) or ` +
      `AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for the account, then run again (full output: ${path.relative(process.cwd(), log) || log})`
    );
  }
  if (/Saved plan is stale/i.test(text)) {
    return `the saved plan is stale (the state changed since it was made): run npm run plan -- <stack> again (full output: ${path.relative(process.cwd(), log) || log})`;
  }
  const error = /^[│ ]*Error: (.*)$/m.exec(output);
  return `terraform ${command} failed: ${error ? error[1].trim().slice(0, 300) : "no error text"} (full output: ${path.relative(process.cwd(), log) || log})`;
}
