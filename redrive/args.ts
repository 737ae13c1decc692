// `npm run redrive -- <stack> [options]`: the command line, read into options or refused with the usage.

import { CommandError, parseCommandLine, wholeNumber } from "../scripts/command-line";

export const USAGE = `Usage: npm run redrive -- <stack> [--consumer NAME] [--local] [--replay] [--out FILE.jsonl] [--max N] [--outputs FILE]
  <stack>          the stack whose failure queue or bucket to read, e.g. books-dev
  --consumer NAME  the consumer of the trigger's \`consumers\` to work on; default the trigger's own
  --local          read what \`npm run local\` parked in .local/failures/<queue or bucket>/
  --replay         invoke the function with the records; a message (object) is deleted only when all were accepted
  --out FILE       also write the records, as Lambda delivers them, one JSON line each
  --max N          handle at most N messages (objects)
  --outputs FILE   the deployed stack's outputs (cdktf deploy --outputs-file, or terraform output -json);
                   default: FAILURE_QUEUE_URL or FAILURE_BUCKET_NAME, then \`terraform output -json\` in cdktf.out/stacks/<stack>
  --help, -h       print this usage`;

export interface RedriveOptions {
  readonly stack: string;
  readonly local: boolean;
  readonly replay: boolean;
  readonly out?: string;
  readonly max?: number;
  readonly outputs?: string;
  /** One of the trigger's `consumers`; default the trigger's own. */
  readonly consumer?: string;
}

const OPTIONS = {
  local: { type: "boolean" },
  replay: { type: "boolean" },
  out: { type: "string" },
  max: { type: "string" },
  outputs: { type: "string" },
  consumer: { type: "string" },
} as const;

export function parseRedriveArgs(argv: readonly string[]): RedriveOptions | "help" {
  const parsed = parseCommandLine(argv, { options: OPTIONS, positionals: true, usage: USAGE });
  if (parsed === "help") return "help";
  const { values, positionals } = parsed;
  const refuse = (message: string) => new CommandError(message, { usage: USAGE });
  const [stack, extra] = positionals;
  if (stack === undefined) throw refuse("name the stack, e.g. books-dev");
  if (extra !== undefined)
    throw refuse(`one stack at a time: ${JSON.stringify(stack)} and ${JSON.stringify(extra)} given`);
  if (values.local && values.outputs !== undefined)
    throw refuse("--outputs is for AWS; --local reads the local session");
  return {
    stack,
    local: values.local ?? false,
    replay: values.replay ?? false,
    ...(values.out !== undefined && { out: values.out }),
    ...(values.max !== undefined && { max: wholeNumber("--max", values.max, { usage: USAGE }) }),
    ...(values.outputs !== undefined && { outputs: values.outputs }),
    ...(values.consumer !== undefined && { consumer: values.consumer }),
  };
}
