// The command line of `npm run plan` and `npm run apply`: one stack, and the options each takes.
import { parseArgs } from "node:util";

export class UsageError extends Error {}

type Flags = Record<string, { type: "boolean"; short?: string }>;

/** The stack and flags, "help" for --help; a UsageError for anything else (exit 2). */
export function stackArgs<F extends Flags>(
  argv: readonly string[],
  flags: F,
): { stack: string; flags: { [K in keyof F]?: boolean } } | "help" {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...flags, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
  if (parsed.values.help) return "help";
  if (parsed.positionals.length !== 1) {
    throw new UsageError(
      parsed.positionals.length === 0 ? "no stack given" : `one stack at a time; got ${parsed.positionals.join(" ")}`,
    );
  }
  return { stack: parsed.positionals[0], flags: parsed.values as { [K in keyof F]?: boolean } };
}
