// `npm run redrive -- <stack> [options]`: the command line, read into options or refused with the usage.

export const USAGE = `Usage: npm run redrive -- <stack> [--consumer NAME] [--local] [--replay] [--out FILE.jsonl] [--max N] [--outputs FILE]
  <stack>          the stack whose failure queue or bucket to read, e.g. books-dev
  --consumer NAME  the consumer of the trigger's \`consumers\` to work on; default the trigger's own
  --local          read what \`npm run local\` parked in .local/failures/<queue or bucket>/
  --replay         invoke the function with the records; a message (object) is deleted only when all were accepted
  --out FILE       also write the records, as Lambda delivers them, one JSON line each
  --max N          handle at most N messages (objects)
  --outputs FILE   the deployed stack's outputs (cdktf deploy --outputs-file, or terraform output -json);
                   default: FAILURE_QUEUE_URL or FAILURE_BUCKET_NAME, then \`terraform output -json\` in cdktf.out/stacks/<stack>`;

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

export class UsageError extends Error {}

export function parseRedriveArgs(argv: readonly string[]): RedriveOptions | "help" {
  let stack: string | undefined;
  const flags = { local: false, replay: false };
  const values: { out?: string; max?: number; outputs?: string; consumer?: string } = {};
  const optionValue = (i: number, option: string) => {
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${option} needs a value`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--local") flags.local = true;
    else if (arg === "--replay") flags.replay = true;
    else if (arg === "--out") values.out = optionValue(i++, arg);
    else if (arg === "--outputs") values.outputs = optionValue(i++, arg);
    else if (arg === "--consumer") values.consumer = optionValue(i++, arg);
    else if (arg === "--max") {
      const text = optionValue(i++, arg);
      const max = Number(text);
      if (!/^[0-9]+$/.test(text) || max < 1)
        throw new UsageError(`--max ${JSON.stringify(text)}: expected a whole number of 1 or more`);
      values.max = max;
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
    else if (stack === undefined) stack = arg;
    else throw new UsageError(`one stack at a time: ${JSON.stringify(stack)} and ${JSON.stringify(arg)} given`);
  }
  if (stack === undefined) throw new UsageError("name the stack, e.g. books-dev");
  if (flags.local && values.outputs) throw new UsageError("--outputs is for AWS; --local reads the local session");
  return { stack, ...flags, ...values };
}
