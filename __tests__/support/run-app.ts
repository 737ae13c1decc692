// Runs the synth app as `cdktf synth` does: the `app` command of cdktf.json, in a child process.

import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { buildSync } from "esbuild";
import { findProjectRoot } from "../../constructs/handler-bundle";

export interface AppRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function appCommand(projectRoot: string): string {
  return JSON.parse(readFileSync(path.join(projectRoot, "cdktf.json"), "utf8")).app;
}

/** Runs cdktf.json's app command in `projectRoot`, writing into `outdir` as the CLI would. */
export function runAppCommand(projectRoot: string, outdir: string, env: NodeJS.ProcessEnv = {}): AppRun {
  // The CLI creates the output folder before it runs the app.
  mkdirSync(path.resolve(projectRoot, outdir), { recursive: true });
  const result = spawnSync("sh", ["-c", appCommand(projectRoot)], {
    cwd: projectRoot,
    env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Bundles a test entry (a .ts file under the project) into .build/test/; its packages stay external. */
export function bundleTestEntry(entry: string, name = `${path.basename(entry, ".ts")}.js`): string {
  const root = findProjectRoot();
  const outfile = path.join(root, ".build", "test", name);
  buildSync({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    target: "node20",
    packages: "external",
    outfile,
    logLevel: "silent",
  });
  return outfile;
}

/** Bundles a test entry like main.ts and runs it; its packages resolve from the project's node_modules. */
export function runEntry(entry: string, outdir: string, env: NodeJS.ProcessEnv = {}): AppRun {
  const result = spawnSync(process.execPath, [bundleTestEntry(entry)], {
    cwd: findProjectRoot(),
    env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
