// `npm run describe-table -- [FILE] [--ttl FILE] [--source adopt|existing]`: reads `aws dynamodb
// describe-table` JSON (FILE, or stdin) and prints the trigger entry for config/environments.ts, checked
// by the same config check as a synth. Exit 0: printed; 2: bad input (one line saying what).
import { readFileSync } from "node:fs";
import { CommandError, parseCommandLine } from "../scripts/command-line";
import { ConfigError } from "../settings/checks";
import { resolveConfig } from "../settings/config";
import { STREAM_VIEW_TYPES, type StreamViewType } from "../settings/trigger-settings";
import { DescriptionError, tableToTriggerConfig } from "./to-config";

export const USAGE = `Usage: npm run describe-table -- [FILE] [--ttl FILE] [--source adopt|existing] [--stream-view-type TYPE]
       aws dynamodb describe-table --table-name NAME | npm run describe-table
  FILE                    describe-table's JSON; default stdin
  --ttl FILE              aws dynamodb describe-time-to-live's JSON, for ttlAttribute
  --source adopt|existing adopt (default): this stack imports and manages the table; existing: only reads it
  --stream-view-type TYPE the view type to enable when the table's stream is off; default NEW_AND_OLD_IMAGES
  --help, -h              print this usage
Prints the trigger entry for config/environments.ts (add handlerEntry and batch settings as needed).
Exit status: 0 printed, 2 bad input`;

export interface Outcome {
  readonly code: 0 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

function readJson(file: string | undefined, what: string, stdin: () => string): unknown {
  let text: string;
  try {
    text = file === undefined ? stdin() : readFileSync(file, "utf8");
  } catch (error) {
    throw new DescriptionError(`cannot read ${what} ${file ?? "from stdin"}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DescriptionError(`${what} ${file ?? "(stdin)"} is not JSON: ${(error as Error).message}`);
  }
}

export function run(argv: readonly string[], stdin = () => readFileSync(0, "utf8")): Outcome {
  const fail = (message: string): Outcome => ({ code: 2, stdout: "", stderr: `describe-table: ${message}\n` });
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv, {
      options: {
        ttl: { type: "string" },
        source: { type: "string" },
        "stream-view-type": { type: "string" },
      },
      positionals: true,
      usage: USAGE,
    });
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    return fail(`${error.message}\n${USAGE}`);
  }
  if (parsed === "help") return { code: 0, stdout: `${USAGE}\n`, stderr: "" };
  const { positionals } = parsed;
  const values = { source: "adopt", ...parsed.values } as { ttl?: string; source: string; "stream-view-type"?: string };
  if (positionals.length > 1) return fail(`one FILE at most, got ${positionals.length}\n${USAGE}`);
  if (values.source !== "adopt" && values.source !== "existing")
    return fail(`--source is ${JSON.stringify(values.source)}; allowed: adopt, existing`);
  const viewType = values["stream-view-type"];
  if (viewType !== undefined && !STREAM_VIEW_TYPES.includes(viewType as StreamViewType))
    return fail(`--stream-view-type is ${JSON.stringify(viewType)}; allowed: ${STREAM_VIEW_TYPES.join(", ")}`);
  try {
    const described = readJson(positionals[0], "describe-table output", stdin);
    const ttl = values.ttl === undefined ? undefined : readJson(values.ttl, "describe-time-to-live output", stdin);
    const trigger = tableToTriggerConfig(described, ttl, {
      tableSource: values.source,
      streamViewType: viewType as StreamViewType | undefined,
    });
    // The entry must pass the check a synth makes: say so now, not at the next synth.
    resolveConfig([{ environment: "check", project: "check", region: "us-east-1", triggers: [trigger] }]);
    return { code: 0, stdout: `${JSON.stringify(trigger, null, 2)}\n`, stderr: "" };
  } catch (error) {
    if (error instanceof DescriptionError) return fail(error.message);
    if (error instanceof ConfigError) return fail(`the table cannot be modelled as is: ${error.problems.join("; ")}`);
    throw error;
  }
}

if (require.main === module) {
  const outcome = run(process.argv.slice(2));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
