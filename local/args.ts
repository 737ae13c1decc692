// `npm run local [-- options]`: the command line, read into options or refused with the usage.

import { parseCommandLine } from "../scripts/command-line";

export const USAGE = `Usage: npm run local [-- --persist] [-- --walkthrough [--table <name>]]
  (no option)      run every trigger and print each invocation until Ctrl-C
  --persist        keep tables, items and each trigger's checkpoint in .local/ across restarts
  --walkthrough    a seed's test: put, modify and delete the first seed's book (a table keyed author/bookTitle),
                   or the second's posts (user_id/post_id); check what the handler received, exit
  --table <name>   the table the walkthrough writes to (default: the first table named books*)
  --help, -h       print this usage`;

export interface LocalOptions {
  readonly walkthrough: boolean;
  readonly persist: boolean;
  readonly table?: string;
}

const OPTIONS = {
  walkthrough: { type: "boolean" },
  persist: { type: "boolean" },
  table: { type: "string" },
} as const;

export function parseLocalArgs(argv: readonly string[]): LocalOptions | "help" {
  const parsed = parseCommandLine(argv, { options: OPTIONS, usage: USAGE });
  if (parsed === "help") return "help";
  const { walkthrough = false, persist = false, table } = parsed.values;
  return { walkthrough, persist, ...(table !== undefined && { table }) };
}
