// `npm run destroy-config -- --key KEY [--state STATE_JSON]`: a Terraform configuration that plans the
// destruction of a stack the app no longer synthesizes, without its old code. It holds no resource, only
// what Terraform needs to read the stack's state and plan every resource in it away: the S3 backend of the
// synthesized stacks with the orphan's key, and the same providers. Written to stdout as JSON.
//
// The AWS provider must call the region the resources live in; the app no longer says which, so it is
// read from the state itself (`terraform state pull`), from the resources' ARNs: first write the
// configuration without --state, `terraform init`, pull the state, then write it again with --state.

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { failure, parseCommandLine } from "./command-line";
import { readManifestStacks } from "./manifest-stacks";
import { StackListError } from "./stack-list-error";

export const USAGE = `Usage: npm run destroy-config -- --key KEY [--state STATE_JSON] [--outdir DIR]
  --key KEY           the orphaned stack's state key in the bucket, as npm run stacks -- --deployed names it
  --state STATE_JSON  its state (terraform state pull): gives the AWS provider the region of its resources
  --outdir DIR        the synthesized app whose backend and providers it takes (default cdktf.out)
  --help, -h          print this usage
Exit status: 0 written to stdout, 2 bad input (nothing written)`;

/** What `terraform state pull` prints, as far as it is read here. */
interface StateJson {
  readonly resources?: readonly { readonly instances?: readonly unknown[] }[];
}

/** A synthesized cdk.tf.json, as far as it is read here. */
interface StackJson {
  readonly terraform?: {
    readonly backend?: { readonly s3?: Record<string, unknown> };
    readonly required_providers?: Record<string, unknown>;
  };
}

/** A regional ARN: arn:<partition>:<service>:<region>:... (IAM's have no region). */
const REGIONAL_ARN = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z]{2}(?:-[a-z]+)+-\d+):/;

/** The one region the state's resources live in; throws when it names none, or several. */
export function stateRegion(state: StateJson, source: string): string {
  const regions = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === "string") {
      const match = REGIONAL_ARN.exec(value);
      if (match) regions.add(match[1]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(visit);
  };
  for (const resource of state.resources ?? []) visit(resource.instances ?? []);
  if (regions.size !== 1)
    throw new StackListError(
      `${source}: ${regions.size === 0 ? "holds no regional ARN" : `names several regions (${[...regions].sort().join(", ")})`}; ` +
        "plan its destruction by hand, with the provider's region set (docs/changing-live-triggers.md)",
    );
  return [...regions][0];
}

/** The configuration: `like`'s S3 backend with `key`, and its providers, the AWS one in `region`. */
export function destroyConfiguration(
  like: StackJson,
  key: string,
  region: string | undefined,
  source: string,
): Record<string, unknown> {
  const backend = like.terraform?.backend?.s3;
  if (backend === undefined)
    throw new StackListError(
      `${source}: keeps local state; set STATE_BUCKET and STATE_REGION and synthesize again (a local stack's folder plans its own destruction: terraform destroy there)`,
    );
  const requiredProviders = like.terraform?.required_providers ?? {};
  const provider = Object.fromEntries(
    Object.keys(requiredProviders).map((name) => [name, [name === "aws" && region ? { region } : {}]]),
  );
  return { terraform: { required_providers: requiredProviders, backend: { s3: { ...backend, key } } }, provider };
}

function readJson(file: string): StackJson & StateJson {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StackListError(`${file}: cannot be read as JSON (${reason})`);
  }
}

export interface Outcome {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

export function runDestroyConfig(argv: readonly string[]): Outcome {
  try {
    const parsed = parseCommandLine(argv, { options: OPTIONS, usage: USAGE });
    if (parsed === "help") return { code: 0, stdout: `${USAGE}\n`, stderr: "" };
    const { values } = parsed;
    if (!values.key?.endsWith(".tfstate"))
      throw new StackListError(`--key is ${JSON.stringify(values.key ?? null)}; expected <prefix>/<stack>.tfstate`);
    const outdir = values.outdir ?? "cdktf.out";
    const like = path.join(outdir, "stacks", readManifestStacks(outdir)[0], "cdk.tf.json");
    const region = values.state === undefined ? undefined : stateRegion(readJson(values.state), values.state);
    const config = destroyConfiguration(readJson(like), values.key, region, like);
    return { code: 0, stdout: `${JSON.stringify(config, null, 2)}\n`, stderr: "" };
  } catch (error) {
    const { code, text } = failure("destroy-config", error);
    return { code: code as Outcome["code"], stdout: "", stderr: text };
  }
}

const OPTIONS = {
  key: { type: "string" },
  state: { type: "string" },
  outdir: { type: "string" },
} as const;

if (require.main === module) {
  const outcome = runDestroyConfig(process.argv.slice(2));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
