// One output of the deployed stack (the failure queue's URL, the failure bucket's name), never typed by
// hand: an outputs file (`cdktf deploy --outputs-file` or `terraform output -json`), an environment
// variable, or `terraform output -json` run in the stack's synthesized folder, in that order.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

export interface StackOutputSources {
  readonly stack: string;
  /** --outputs FILE */
  readonly outputsFile?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** cdktf.out/stacks/<stack>, where Terraform's state is reachable. */
  readonly stackDir: string;
  /** What the outputs' names start with: `<consumer>_` for one of the trigger's consumers; default none. */
  readonly outputPrefix?: string;
  /** Runs `terraform output -json` there; replaceable in tests. */
  readonly terraformOutputs?: (dir: string) => string | undefined;
}

export interface WantedOutput {
  /** The output's name, e.g. failure_queue_url. */
  readonly output: string;
  /** The environment variable that may hold it instead. */
  readonly envVar: string;
  /** In words, for the error: "the failure queue's URL". */
  readonly what: string;
}

/** `{ "<stack>": { name: value } }` (cdktf) or `{ name: { value } }` (Terraform). */
function outputValue(json: unknown, stack: string, output: string): unknown {
  const field = (value: unknown, name: string): unknown =>
    value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
  const perStack = field(json, stack);
  const outputs = perStack !== undefined && field(perStack, "value") === undefined ? perStack : json;
  const entry = field(outputs, output);
  return field(entry, "value") ?? entry;
}

function runTerraformOutputs(dir: string): string | undefined {
  const run = spawnSync("terraform", ["output", "-json"], { cwd: dir, encoding: "utf8" });
  return run.status === 0 ? run.stdout : undefined;
}

/** The output's text and where it was found; a one-line error naming every way to give it otherwise. */
export function findStackOutput(sources: StackOutputSources, wanted: WantedOutput): { value: string; from: string } {
  const found = ((): { value: unknown; from: string } | undefined => {
    if (sources.outputsFile) {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(sources.outputsFile, "utf8"));
      } catch (error) {
        throw new Error(`--outputs ${sources.outputsFile}: ${(error as Error).message}`);
      }
      return { value: outputValue(json, sources.stack, wanted.output), from: sources.outputsFile };
    }
    const env = (sources.env ?? process.env)[wanted.envVar];
    if (env) return { value: env, from: wanted.envVar };
    const text = (sources.terraformOutputs ?? runTerraformOutputs)(sources.stackDir);
    if (text) return { value: outputValue(JSON.parse(text), sources.stack, wanted.output), from: "terraform output" };
    return undefined;
  })();
  if (found === undefined || typeof found.value !== "string" || found.value === "") {
    throw new Error(
      `${wanted.what} is unknown${found ? ` (${found.from} has no ${wanted.output})` : ""}: pass --outputs FILE (from \`cdktf deploy ${sources.stack} --outputs-file FILE\`), set ${wanted.envVar}, or deploy so that \`terraform output\` in ${sources.stackDir} answers`,
    );
  }
  return { value: found.value, from: found.from };
}
