// Where local Terraform state lives, and the guard that keeps a synth from deleting it. Imports nothing
// from cdktf: the app runs the guard before it writes anything, and `npm run stacks` lists the files.
//
// Terraform runs in <outdir>/stacks/<stack>/, which a synth removes once the stack leaves the app. State
// therefore lives in `state/` beside the output folder (the project folder for cdktf.out), reached by
// the same relative path from every stack folder, so the synthesized JSON does not depend on where
// the checkout lives.
import {
  constants,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import * as path from "node:path";

export const STATE_FOLDER = "state";

/** The local backend's path, relative to the stack's folder <outdir>/stacks/<stack>/. */
export function localStatePath(stack: string): string {
  return `../../../${STATE_FOLDER}/${stack}.tfstate`;
}

/** The path an earlier version of this project gave local state, relative to the stack's folder. */
export function formerLocalStatePath(stack: string): string {
  return `terraform.${stack}.tfstate`;
}

/** The folder the local backend's relative path resolves to, for stacks synthesized into `outdir`. */
export function stateFolder(outdir: string): string {
  return path.join(path.dirname(path.resolve(outdir)), STATE_FOLDER);
}

/** Thrown, before anything is written, when a synth would delete or overwrite Terraform state. */
export class StateGuardError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "StateGuardError";
  }
}

const shown = (file: string) => path.relative(process.cwd(), file) || ".";

function isStateFile(name: string): boolean {
  return /\.tfstate(\.backup)?$/.test(name);
}

/** What `.terraform/terraform.tfstate` says the folder was initialized against. */
function backendOf(file: string): string {
  try {
    const backend = JSON.parse(readFileSync(file, "utf8")).backend;
    const config = backend?.config ?? {};
    if (backend?.type === "s3") return `s3://${config.bucket}/${config.key}`;
    if (backend?.type === "local") return `local ${config.path}`;
    return String(backend?.type ?? "no backend");
  } catch {
    return "unreadable";
  }
}

/**
 * The Terraform state one stack folder holds, as one entry per thing found: state files (local state,
 * its backup, errored.tfstate), workspaces (terraform.tfstate.d/), and a .terraform/ folder initialized
 * against a backend (which ties the folder to deployed state). Empty when the folder holds none.
 */
export function stateHeldIn(stackDir: string): string[] {
  if (!existsSync(stackDir) || !lstatSync(stackDir).isDirectory()) return [];
  const held: string[] = [];
  for (const name of readdirSync(stackDir).sort()) {
    const full = path.join(stackDir, name);
    if (isStateFile(name) && lstatSync(full).isFile()) held.push(name);
    else if (name === "terraform.tfstate.d" && lstatSync(full).isDirectory()) held.push(`${name}/`);
  }
  const initialized = path.join(stackDir, ".terraform", "terraform.tfstate");
  if (existsSync(initialized)) held.push(`.terraform/terraform.tfstate (${backendOf(initialized)})`);
  return held;
}

function stackFolders(outdir: string): string[] {
  const stacks = path.join(outdir, "stacks");
  if (!existsSync(stacks)) return [];
  return readdirSync(stacks)
    .sort()
    .filter((name) => lstatSync(path.join(stacks, name)).isDirectory());
}

/** One line: the folder, what it holds, why it stays and what to do. */
export function refusalLine(outdir: string, stack: string, held: readonly string[], why: string): string {
  const dir = shown(path.join(outdir, "stacks", stack));
  return (
    `${dir}/ holds Terraform state of stack ${stack} (${held.join(", ")}), ${why}; not removing it: ` +
    "keep its resources by moving its state to the new stack's (docs/changing-live-triggers.md), " +
    `or destroy them with \`terraform init && terraform destroy\` in ${dir}, then delete the folder; nothing was written`
  );
}

/**
 * Before a synth into `outdir` that will hold `stacks`: throws StateGuardError when a folder the synth
 * would remove (a stack no longer synthesized) holds state, or when state left at the former path
 * cannot move to the state folder without overwriting. Otherwise moves such former state there, points
 * the stack's .terraform/ at it, and returns one line per file moved.
 */
