// `npm run check-plan -- PLAN_JSON...`: parses the command line, then delegates: read the plans, classify
// their changes, judge them against the acceptances, report. Exit 0: nothing can lose records; 1: a hazard
// is not accepted; 2: the input is not what it should be (nothing was checked).

import { CommandError, failure, parseCommandLine } from "../scripts/command-line";
import { check, MarkdownFileError, type Options, type Outcome, writeMarkdown } from "./check";
import { markdownError } from "./report";

export type { Options, Outcome };

export const USAGE = `Usage: npm run check-plan -- PLAN_JSON... [--allow ADDRESS]... [--allow-file FILE]... [--markdown FILE]
  PLAN_JSON          \`terraform show -json plan.tfplan\` output, one file per stack; the stack is named by the
                     file (books-dev.plan.json), or by its folder when the file is plan.json
  --allow ADDRESS    accept the hazards of this resource address, in every plan given
  --allow-file FILE  accept the hazards FILE lists: { "accept": [{ "stack", "address", "reason" }] }
  --markdown FILE    also write the verdict as Markdown to FILE (the pull request's plan comment)
  --help, -h         print this usage
Exit status: 0 no change can lose records, 1 a hazard is not accepted, 2 bad input (nothing checked)`;

const OPTIONS = {
  allow: { type: "string", multiple: true },
  "allow-file": { type: "string", multiple: true },
  markdown: { type: "string" },
} as const;

export function parseArgs(argv: readonly string[]): Options | "help" {
  const parsed = parseCommandLine(argv, { options: OPTIONS, positionals: true, usage: USAGE });
  if (parsed === "help") return "help";
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new CommandError("no plan given", { usage: USAGE });
  return {
    plans: positionals,
    allow: values.allow ?? [],
    allowFiles: values["allow-file"] ?? [],
    markdown: values.markdown,
  };
}

export function run(argv: readonly string[]): Outcome {
  let options: Options | undefined;
  try {
    const parsed = parseArgs(argv);
    if (parsed === "help") return { code: 0, stdout: `${USAGE}\n`, stderr: "" };
    options = parsed;
    return check(parsed);
  } catch (error) {
    // Bad input (the command line, a plan, an allow file): nothing was checked, and the comment says why.
    if (!(error instanceof CommandError)) throw error;
    if (options?.markdown !== undefined && !(error instanceof MarkdownFileError)) {
      try {
        writeMarkdown(options.markdown, markdownError(error.message));
      } catch (unwritten) {
        return {
          code: 2,
          stdout: "",
          stderr: `${failure("check-plan", error).text}${failure("check-plan", unwritten).text}`,
        };
      }
    }
    return { code: 2, stdout: "", stderr: failure("check-plan", error).text };
  }
}

if (require.main === module) {
  const outcome = run(process.argv.slice(2));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
