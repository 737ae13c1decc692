// The stack redrive works on, as synthesized: its trigger's function, filters, failure queue or bucket
// and table, read from cdktf.out/stacks/<stack>/cdk.tf.json by the same reader the local runner uses.

import { existsSync } from "node:fs";
import * as path from "node:path";
import { type LocalMapping, readSynthesizedApp } from "../emulation/synthesized-stacks";
import { UsageError } from "./args";

export type RedriveTarget = LocalMapping &
  (
    | { readonly failureQueue: string; readonly failureBucket?: undefined }
    /** The bucket's local name (synthesized-stacks.ts); on AWS its deployed name comes from the outputs. */
    | { readonly failureBucket: string; readonly failureQueue?: undefined }
  );

const hasDestination = (m: LocalMapping): m is RedriveTarget =>
  m.failureQueue !== undefined || m.failureBucket !== undefined;

export function readRedriveTarget(outdir: string, stack: string): RedriveTarget {
  const stacks = path.join(outdir, "stacks");
  if (!existsSync(path.join(stacks, stack, "cdk.tf.json"))) {
    const app = existsSync(stacks) ? readSynthesizedApp(outdir) : { mappings: [] };
    const known = [...new Set(app.mappings.map((m) => m.stack))].join(", ") || "none synthesized";
    throw new UsageError(`no stack ${JSON.stringify(stack)} in ${stacks} (stacks: ${known})`);
  }
  const mappings = readSynthesizedApp(outdir).mappings.filter((m) => m.stack === stack);
  const withDestination = mappings.filter(hasDestination);
  if (withDestination.length === 0)
    throw new Error(`stack ${stack} has no trigger with an on-failure queue or bucket: nothing to redrive`);
  if (withDestination.length > 1)
    throw new Error(
      `stack ${stack} has ${withDestination.length} triggers with on-failure destinations; redrive expects one`,
    );
  return withDestination[0];
}
