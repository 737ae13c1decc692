// `npm run stacks [-- OUTDIR]`: the stacks of the synthesized app (cdktf.out/manifest.json), as the
// workflows' matrices, one `name=json` line each, ready for $GITHUB_OUTPUT:
//   stacks=["UsersPost-dev",...]                              every stack, for the pull request's plans
//   environments=[{"name":"dev","stacks":[...]},...]           the deploy order
// Deploys go environment by environment in the order config/environments.ts lists them: the list is the
// team's promotion order (dev, then staging, then prod), which neither the manifest (sorted by name) nor
// the names' suffixes (prod sorts before staging) can tell.

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { environments } from "../config/environments";
import { CommandError, parseCommandLine, runCommand } from "./command-line";

export const USAGE = `Usage: npm run stacks [-- OUTDIR]
  OUTDIR       the synthesized app's folder, holding manifest.json (default: cdktf.out)
  --help, -h   print this usage
Prints stacks=[...] and environments=[...], one line each, for $GITHUB_OUTPUT`;

/** The stacks cannot be listed: exit 2. */
export class StackListError extends CommandError {}

/** The synthesized app's folder the command line names, or "help". */
export function parseStacksArgs(argv: readonly string[]): string | "help" {
  const parsed = parseCommandLine(argv, { options: {}, positionals: true, usage: USAGE });
  if (parsed === "help") return "help";
  const [outdir = "cdktf.out", extra] = parsed.positionals;
  if (extra !== undefined)
    throw new CommandError(`one folder at a time: ${JSON.stringify(outdir)} and ${JSON.stringify(extra)} given`, {
      usage: USAGE,
    });
  return outdir;
}

export interface EnvironmentStacks {
  readonly name: string;
  readonly stacks: readonly string[];
}

export function readManifestStacks(outdir: string): string[] {
  const file = path.join(outdir, "manifest.json");
  let manifest: { stacks?: Record<string, unknown> };
  try {
    manifest = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StackListError(`${file}: cannot be read (${reason}); run \`npm run synth\` first`);
  }
  const stacks = Object.keys(manifest.stacks ?? {});
  if (stacks.length === 0) throw new StackListError(`${file}: lists no stack`);
  return stacks.sort();
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

if (require.main === module) {
  runCommand("stacks", () => {
    const outdir = parseStacksArgs(process.argv.slice(2));
    if (outdir === "help") process.stdout.write(`${USAGE}\n`);
    else
      process.stdout.write(
        matrixLines(
          readManifestStacks(outdir),
          environments.map((e) => e.environment),
        ),
      );
    return 0;
  });
}
