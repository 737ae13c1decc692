// Builds and synthesizes the app: one stack per environment and table.
import { mkdirSync, mkdtempSync, rmdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import { readBackendSettings, type S3BackendSettings } from "../settings/backend-settings";
import { ConfigError } from "../settings/checks";
import { type EnvironmentConfig, resolveConfig } from "../settings/config";
import { guardStackFolders, StateGuardError, strayStateFiles } from "../settings/local-state";
import { STACK_INDEX_FILE, type StackIndexEntry } from "../settings/stack-index";
import { BundleError } from "./handler-bundle";
import { checkHandlerGlue } from "./handler-glue";
import { installTokenResolution } from "./token-resolution";
import { TriggerStack } from "./trigger-stack";
import { installUnchangedAssets } from "./unchanged-assets";
import { installUniqueIds } from "./unique-ids";

// cdktf captures a whole JavaScript stack trace for every token it creates, only to print it should that
// token later fail to resolve; App({ stackTraces: false }) does not cover it. At 150 stacks that is a
// third of the synth, spent on text no output holds. Token errors still name the token, without the trace.
const tokenStackTraces = require("cdktf/lib/tokens/private/stack-trace") as { captureStackTrace: () => string[] };
tokenStackTraces.captureStackTrace = () => [];
installTokenResolution();
installUniqueIds();
installUnchangedAssets();

export interface BuildOptions {
  /** Where cdk.tf.json files go; default: CDKTF_OUTDIR as set by the cdktf CLI, else cdktf.out. */
  readonly outdir?: string;
  /** Shared S3 state for every stack; default local state. */
  readonly backend?: S3BackendSettings;
}

/** Validates all config first, then builds every stack; throws ConfigError before any construct exists. */
export function buildApp(environments: readonly EnvironmentConfig[], options: BuildOptions = {}): App {
  const resolved = resolveConfig(environments);
  // Bundled before the App exists (it creates the outdir): a handler that does not compile must leave
  // nothing behind. Each entry is bundled once per runtime; the constructs reuse the result.
  // Every reader's handler, the consumers' too; one not built for its reader's idempotency or tumbling
  // window is refused here as well (handler-glue.ts).
  for (const environment of resolved) {
    for (const t of environment.triggers) {
      for (const reader of [t.settings, ...t.settings.consumers]) {
        checkHandlerGlue(reader);
      }
    }
  }
  // Only now, the config being valid, is the output folder created, with its parents (the App would
  // create the folder alone, and fail without them).
  const outdir = outputFolder(options.outdir);
  createOutputFolder(outdir);
  // Construct stack traces cost a sixth of a synth and go nowhere: cdk.tf.json does not hold them.
  const app = new App({ outdir, stackTraces: false });
  for (const environment of resolved) {
    for (const trigger of environment.triggers) {
      new TriggerStack(app, trigger.stackName, { environment, trigger, backend: options.backend });
    }
  }
  stackIndexes.set(
    app,
    resolved.flatMap((environment) =>
      environment.triggers.map((t) => ({
        stack: t.stackName,
        environment: environment.environment,
        handlerEntry: t.settings.handlerEntry,
      })),
    ),
  );
  return app;
}

const stackIndexes = new WeakMap<App, StackIndexEntry[]>();

/** Where cdk.tf.json files go, as cdktf's App decides. */
const outputFolder = (outdir: string | undefined) => outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";

/** The output folder cannot be created or written; the message names it and the cause. */
export class OutputFolderError extends Error {}

function createOutputFolder(outdir: string): void {
  try {
    mkdirSync(outdir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const inTheWay = code === "EEXIST" || code === "ENOTDIR" ? ": a file is in the way; name a folder" : "";
    throw new OutputFolderError(`the output folder ${outdir} cannot be created (${code ?? error}${inTheWay})`);
  }
  // A folder that exists but cannot be written (read-only, another owner's) is refused before the
  // first file is written, not halfway.
  try {
    rmdirSync(mkdtempSync(path.join(outdir, ".writable-")));
  } catch (error) {
    throw new OutputFolderError(
      `the output folder ${outdir} cannot be written (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
}

/** An error of the file system (EROFS, EACCES, ENOSPC, ...) about a path in the output folder. */
function isOutputError(error: unknown, outdir: string): error is NodeJS.ErrnoException & { path: string } {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.code !== "string" || typeof e.path !== "string") return false;
  const relative = path.relative(path.resolve(outdir), path.resolve(e.path));
  return !relative.startsWith("..") && !path.isAbsolute(relative);
}

export interface RunResult {
  readonly exitCode: number;
}

/** The app's entry: synthesizes, or prints one clear message and returns a non-zero exit code. */
export function synthesizeApp(
  environments: readonly EnvironmentConfig[],
  options: Omit<BuildOptions, "backend"> & {
    readonly stderr?: (line: string) => void;
    /** Where the STATE_* backend settings are read from; default process.env. */
    readonly env?: NodeJS.ProcessEnv;
  } = {},
): RunResult {
  const stderr = options.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    const backend = readBackendSettings(options.env ?? process.env);
    const app = buildApp(environments, { ...options, backend });
    // Before anything is written: a stack folder the synth would remove must not take state with it.
    const stacks = app.node.children.map((child) => child.node.id);
    for (const line of guardStackFolders(app.outdir, stacks)) stderr(line);
    for (const file of strayStateFiles(app.outdir, stacks))
      stderr(
        `state: ${file} is the state of a stack the app no longer synthesizes; its resources are still deployed: ` +
          "see `npm run stacks -- --deployed` and docs/changing-live-triggers.md",
      );
    app.synth();
    writeFileSync(path.join(app.outdir, STACK_INDEX_FILE), `${JSON.stringify(stackIndexes.get(app), null, 2)}\n`);
    return { exitCode: 0 };
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof BundleError ||
      error instanceof OutputFolderError ||
      error instanceof StateGuardError
    ) {
      stderr(error.message);
      return { exitCode: 1 };
    }
    if (isOutputError(error, outputFolder(options.outdir))) {
      stderr(`the output folder cannot be written: ${error.path} (${error.code})`);
      return { exitCode: 1 };
    }
    throw error;
  }
}
