// `npm run plan-comment -- --stacks JSON --sha SHA [--plans DIR] [--out FILE]`: the pull request's plan
// comment, written from the plan jobs' artifacts. The workflow then posts it through actions/github-script,
// which requires this file's bundle for publishPlanComment (github-script holds the token and the client).

import { readFileSync, writeFileSync } from "node:fs";
import { CommandError, parseCommandLine, runCommand } from "../scripts/command-line";
import { type IssueComments, type PullRequest, publishComment } from "./publish-comment";
import { planComment, readPlanArtifacts } from "./pull-request-comment";

export const USAGE = `Usage: npm run plan-comment -- --stacks JSON --sha SHA [--orphans JSON] [--plans DIR] [--out FILE]
  --stacks JSON   every stack of the app, a JSON list as \`npm run stacks\` prints it
  --orphans JSON  deployed stacks no longer in the app, as \`npm run stacks -- --deployed\` prints them:
                  [{"stack": ..., "state": ...}] (default: none)
  --sha SHA       the commit planned, named in the comment's heading
  --plans DIR     the plan jobs' artifacts: DIR/plan-<stack>/check.md and plan.txt (default: plans)
  --out FILE      write the comment to FILE (default: standard output)
  --help, -h      print this usage`;

const OPTIONS = {
  stacks: { type: "string" },
  orphans: { type: "string" },
  sha: { type: "string" },
  plans: { type: "string" },
  out: { type: "string" },
} as const;

export interface CommentOptions {
  readonly stacks: readonly string[];
  readonly orphans: readonly string[];
  readonly sha: string;
  readonly plans: string;
  readonly out?: string;
}

function stackList(text: string): string[] {
  const refuse = () =>
    new CommandError(`--stacks ${JSON.stringify(text)}: expected a JSON list of stack names, e.g. ["books-dev"]`, {
      usage: USAGE,
    });
  let stacks: unknown;
  try {
    stacks = JSON.parse(text);
  } catch {
    throw refuse();
  }
  if (!Array.isArray(stacks) || stacks.length === 0 || !stacks.every((s) => typeof s === "string" && s !== ""))
    throw refuse();
  return stacks;
}

function orphanList(text: string): string[] {
  const refuse = () =>
    new CommandError(`--orphans ${JSON.stringify(text)}: expected a JSON list of {"stack", "state"}, e.g. []`, {
      usage: USAGE,
    });
  let orphans: unknown;
  try {
    orphans = JSON.parse(text);
  } catch {
    throw refuse();
  }
  const stackOf = (o: unknown) => (typeof o === "object" && o !== null ? (o as { stack?: unknown }).stack : undefined);
  if (!Array.isArray(orphans) || !orphans.every((o) => typeof stackOf(o) === "string" && stackOf(o) !== ""))
    throw refuse();
  return orphans.map((o) => stackOf(o) as string);
}

export function parseCommentArgs(argv: readonly string[]): CommentOptions | "help" {
  const parsed = parseCommandLine(argv, { options: OPTIONS, usage: USAGE });
  if (parsed === "help") return "help";
  const { stacks, orphans = "[]", sha, plans = "plans", out } = parsed.values;
  if (stacks === undefined) throw new CommandError("--stacks is required", { usage: USAGE });
  if (sha === undefined) throw new CommandError("--sha is required", { usage: USAGE });
  return { stacks: stackList(stacks), orphans: orphanList(orphans), sha, plans, ...(out !== undefined && { out }) };
}

/** The comment `npm run plan-comment` wrote to `file`, posted or updated on the pull request. */
export async function publishPlanComment(github: IssueComments, context: PullRequest, file: string): Promise<void> {
  await publishComment(github, context, readFileSync(file, "utf8"));
}

if (require.main === module) {
  runCommand("plan-comment", () => {
    const options = parseCommentArgs(process.argv.slice(2));
    if (options === "help") {
      console.log(USAGE);
      return 0;
    }
    const body = planComment(options.sha, readPlanArtifacts(options.plans, options.stacks, options.orphans));
    if (options.out === undefined) process.stdout.write(`${body}\n`);
    else writeFileSync(options.out, body);
    return 0;
  });
}
