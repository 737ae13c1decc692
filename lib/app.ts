// Builds and synthesizes the app: one stack per environment and table.
import { App } from "cdktf";
import { ConfigError } from "./checks";
import { EnvironmentConfig, resolveConfig } from "./config";
import { TriggerStack } from "./trigger-stack";

export interface BuildOptions {
  /** Where cdk.tf.json files go; default: CDKTF_OUTDIR as set by the cdktf CLI, else cdktf.out. */
  readonly outdir?: string;
}

/** Validates all config first, then builds every stack; throws ConfigError before any construct exists. */
export function buildApp(environments: readonly EnvironmentConfig[], options: BuildOptions = {}): App {
  const resolved = resolveConfig(environments);
  const app = new App({ outdir: options.outdir, skipValidation: false });
  for (const environment of resolved) {
    for (const trigger of environment.triggers) {
      new TriggerStack(app, trigger.stackName, { environment, trigger });
    }
  }
  return app;
}

export interface RunResult {
  readonly exitCode: number;
}

/** The app's entry: synthesizes, or prints one clear message and returns a non-zero exit code. */
export function synthesizeApp(
  environments: readonly EnvironmentConfig[],
  options: BuildOptions & { readonly stderr?: (line: string) => void } = {},
): RunResult {
  const stderr = options.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  try {
    buildApp(environments, options).synth();
    return { exitCode: 0 };
  } catch (error) {
    if (error instanceof ConfigError) {
      stderr(error.message);
      return { exitCode: 1 };
    }
    throw error;
  }
}
