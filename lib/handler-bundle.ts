// Bundles a handler under handlers/ into one minified CommonJS file with esbuild, at synth time.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "./project-root";

export { findProjectRoot };

/** The node version esbuild targets; keep it in step with LAMBDA_RUNTIME. */
export const LAMBDA_RUNTIME = "nodejs22.x";
const ESBUILD_TARGET = "node22";

/** A handler that does not compile: reported as esbuild tells it, without a stack trace. */
export class BundleError extends Error {
  constructor(
    readonly entry: string,
    readonly details: string,
  ) {
    super(`esbuild could not bundle ${entry}:\n${details}`);
    this.name = "BundleError";
  }
}

/** Where the bundle of `entry` is written. */
export function bundleDir(entry: string, projectRoot: string = findProjectRoot()): string {
  return path.join(projectRoot, ".build", "bundles", ...entry.replace(/\.ts$/, "").split("/"));
}

export interface HandlerBundle {
  /** Absolute path of the bundled file, named index.js so the Lambda handler is `index.handler`. */
  readonly file: string;
  readonly bytes: number;
}

// esbuild's own binary: a synth bundles once, and the CLI answers in about 15 ms where the JS API
// first starts a service (about 55 ms), a third of the whole synth.
function esbuildBinary(projectRoot: string): string {
  const native = path.join(
    projectRoot,
    "node_modules",
    "@esbuild",
    `${process.platform}-${process.arch}`,
    "bin",
    "esbuild",
  );
  return existsSync(native) ? native : path.join(projectRoot, "node_modules", ".bin", "esbuild");
}

/**
 * Bundles `entry` (relative to `projectRoot`) into `.build/handlers/<entry without .ts>/index.js`:
 * keyed by the whole path, so handlers/a/index.ts and handlers/b/index.ts each ship their own code.
 * Everything is bundled, the AWS SDK included, so the function does not depend on the SDK version the
 * runtime happens to ship. The output holds no absolute path or time, so it is byte-identical across
 * runs and checkouts.
 */
const bundled = new Map<string, HandlerBundle>();

export function bundleHandler(entry: string, projectRoot: string = findProjectRoot()): HandlerBundle {
  // Every stack of a synth shares the handler: bundle it once per process.
  const cacheKey = `${projectRoot}\0${entry}`;
  const cached = bundled.get(cacheKey);
  if (cached) return cached;
  const bundle = bundleOnce(entry, projectRoot);
  bundled.set(cacheKey, bundle);
  return bundle;
}

function bundleOnce(entry: string, projectRoot: string): HandlerBundle {
  const result = spawnSync(
    esbuildBinary(projectRoot),
    [
      entry,
      "--bundle",
      "--minify",
      "--platform=node",
      `--target=${ESBUILD_TARGET}`,
      "--format=cjs",
      "--legal-comments=none",
      "--charset=utf8",
      "--log-level=error",
    ],
    { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) {
    throw new BundleError(entry, (result.stderr?.toString() || String(result.error)).trim());
  }
  const contents: Buffer = result.stdout;
  const dir = bundleDir(entry, projectRoot);
  const file = path.join(dir, "index.js");
  mkdirSync(dir, { recursive: true });
  // Several synths (parallel test workers) may bundle the same handler at once: write aside, then
  // rename, so no reader ever sees a half-written file.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
  return { file, bytes: contents.byteLength };
}
