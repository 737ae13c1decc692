// `npm run local [-- options]`: the command line, read into options or refused with the usage.

import { CommandError, parseCommandLine, wholeNumber } from "../scripts/command-line";

export const USAGE = `Usage: npm run local [-- --env <name>] [-- --stack <name> ...] [-- --console [--port <n>]] [-- --persist]
       npm run local [-- --walkthrough [--table <name>]]
  (no option)      run the triggers of the first environment in the config and print each record until Ctrl-C
  --env <name>     run this environment's triggers instead (repeatable)
  --stack <name>   run only this stack's trigger, e.g. books-dev (repeatable; with --env, either picks it)
  --console        also serve the console: tables, items, each trigger's records live, parked failures
  --port <n>       the console's port (default: a free one; another when <n> is taken)
  --verbose        print the handler's log lines under each record's line
  --persist        keep tables, items and each trigger's checkpoint in .local/ across restarts
  --walkthrough    a seed's test: put, modify and delete the first seed's book (a table keyed author/bookTitle),
                   or the second's posts (user_id/post_id); check what the handler received, exit
  --table <name>   the table the walkthrough writes to (default: the first table named books*)
  --help, -h       print this usage`;

export interface LocalOptions {
  readonly walkthrough: boolean;
  readonly persist: boolean;
  readonly table?: string;
  /** Environments asked for by --env; empty: the first one in the config. */
  readonly envs: readonly string[];
  /** Stacks asked for by --stack. */
  readonly stacks: readonly string[];
  readonly console: boolean;
  readonly port?: number;
  readonly verbose: boolean;
}

const OPTIONS = {
  walkthrough: { type: "boolean" },
  persist: { type: "boolean" },
  table: { type: "string" },
  env: { type: "string", multiple: true },
  stack: { type: "string", multiple: true },
  console: { type: "boolean" },
  port: { type: "string" },
  verbose: { type: "boolean" },
} as const;

export function parseLocalArgs(argv: readonly string[]): LocalOptions | "help" {
  const parsed = parseCommandLine(argv, { options: OPTIONS, usage: USAGE });
  if (parsed === "help") return "help";
  const { walkthrough = false, persist = false, table, env = [], stack = [], verbose = false } = parsed.values;
  const port = parsed.values.port;
  if (port !== undefined && !parsed.values.console)
    throw new CommandError("--port is the console's: add --console", { usage: USAGE });
  const portNumber = port === undefined ? undefined : wholeNumber("--port", port, { min: 1, usage: USAGE });
  if (portNumber !== undefined && portNumber > 65535)
    throw new CommandError(`--port ${JSON.stringify(port)}: expected a port from 1 to 65535`, { usage: USAGE });
  return {
    walkthrough,
    persist,
    ...(table !== undefined && { table }),
    envs: env,
    stacks: stack,
    console: parsed.values.console ?? false,
    ...(portNumber !== undefined && { port: portNumber }),
    verbose,
  };
}
