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
import { environments } from "../config/environments";
import { AllowFileError, readAllowFile } from "../plan-check/allow-list";
import { readBackendSettings, stateKey } from "../settings/backend-settings";
import { ConfigError } from "../settings/checks";
import { resolveConfig } from "../settings/config";
import { CommandError, failure, parseCommandLine } from "./command-line";
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

/**
 * The stacks the app synthesizes from config/environments.ts, and, with the STATE_* settings of an S3
 * backend in `env`, each one's state key.
 */
function configuredStacks(env: NodeJS.ProcessEnv): { names: string[]; stateKeys?: Map<string, string> } {
  try {
    const backend = readBackendSettings(env);
    const stacks = resolveConfig(environments).flatMap((e) =>
      e.triggers.map((t) => ({ name: t.stackName, key: backend && stateKey(backend, e.project, t.stackName) })),
    );
    return {
      names: stacks.map((s) => s.name),
      stateKeys: backend && new Map(stacks.map((s) => [s.name, s.key as string])),
    };
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

const OPTIONS = {
  deployed: { type: "boolean" },
  "state-prefixes": { type: "boolean" },
  "allow-file": { type: "string" },
} as const;

export interface StacksOptions {
  /** The synthesized app's folder (default cdktf.out), for the matrices and --state-prefixes. */
  readonly outdir: string;
  readonly statePrefixes: boolean;
  /** With --deployed: the listing of state keys, or undefined to look for local state files. */
  readonly deployed?: { readonly listing?: string; readonly allowFile?: string };
}

/** The command line, or "help"; a CommandError (exit 2) for anything else. */
export function parseStacksArgs(argv: readonly string[]): StacksOptions | "help" {
  const parsed = parseCommandLine(argv, { options: OPTIONS, positionals: true, usage: USAGE });
  if (parsed === "help") return "help";
  const { values, positionals } = parsed;
  const [first, extra] = positionals;
  const refuse = (message: string) => {
    throw new CommandError(message, { usage: USAGE });
  };
  if (extra !== undefined)
    refuse(
      `one ${values.deployed ? "listing" : "folder"} at a time: ${JSON.stringify(first)} and ${JSON.stringify(extra)} given`,
    );
  if (values["allow-file"] !== undefined && !values.deployed) refuse("--allow-file goes with --deployed only");
  if (values.deployed && values["state-prefixes"]) refuse("--deployed and --state-prefixes do not go together");
  return {
    outdir: values.deployed ? "cdktf.out" : (first ?? "cdktf.out"),
    statePrefixes: values["state-prefixes"] === true,
    deployed: values.deployed ? { listing: first, allowFile: values["allow-file"] } : undefined,
  };
}

/** The whole command, its output returned rather than printed. */
export function runStacksCommand(argv: readonly string[]): Outcome {
  try {
    const options = parseStacksArgs(argv);
    if (options === "help")
      return {
        code: 0,
        stdout: `${USAGE}
`,
        stderr: "",
      };
    if (options.deployed) {
      const { listing, allowFile } = options.deployed;
      const deployed = listing === undefined ? findLocalState("cdktf.out") : readStateListing(listing);
      // From the config rather than cdktf.out: after a synth that refused (a stack folder holding state)
      // the manifest still lists the stacks of the config before the change.
      const configured = configuredStacks(process.env);
      if (allowFile !== undefined)
        checkAcceptedStacks(allowFile, [...configured.names, ...deployed.map((d) => d.stack)]);
      // Keys are compared whole only in a listing of the bucket: local state is known by file name.
      const orphans = orphanedStacks(
        deployed,
        configured.names,
        listing === undefined ? undefined : configured.stateKeys,
      );
      const lines = orphanLines(orphans);
      return {
        code: orphans.length > 0 ? 1 : 0,
        stdout: orphanMatrixLine(orphans),
        stderr:
          lines &&
          `${lines}
`,
      };
    }
    const { outdir } = options;
    if (options.statePrefixes) return { code: 0, stdout: `${statePrefixes(outdir).join("\n")}\n`, stderr: "" };
    const stdout = matrixLines(
      readManifestStacks(outdir),
      environments.map((e) => e.environment),
    );
    return { code: 0, stdout, stderr: "" };
  } catch (error) {
    // Bad input is exit 2 with its message; anything unforeseen is one line too, exit 1, never a trace.
    const { code, text } = failure("stacks", error);
    return { code: code as Outcome["code"], stdout: "", stderr: text };
  }
}

if (require.main === module) {
  const outcome = runStacksCommand(process.argv.slice(2));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