export function guardStackFolders(outdir: string, stacks: readonly string[]): string[] {
  const synthesized = new Set(stacks);
  const problems: string[] = [];
  for (const stack of stackFolders(outdir).filter((s) => !synthesized.has(s))) {
    const held = stateHeldIn(path.join(outdir, "stacks", stack));
    if (held.length > 0) problems.push(refusalLine(outdir, stack, held, "which the app no longer synthesizes"));
  }
  const moves = stackFolders(outdir)
    .filter((stack) => synthesized.has(stack))
    .flatMap((stack) => formerStateMoves(outdir, stack));
  for (const move of moves) {
    if (existsSync(move.to))
      problems.push(
        `${shown(move.from)} and ${shown(move.to)} both hold state of stack ${move.stack}; ` +
          `keep the one that matches what is deployed (\`terraform state list -state=FILE\`), move the other out of the project, and synthesize again; nothing was written`,
      );
  }
  if (problems.length > 0) throw new StateGuardError(problems);

  const notes: string[] = [];
  for (const move of moves) {
    moveStateFile(move.from, move.to);
    notes.push(
      `state: moved ${shown(move.from)} to ${shown(move.to)}: local state now lives outside the output folder, where no synth removes it`,
    );
    if (move.primary) pointInitializedFolderAt(path.dirname(move.from), move.stack);
  }
  return notes;
}

/**
 * Moves one state file, copying where a rename cannot (state/ linked to another disk: EXDEV). Any
 * failure is a StateGuardError saying where the state still is; the file is removed only once its copy
 * reads back the same.
 */
function moveStateFile(from: string, to: string): void {
  try {
    mkdirSync(path.dirname(to), { recursive: true });
    try {
      renameSync(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
      copyFileSync(from, to, constants.COPYFILE_EXCL);
      try {
        if (!readFileSync(to).equals(readFileSync(from))) throw Object.assign(new Error(), { code: "copy differs" });
      } catch (copyError) {
        unlinkSync(to); // a partial copy (a full disk) must not pass for the state next time
        throw copyError;
      }
      unlinkSync(from);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new StateGuardError([
      `state: cannot move ${shown(from)} to ${shown(to)} (${code}): the state is still at ${shown(from)}; ` +
        `make ${shown(path.dirname(to))}/ a folder you can write, with room for it, and synthesize again; nothing was written`,
    ]);
  }
}

interface Move {
  readonly stack: string;
  readonly from: string;
  readonly to: string;
  /** The state itself rather than its backup. */
  readonly primary: boolean;
}

function formerStateMoves(outdir: string, stack: string): Move[] {
  const dir = path.join(outdir, "stacks", stack);
  const to = path.join(stateFolder(outdir), `${stack}.tfstate`);
  const from = path.join(dir, formerLocalStatePath(stack));
  return [
    { stack, from, to, primary: true },
    { stack, from: `${from}.backup`, to: `${to}.backup`, primary: false },
  ].filter((move) => existsSync(move.from));
}

// Terraform records the backend a folder was initialized against in .terraform/terraform.tfstate and
// refuses to plan when the configuration's differs ("Backend configuration changed"). For a local
// backend whose state was moved, recording the new path is what `terraform init -reconfigure` would do;
// Terraform accepts it without asking to copy state from the old, now empty, path.
function pointInitializedFolderAt(stackDir: string, stack: string): void {
  const file = path.join(stackDir, ".terraform", "terraform.tfstate");
  if (!existsSync(file)) return;
  let json: { backend?: { type?: string; config?: { path?: string } } };
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return;
  }
  if (json.backend?.type !== "local" || json.backend.config?.path !== formerLocalStatePath(stack)) return;
  json.backend.config.path = localStatePath(stack);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

/** Local state files of stacks the app does not synthesize, as paths relative to the working folder. */
export function strayStateFiles(outdir: string, stacks: readonly string[]): string[] {
  const folder = stateFolder(outdir);
  if (!existsSync(folder)) return [];
  const synthesized = new Set(stacks);
  return readdirSync(folder)
    .filter((name) => name.endsWith(".tfstate") && !synthesized.has(name.slice(0, -".tfstate".length)))
    .sort()
    .map((name) => shown(path.join(folder, name)));
}
