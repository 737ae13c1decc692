// `npm run migrate:cdktn -- DIR | --in-place`: the project moved to CDK Terrain (cdktn, cdktn-cli,
// @cdktn/provider-aws, @cdktn/provider-archive, constructs 10.6), in a copy at DIR or in place. The copy
// holds what git tracks and what it does not ignore, plus local Terraform state files; in place refuses
// a tree with uncommitted changes, so `git diff` shows exactly the move and `git checkout .` undoes it.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parseCommandLine } from "../scripts/command-line";
import { rewriteFor } from "./rewrites";

export const USAGE = `Usage: npm run migrate:cdktn -- DIR | --in-place
  Moves the project to CDK Terrain: package.json (cdktn, cdktn-cli, @cdktn/provider-aws,
  @cdktn/provider-archive, constructs 10.6, Node >=22.19), imports (deep ones included), scripts and the
  docs' commands. cdktf.json, stack names and state are left as they are.
  DIR          write the moved project to DIR (new or empty): the files git tracks or does not ignore,
               and local *.tfstate files
  --in-place   rewrite this project itself; refused unless git shows no uncommitted change
Then, in the moved project: npm install, npm run synth, npm test, and npm run plan -- <stack> for every
stack (docs/moving-to-cdk-terrain.md).
Exit status: 0 moved, 1 refused or failed, 2 bad arguments`;

export interface Outcome {
  readonly code: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

class Refused extends Error {}

function git(root: string, args: string[]): string {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim();
    throw new Refused(`git ${args[0]} failed in ${root}: ${stderr.split("\n")[0] || (error as Error).message}`);
  }
}

const nulList = (text: string) => text.split("\0").filter(Boolean);

// Folders a state file is never in, and that are large to walk.
const SKIP = new Set([".git", "node_modules", ".build", ".cache"]);

/** Terraform state files (local backend), wherever the project keeps them: git ignores them. */
function stateFiles(root: string, dir = ""): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : stateFiles(root, file);
    return /\.tfstate(\.|$)/.test(entry.name) ? [file] : [];
  });
}

/** The project's files: tracked, or new and not ignored. */
function projectFiles(root: string): string[] {
  return nulList(git(root, ["ls-files", "-z", "--cached", "--others", "--exclude-standard"])).filter((f) =>
    existsSync(path.join(root, f)),
  );
}

function copyProject(root: string, to: string): string[] {
  if (existsSync(to) && readdirSync(to).length > 0) throw new Refused(`${to} is not empty: give a new or empty folder`);
  const files = projectFiles(root);
  for (const file of [...files, ...stateFiles(root)]) {
    mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(to, file));
  }
  return files;
}

function refuseUncommitted(root: string): string[] {
  const status = git(root, ["status", "--porcelain"]);
  if (status.trim() !== "") {
    const first = status.split("\n")[0].slice(3);
    throw new Refused(
      `${root} has uncommitted changes (${first}, …): commit or stash them first, so git diff shows only the move`,
    );
  }
  return projectFiles(root);
}

/** Rewrites `files` under `dir`; returns the ones that changed. */
function rewrite(dir: string, files: readonly string[]): string[] {
  const changed: string[] = [];
  for (const file of files) {
    const fix = rewriteFor(file.split(path.sep).join("/"));
    if (fix === undefined) continue;
    const full = path.join(dir, file);
    const before = readFileSync(full, "utf8");
    const after = fix(before);
    if (after !== before) {
      writeFileSync(full, after);
      changed.push(file);
    }
  }
  return changed;
}

export function migrate(root: string, argv: readonly string[]): Outcome {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv, { options: { "in-place": { type: "boolean" } }, positionals: true, usage: USAGE });
  } catch (error) {
    return { code: 2, stdout: "", stderr: `migrate:cdktn: ${(error as Error).message}\n${USAGE}\n` };
  }
  if (parsed === "help") return { code: 0, stdout: `${USAGE}\n`, stderr: "" };
  const { values, positionals } = parsed;
  const inPlace = values["in-place"] === true;
  if (inPlace === (positionals.length === 1) || positionals.length > 1) {
    const why = inPlace ? "give DIR or --in-place, not both" : "give one DIR, or --in-place";
    return { code: 2, stdout: "", stderr: `migrate:cdktn: ${why}\n${USAGE}\n` };
  }
  try {
    const dir = inPlace ? root : path.resolve(positionals[0]);
    const files = inPlace ? refuseUncommitted(root) : copyProject(root, dir);
    const changed = rewrite(dir, files);
    const where = inPlace ? "in place" : `in ${dir}`;
    const next = inPlace ? "" : `cd ${dir} && `;
    return {
      code: 0,
      stdout:
        `Moved to CDK Terrain ${where}: ${changed.length} files rewritten (${changed.join(", ")}).\n` +
        `Next: ${next}npm install && npm run synth && npm test, then npm run plan -- <stack> for every stack ` +
        `(docs/moving-to-cdk-terrain.md).\n`,
      stderr: "",
    };
  } catch (error) {
    if (error instanceof Refused) return { code: 1, stdout: "", stderr: `migrate:cdktn: ${error.message}\n` };
    throw error;
  }
}

if (require.main === module) {
  const outcome = migrate(process.cwd(), process.argv.slice(2));
  process.stdout.write(outcome.stdout);
  process.stderr.write(outcome.stderr);
  process.exitCode = outcome.code;
}
