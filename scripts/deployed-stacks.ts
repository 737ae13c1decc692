// Stacks that are deployed but no longer in the app: a table or environment renamed or removed from the
// config leaves its stack's state, and the live resources it records, behind. Nothing plans such a stack
// any more, so nothing would report it; this lists them from the state the deploys left.
//
// Deployed stacks are known by their state: the keys of the S3 state bucket under the prefix (as
// `aws s3api list-objects-v2 --query 'Contents[].Key' --output text` prints them: tab-separated on one
// line, or `None` when there is none), or the local state files.

import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { formerLocalStatePath, stateFolder } from "../settings/local-state";
import { StackListError } from "./stack-list-error";

export interface DeployedStack {
  readonly stack: string;
  /** Where its state is: the S3 key or the local file, as given or found. */
  readonly state: string;
}

const STATE_SUFFIX = ".tfstate";

/** The stack a state key or file is for: its name without folder and `.tfstate`. */
function stackOfState(state: string): string {
  return path.posix.basename(state.replaceAll("\\", "/")).slice(0, -STATE_SUFFIX.length);
}

/**
 * Parses a listing of state keys or file names, separated by any whitespace. The AWS CLI's `None` (an
 * empty listing) and S3-native lock files (`.tflock`, present while a plan or apply runs) are skipped;
 * anything else that is not a `.tfstate` is refused, so a listing of the wrong thing never passes as empty.
 */
export function parseStateListing(text: string, source: string): DeployedStack[] {
  // `None` is what the AWS CLI prints for each empty prefix listed; a state key always ends in .tfstate.
  const tokens = text.split(/\s+/).filter((token) => token !== "" && token !== "None");
  const deployed: DeployedStack[] = [];
  for (const token of tokens) {
    if (token.endsWith(".tflock")) continue;
    if (!token.endsWith(STATE_SUFFIX) || stackOfState(token) === "")
      throw new StackListError(
        `${source}: "${token}" is not a state key or file; expected <prefix>/<stack>${STATE_SUFFIX} or <stack>${STATE_SUFFIX}, whitespace-separated`,
      );
    deployed.push({ stack: stackOfState(token), state: token });
  }
  return deployed;
}

export function readStateListing(file: string): DeployedStack[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new StackListError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
  return parseStateListing(text, file);
}

/**
 * Local state: the files in state/ beside the output folder, and state an earlier version kept in a
 * stack's folder (left there when that stack was no longer synthesized). Paths relative to the working folder.
 */
export function findLocalState(outdir: string): DeployedStack[] {
  const shown = (file: string) => path.relative(process.cwd(), file);
  const folder = stateFolder(outdir);
  const inStateFolder = existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.endsWith(STATE_SUFFIX))
        .map((name) => ({ stack: stackOfState(name), state: shown(path.join(folder, name)) }))
    : [];
  const stacks = path.join(outdir, "stacks");
  const inStackFolders = existsSync(stacks)
    ? readdirSync(stacks)
        .map((stack) => ({ stack, file: path.join(stacks, stack, formerLocalStatePath(stack)) }))
        .filter(({ file }) => existsSync(file))
        .map(({ stack, file }) => ({ stack, state: shown(file) }))
    : [];
  return [...inStateFolder, ...inStackFolders];
}

/**
 * Deployed stacks the app does not synthesize, one entry per state, sorted by stack. With `stateKeys`
 * (each synthesized stack's S3 key), an S3 key counts as a stack's only when it is that stack's key: a
 * state of the same name under a nested or former prefix is deployed too, and nothing plans it.
 */
export function orphanedStacks(
  deployed: readonly DeployedStack[],
  synthesized: readonly string[],
  stateKeys?: ReadonlyMap<string, string>,
): DeployedStack[] {
  const inApp = new Set(synthesized);
  const ownState = (d: DeployedStack) =>
    stateKeys === undefined || !d.state.includes("/") || stateKeys.get(d.stack) === d.state;
  const seen = new Set<string>();
  return deployed
    .filter((d) => !(inApp.has(d.stack) && ownState(d)))
    .filter((d) => !seen.has(d.state) && seen.add(d.state))
    .sort((a, b) => a.stack.localeCompare(b.stack) || a.state.localeCompare(b.state));
}

/** One line per orphan, saying what it is and what to do. */
export function orphanLines(orphans: readonly DeployedStack[]): string {
  return orphans
    .map(
      (o) =>
        `${o.stack}: deployed (state ${o.state}) but no longer in the app, so nothing plans it; ` +
        "keep its resources under the new name or retire them: docs/changing-live-triggers.md",
    )
    .join("\n");
}

/** The orphans as a line for $GITHUB_OUTPUT: the destroy-plan job's matrix. */
export function orphanMatrixLine(orphans: readonly DeployedStack[]): string {
  return `orphans=${JSON.stringify(orphans)}\n`;
}
