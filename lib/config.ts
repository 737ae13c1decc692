// Typed per-environment config and its validation. Imports nothing from cdktf: the whole config is
// checked before any construct is built, so a bad value never leaves a half-written cdktf.out.
import { Checker, ConfigError } from "./checks";
import {
  type ResolvedTriggerSettings,
  resolveTriggerSettings,
  type TriggerSettings,
  withoutUndefined,
} from "./trigger-settings";

/** A trigger as written in config: names are given without the environment suffix. */
export interface TriggerConfig extends Omit<TriggerSettings, "tableName" | "functionName"> {
  /** Table name before the `-<environment>` suffix; the full name must be 3–255 of A–Z a–z 0–9 _ . - */
  readonly tableName: string;
  /** Function name before the `-<environment>` suffix; default `<tableName>-stream-handler`. */
  readonly functionName?: string;
}

export interface EnvironmentConfig {
  /** Environment name, appended to every physical name; 1–16 of a–z 0–9. */
  readonly environment: string;
  /** Project name, used in tags; 1–64 of A–Z a–z 0–9 _ - */
  readonly project: string;
  /** AWS region, such as us-east-1. */
  readonly region: string;
  /** Extra tags on every resource; default none. Project, Environment and ManagedBy are always set. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Settings every trigger of this environment starts from (a trigger's own fields win); default none. */
  readonly triggerDefaults?: Partial<Omit<TriggerConfig, "tableName" | "partitionKey" | "sortKey" | "functionName">>;
  /** The tables and their triggers; at least one. */
  readonly triggers: readonly TriggerConfig[];
}

export interface ResolvedTrigger {
  /** Stack name, `<tableName>-<environment>`. */
  readonly stackName: string;
  readonly settings: ResolvedTriggerSettings;
}

export interface ResolvedEnvironment {
  readonly environment: string;
  readonly project: string;
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly triggers: readonly ResolvedTrigger[];
}

const ENVIRONMENT_PATTERN = /^[a-z0-9]{1,16}$/;
const PROJECT_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

function resolveEnvironment(env: EnvironmentConfig, check: Checker): ResolvedEnvironment {
  check.matches("environment", env.environment, ENVIRONMENT_PATTERN, "1 to 16 characters of a-z 0-9");
  check.matches("project", env.project, PROJECT_PATTERN, "1 to 64 characters of A-Z a-z 0-9 _ -");
  check.matches("region", env.region, REGION_PATTERN, "an AWS region name such as us-east-1");
  for (const [key, value] of Object.entries(env.tags ?? {})) {
    check.matches(`tags.${key}`, value, /^.{0,256}$/s, "a string of at most 256 characters");
  }
  if (!Array.isArray(env.triggers) || env.triggers.length === 0) {
    check.fail("triggers", env.triggers, "a list of at least one trigger");
  }
  const suffix = `-${env.environment}`;
  const triggers = (env.triggers ?? []).map((trigger, i) => {
    const settings = resolveTriggerSettings(
      {
        ...withoutUndefined(env.triggerDefaults ?? {}),
        ...(withoutUndefined(trigger) as TriggerConfig),
        tableName: `${trigger.tableName}${suffix}`,
        functionName: trigger.functionName === undefined ? undefined : `${trigger.functionName}${suffix}`,
      },
      check.nested(`triggers[${i}]`),
    );
    return { stackName: settings.tableName, settings };
  });
  const seen = new Set<string>();
  triggers.forEach((t, i) => {
    if (seen.has(t.settings.tableName)) {
      check.fail(`triggers[${i}].tableName`, t.settings.tableName, "a table name not used by another trigger");
    }
    seen.add(t.settings.tableName);
  });
  return {
    environment: env.environment,
    project: env.project,
    region: env.region,
    tags: { ...env.tags, Project: env.project, Environment: env.environment, ManagedBy: "cdktf" },
    triggers,
  };
}

/**
 * Validates every environment and fills in defaults. Throws one ConfigError listing every invalid
 * field as `<environment>.<path> is <value>; allowed: <what>`.
 */
export function resolveConfig(environments: readonly EnvironmentConfig[]): ResolvedEnvironment[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const resolved = environments.map((env, i) => {
    const where = typeof env.environment === "string" && env.environment ? env.environment : `environments[${i}]`;
    if (names.has(env.environment))
      problems.push(`${where}.environment is ${JSON.stringify(env.environment)}; allowed: a name used once`);
    names.add(env.environment);
    return resolveEnvironment(env, new Checker(where, ".", problems));
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return resolved;
}
