// `npm run stacks [-- OUTDIR]`: the stacks of the synthesized app (cdktf.out/manifest.json), as the
// workflows' matrices, one `name=json` line each, ready for $GITHUB_OUTPUT:
//   stacks=["UsersPost-dev",...]                              every stack, for the pull request's plans
//   environments=[{"name":"dev","stacks":[...]},...]           the deploy order
// `--state-prefixes` prints the S3 key prefixes the stacks' state lives under, one a line, for listing the
// bucket; `--deployed [FILE]` lists the deployed stacks the app no longer synthesizes (deployed-stacks.ts).
// Deploys go environment by environment in the order config/environments.ts lists them: the list is the
// team's promotion order (dev, then staging, then prod), which neither the manifest (sorted by name) nor
// the names' suffixes (prod sorts before staging) can tell.

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { environments } from "../config/environments";
import { ConfigError } from "../lib/checks";
import { resolveConfig } from "../lib/config";
import { AllowFileError, readAllowFile } from "../plan-check/allow-list";
import { findLocalState, orphanedStacks, orphanLines, orphanMatrixLine, readStateListing } from "./deployed-stacks";
import { readManifestStacks } from "./manifest-stacks";
import { StackListError } from "./stack-list-error";

export { readManifestStacks, StackListError };

export const USAGE = `Usage: npm run stacks [-- OUTDIR]
       npm run stacks -- --state-prefixes [OUTDIR]
       npm run stacks -- --deployed [FILE] [--allow-file FILE]
  (no option)        the synthesized stacks (OUTDIR, default cdktf.out) and the deploy order, as
                     $GITHUB_OUTPUT lines stacks=[...] and environments=[...]
  --state-prefixes   the S3 key prefixes the synthesized stacks keep their state under, one a line
  --deployed [FILE]  the deployed stacks config/environments.ts no longer gives: FILE lists their state
                     keys or files, whitespace-separated (aws s3api list-objects-v2 --bucket B --prefix P/
                     --query 'Contents[].Key' --output text); without FILE, the local state files found in
                     state/. Prints orphans=[...] for $GITHUB_OUTPUT and one line per orphan to stderr
  --allow-file FILE  with --deployed: refuse (exit 2) an acceptance in FILE (plan-check/allow.json) for a
                     stack neither in the app nor deployed, which would accept nothing, unseen
Exit status: 0 done (no orphan), 1 a deployed stack is no longer in the app, 2 bad input`;

export interface EnvironmentStacks {
  readonly name: string;
  readonly stacks: readonly string[];
}

/** Stacks are named `<table>-<environment>`, and environment names hold no dash. */
export function deployOrder(stacks: readonly string[], environmentNames: readonly string[]): EnvironmentStacks[] {
  const environmentOf = (stack: string) => stack.slice(stack.lastIndexOf("-") + 1);
  const strays = stacks.filter((stack) => !environmentNames.includes(environmentOf(stack)));
  if (strays.length > 0)
    throw new StackListError(
      `stack ${strays[0]} belongs to no environment of config/environments.ts (${environmentNames.join(", ")}); ` +
        "synthesize again after changing the config",
    );
  return environmentNames
    .map((name) => ({ name, stacks: stacks.filter((stack) => environmentOf(stack) === name).sort() }))
    .filter((environment) => environment.stacks.length > 0);
}

export function matrixLines(stacks: readonly string[], environmentNames: readonly string[]): string {
  const sorted = [...stacks].sort();
  return `stacks=${JSON.stringify(sorted)}\nenvironments=${JSON.stringify(deployOrder(sorted, environmentNames))}\n`;
}

