// The failure queue's URL on AWS, from the deployed stack's outputs, never typed by hand: an outputs
// file (`cdktf deploy --outputs-file` or `terraform output -json`), FAILURE_QUEUE_URL, or `terraform
// output -json` run in the stack's synthesized folder. It must name the queue the stack synthesizes.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

export const QUEUE_URL_OUTPUT = "failure_queue_url";

export interface QueueUrlSources {
  readonly stack: string;
  readonly queueName: string;
  /** --outputs FILE */
  readonly outputsFile?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** cdktf.out/stacks/<stack>, where Terraform's state is reachable. */
  readonly stackDir: string;
  /** Runs `terraform output -json` there; replaceable in tests. */
  readonly terraformOutputs?: (dir: string) => string | undefined;
}

/** `{ "<stack>": { name: value } }` (cdktf) or `{ name: { value } }` (Terraform). */
function outputValue(json: unknown, stack: string): unknown {
  const field = (value: unknown, name: string): unknown =>
    value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
  const perStack = field(json, stack);
  const outputs = perStack !== undefined && field(perStack, "value") === undefined ? perStack : json;
  const entry = field(outputs, QUEUE_URL_OUTPUT);
  return field(entry, "value") ?? entry;
}

function runTerraformOutputs(dir: string): string | undefined {
  const run = spawnSync("terraform", ["output", "-json"], { cwd: dir, encoding: "utf8" });
  return run.status === 0 ? run.stdout : undefined;
}

export function findQueueUrl(sources: QueueUrlSources): { url: string; from: string } {
  const found = ((): { url: unknown; from: string } | undefined => {
    if (sources.outputsFile) {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(sources.outputsFile, "utf8"));
      } catch (error) {
        throw new Error(`--outputs ${sources.outputsFile}: ${(error as Error).message}`);
      }
      return { url: outputValue(json, sources.stack), from: sources.outputsFile };
    }
    const env = (sources.env ?? process.env).FAILURE_QUEUE_URL;
    if (env) return { url: env, from: "FAILURE_QUEUE_URL" };
    const text = (sources.terraformOutputs ?? runTerraformOutputs)(sources.stackDir);
    if (text) return { url: outputValue(JSON.parse(text), sources.stack), from: "terraform output" };
    return undefined;
  })();
  if (found === undefined || typeof found.url !== "string" || found.url === "") {
    throw new Error(
      `the failure queue's URL is unknown${found ? ` (${found.from} has no ${QUEUE_URL_OUTPUT})` : ""}: pass --outputs FILE (from \`cdktf deploy ${sources.stack} --outputs-file FILE\`), set FAILURE_QUEUE_URL, or deploy so that \`terraform output\` in ${sources.stackDir} answers`,
    );
  }
  if (!found.url.endsWith(`/${sources.queueName}`))
    throw new Error(`${found.from}: queue URL ${found.url} is not the stack's failure queue ${sources.queueName}`);
  return { url: found.url, from: found.from };
}
