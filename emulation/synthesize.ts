// Runs cdktf.json's app command, exactly what `cdktf synth` runs, so what runs locally (the runner, a
// local replay) is the handler as it is now. Shared by `npm run local` and `npm run redrive -- --local`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { refusalLine, StateGuardError, stateHeldIn } from "../settings/local-state";

/** The project folder: the working directory, which must hold cdktf.json. */
export function projectRootFromCwd(): string {
  const root = process.cwd();
  if (!existsSync(path.join(root, "cdktf.json")))
    throw new Error(`run this from the project folder (no cdktf.json in ${root})`);
  return root;
}

/**
 * Synthesizes into `outdir`; with `clean`, the folder is emptied first, so stacks an earlier synth left
 * never run, unless a stack folder in it holds Terraform state (then it throws, having removed nothing).
 * Throws when the synth fails; its own messages have gone to stderr.
 */
export function synthesizeInto(root: string, outdir: string, options: { readonly clean?: boolean } = {}): string {
  if (options.clean) {
    // Every stack folder goes: none may hold state (the app itself guards the folders a synth removes).
    const stacks = path.join(outdir, "stacks");
    const held = existsSync(stacks)
      ? readdirSync(stacks).map((stack) => [stack, stateHeldIn(path.join(stacks, stack))] as const)
      : [];
    const problems = held
      .filter(([, files]) => files.length > 0)
      .map(([stack, files]) => refusalLine(outdir, stack, files, "in a folder this command empties before each run"));
    if (problems.length > 0) throw new StateGuardError(problems);
    rmSync(outdir, { recursive: true, force: true });
    mkdirSync(outdir, { recursive: true });
  }
  const { app } = JSON.parse(readFileSync(path.join(root, "cdktf.json"), "utf8"));
  const run = spawnSync("sh", ["-c", app], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, CDKTF_OUTDIR: outdir },
  });
  if (run.status !== 0) throw new Error("synth failed: fix the error above and try again");
  return outdir;
}