/** The S3 key prefix of each synthesized stack's state; refuses a stack with local state. */
export function statePrefixes(outdir: string): string[] {
  const prefixes = readManifestStacks(outdir).map((stack) => {
    const file = path.join(outdir, "stacks", stack, "cdk.tf.json");
    const key: unknown = JSON.parse(readFileSync(file, "utf8")).terraform?.backend?.s3?.key;
    if (typeof key !== "string")
      throw new StackListError(
        `${file}: ${stack} keeps local state; set STATE_BUCKET and STATE_REGION and synthesize again`,
      );
    return path.posix.dirname(key);
  });
  return [...new Set(prefixes)].sort();
}

/** The stacks the app synthesizes from config/environments.ts. */
function configuredStacks(): string[] {
  try {
    return resolveConfig(environments).flatMap((e) => e.triggers.map((t) => t.stackName));
  } catch (error) {
    if (error instanceof ConfigError) throw new StackListError(error.message);
    throw error;
  }
}

/**
 * An acceptance for a stack that is neither synthesized nor deployed accepts nothing, and no check would
 * ever report it (the plan check judges only the stacks it is given): a misspelt stack, or an orphan
 * retired since. Refused, naming each.
 */
function checkAcceptedStacks(allowFile: string, known: readonly string[]): void {
  let entries: ReturnType<typeof readAllowFile>;
  try {
    entries = readAllowFile(allowFile);
  } catch (error) {
    if (error instanceof AllowFileError) throw new StackListError(error.message);
    throw error;
  }
  const unknown = entries.flatMap((entry, index) =>
    entry.stack === undefined || known.includes(entry.stack) ? [] : [`accept[${index}] (${entry.stack})`],
  );
  if (unknown.length > 0)
    throw new StackListError(
      `${allowFile}: ${unknown.join(", ")} names a stack neither in the app nor deployed, so it accepts nothing; ` +
        "correct the stack's name, or remove the entry once its stack is gone",
    );
}

export interface Outcome {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        deployed: { type: "boolean", default: false },
        "state-prefixes": { type: "boolean", default: false },
        "allow-file": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new StackListError(`${(error as Error).message}; see npm run stacks -- --help`);
  }
}

/** The whole command, its output returned rather than printed. */
export function runStacksCommand(argv: readonly string[]): Outcome {
  try {
    const { values, positionals } = parse(argv);
    if (values.help) return { code: 0, stdout: `${USAGE}\n`, stderr: "" };
    if (positionals.length > 1) throw new StackListError(`unexpected argument ${positionals[1]}`);
    if (values["allow-file"] !== undefined && !values.deployed)
      throw new StackListError("--allow-file goes with --deployed only");
    if (values.deployed && values["state-prefixes"])
      throw new StackListError("--deployed and --state-prefixes do not go together");
    if (values.deployed) {
      const [file] = positionals;
      const deployed = file === undefined ? findLocalState("cdktf.out") : readStateListing(file);
      // From the config rather than cdktf.out: after a synth that refused (a stack folder holding state)
      // the manifest still lists the stacks of the config before the change.
      const configured = configuredStacks();
      if (values["allow-file"] !== undefined)
        checkAcceptedStacks(values["allow-file"], [...configured, ...deployed.map((d) => d.stack)]);
      const orphans = orphanedStacks(deployed, configured);
      const lines = orphanLines(orphans);
      return { code: orphans.length > 0 ? 1 : 0, stdout: orphanMatrixLine(orphans), stderr: lines && `${lines}\n` };
    }
    const outdir = positionals[0] ?? "cdktf.out";
    if (values["state-prefixes"]) return { code: 0, stdout: `${statePrefixes(outdir).join("\n")}\n`, stderr: "" };
    const stdout = matrixLines(
      readManifestStacks(outdir),
      environments.map((e) => e.environment),
    );
    return { code: 0, stdout, stderr: "" };
  } catch (error) {
    if (!(error instanceof StackListError)) throw error;
    return { code: 2, stdout: "", stderr: `stacks: ${error.message}\n` };
  }
}

if (require.main === module) {
  const outcome = runStacksCommand(process.argv.slice(2));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
