// The stack redrive works on, as synthesized: its trigger's function, filters, failure queue and table,
// read from cdktf.out/stacks/<stack>/cdk.tf.json by the same reader the local runner uses.

import { existsSync } from "node:fs";
import * as path from "node:path";
import { type LocalMapping, readSynthesizedApp } from "../local/synthesized-stacks";

export interface RedriveTarget extends LocalMapping {
  /** The on-failure queue's name. */
  readonly failureQueue: string;
}

export function readRedriveTarget(outdir: string, stack: string): RedriveTarget {
  const stacks = path.join(outdir, "stacks");
  if (!existsSync(path.join(stacks, stack, "cdk.tf.json"))) {
    const app = existsSync(stacks) ? readSynthesizedApp(outdir) : { mappings: [] };
    const known = [...new Set(app.mappings.map((m) => m.stack))].join(", ") || "none synthesized";
    throw new Error(`no stack ${JSON.stringify(stack)} in ${stacks} (stacks: ${known})`);
  }
  const mappings = readSynthesizedApp(outdir).mappings.filter((m) => m.stack === stack);
  const withQueue = mappings.filter((m): m is RedriveTarget => m.failureQueue !== undefined);
  if (withQueue.length === 0)
    throw new Error(`stack ${stack} has no trigger with an on-failure queue: nothing to redrive`);
  if (withQueue.length > 1)
    throw new Error(`stack ${stack} has ${withQueue.length} triggers with failure queues; redrive expects one`);
  return withQueue[0];
}
