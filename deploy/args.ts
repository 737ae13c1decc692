// The command line of `npm run plan` and `npm run apply`: one stack, and the options each takes.
import { CommandError, parseCommandLine } from "../scripts/command-line";

/** A command line plan or apply cannot use: exit 2, with the usage. */
export class UsageError extends CommandError {}

type Flags = Record<string, { type: "boolean"; short?: string }>;

/** The stack and flags, "help" for --help; a UsageError for anything else (exit 2). */
export function stackArgs<F extends Flags>(
  argv: readonly string[],
  flags: F,
): { stack: string; flags: { [K in keyof F]?: boolean } } | "help" {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv, { options: flags, positionals: true, usage: "" });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed === "help") return "help";
  if (parsed.positionals.length !== 1) {
    throw new UsageError(
      parsed.positionals.length === 0 ? "no stack given" : `one stack at a time; got ${parsed.positionals.join(" ")}`,
    );
  }
  return { stack: parsed.positionals[0], flags: parsed.values as { [K in keyof F]?: boolean } };
}
