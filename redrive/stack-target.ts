// The stack redrive works on, as synthesized: its trigger's function, filters, failure queue or bucket
// and table, read from cdktf.out/stacks/<stack>/cdk.tf.json by the same reader the local runner uses.

import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { type LocalMapping, readSynthesizedApp } from "../emulation/synthesized-stacks";
import { CommandError } from "../scripts/command-line";

export type RedriveTarget = LocalMapping &
  (
    | { readonly failureQueue: string; readonly failureBucket?: undefined }
    /** The bucket's local name (synthesized-stacks.ts); on AWS its deployed name comes from the outputs. */
    | { readonly failureBucket: string; readonly failureQueue?: undefined }
  );

const hasDestination = (m: LocalMapping): m is RedriveTarget =>
  m.failureQueue !== undefined || m.failureBucket !== undefined;

/**
 * The function names of a stack's consumers, from its synthesized outputs: the trigger's own under "" (output
 * function_name), each other consumer's under its name (output <name>_function_name).
 */
export function consumerFunctions(outdir: string, stack: string): Map<string, string> {
  const json = JSON.parse(readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
  const functions: Record<string, { function_name?: string }> = json.resource?.aws_lambda_function ?? {};
  const found = new Map<string, string>();
  for (const [output, { value }] of Object.entries(json.output ?? {}) as [string, { value?: unknown }][]) {
    const match = /^(?:(.+)_)?function_name$/.exec(output);
    const reference =
      typeof value === "string" ? /^\$\{aws_lambda_function\.([^.]+)\.function_name\}$/.exec(value) : null;
    const name = reference ? functions[reference[1]]?.function_name : undefined;
    if (match && name) found.set(match[1] ?? "", name);
  }
  return found;
}

export function readRedriveTarget(outdir: string, stack: string, consumer?: string): RedriveTarget {
  const stacks = path.join(outdir, "stacks");
  if (!existsSync(path.join(stacks, stack, "cdk.tf.json"))) {
    const app = existsSync(stacks) ? readSynthesizedApp(outdir) : { mappings: [] };
    const known = [...new Set(app.mappings.map((m) => m.stack))].join(", ") || "none synthesized";
    throw new CommandError(`no stack ${JSON.stringify(stack)} in ${stacks} (stacks: ${known})`);
  }
  let mappings = readSynthesizedApp(outdir).mappings.filter((m) => m.stack === stack);
  const functions = consumerFunctions(outdir, stack);
  if (consumer !== undefined || functions.size > 1) {
    const wanted = functions.get(consumer ?? "");
    if (wanted === undefined) {
      const names = [...functions.keys()].filter(Boolean);
      throw new CommandError(
        `stack ${stack} has no consumer ${JSON.stringify(consumer)} (consumers: ${names.join(", ") || "none but the trigger's own"})`,
      );
    }
    mappings = mappings.filter((m) => m.function.name === wanted);
  }
  const withDestination = mappings.filter(hasDestination);
  if (withDestination.length === 0)
    throw new Error(`stack ${stack} has no trigger with an on-failure queue or bucket: nothing to redrive`);
  if (withDestination.length > 1)
    throw new Error(
      `stack ${stack} has ${withDestination.length} triggers with on-failure destinations; redrive expects one`,
    );
  return withDestination[0];
}
