// Builds and synthesizes the app: one stack per environment and table.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import { readBackendSettings, type S3BackendSettings } from "../settings/backend-settings";
import { ConfigError } from "../settings/checks";
import { type EnvironmentConfig, resolveConfig } from "../settings/config";
import { STACK_INDEX_FILE, type StackIndexEntry } from "../settings/stack-index";
import { BundleError, bundleHandler } from "./handler-bundle";
import { TriggerStack } from "./trigger-stack";

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
  for (const environment of resolved) {
    for (const t of environment.triggers) bundleHandler(t.settings.handlerEntry, undefined, t.settings.runtime);
  }
  // Construct stack traces cost a sixth of a synth and go nowhere: cdk.tf.json does not hold them.
  const app = new App({ outdir: options.outdir, stackTraces: false });
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
    app.synth();
    writeFileSync(path.join(app.outdir, STACK_INDEX_FILE), `${JSON.stringify(stackIndexes.get(app), null, 2)}\n`);
    return { exitCode: 0 };
  } catch (error) {
    if (error instanceof ConfigError || error instanceof BundleError) {
      stderr(error.message);
      return { exitCode: 1 };
    }
    throw error;
  }
}
