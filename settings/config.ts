// The config contract: every environment, its triggers and their settings, checked in full before any
// construct exists, so a bad value never leaves a half-written cdktf.out. Imports nothing from cdktf.
// `cdktf synth` does not type-check config/environments.ts, so everything here is checked at run time
// too: shapes, unknown keys, types, ranges, and every value AWS would only reject at deploy time.
import { arnElsewhere, isKnownRegion } from "./aws-regions";
import { Checker } from "./checks";
import { nameCollisions, nameLengthProblems } from "./name-collisions";
import { findProjectRoot } from "./project-root";
import { checkHandlerExists, rememberResolvedSettings, resolveTrigger } from "./resolve-trigger";
import { TABLE_ONLY_FIELDS } from "./table-shape";
import { checkTableSource } from "./table-source";
import {
  ALARM_TOPIC_PATTERN,
  checkTriggerFields,
  KMS_KEY_ARN_PATTERN,
  type ResolvedTriggerSettings,
  TRIGGER_FIELDS,
  type TriggerSettings,
  withoutUndefined,
} from "./trigger-settings";

/** A trigger as written in config: names are given without the environment suffix. */
export interface TriggerConfig extends Omit<TriggerSettings, "tableName" | "functionName"> {
  /**
   * Table name before the `-<environment>` suffix; required; with it, 3–255 of A–Z a–z 0–9 _ . -
   * For an "existing" or "adopt" tableSource, the table's exact name (no suffix is added).
   */
  readonly tableName: string;
  /** Function name before the `-<environment>` suffix; default `<tableName>-<environment>-stream-handler`. */
  readonly functionName?: string;
}

/** The settings an environment can give all its triggers: everything but names and keys. */
export type TriggerDefaults = Partial<
  Omit<
    TriggerConfig,
    | "tableName"
    | "partitionKey"
    | "sortKey"
    | "functionName"
    | "tableSource"
    | "streamArn"
    | "consumers"
    | "otherReaders"
    | (typeof TABLE_ONLY_FIELDS)[number]
  >
>;

export interface EnvironmentConfig {
  /** Environment name, appended to every physical name; required; 1–16 of a–z 0–9. */
  readonly environment: string;
  /** Project name, used in tags and the state key; required; 1–64 of A–Z a–z 0–9 _ - */
  readonly project: string;
  /** AWS region, one the AWS SDK knows, such as us-east-1; required. */
  readonly region: string;
  /** Extra tags on every resource; default none; keys 1–128 characters, not aws:*, not the template's own. */
  readonly tags?: Readonly<Record<string, string>>;
  /** Settings every trigger of this environment starts from (a trigger's own fields win); default none. */
  readonly triggerDefaults?: TriggerDefaults;
  /** The tables and their triggers; at least one. */
  readonly triggers: readonly TriggerConfig[];
}

export interface ResolvedTrigger {
  /** Stack name, `<tableName>-<environment>`. */
  readonly stackName: string;
  /** Where config errors point, such as `dev.triggers[books]`. */
  readonly label: string;
  /** The trigger's fields over the environment's defaults, names suffixed: what a StreamTrigger takes. */
  readonly props: TriggerSettings;
  readonly settings: ResolvedTriggerSettings;
}

export interface ResolvedEnvironment {
  readonly environment: string;
  readonly project: string;
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly triggers: readonly ResolvedTrigger[];
}

export interface ResolveOptions {
  /** Where handlerEntry paths are looked up; default the folder holding cdktf.json. */
  readonly projectRoot?: string;
}

const ENVIRONMENT_FIELDS = ["environment", "project", "region", "tags", "triggerDefaults", "triggers"];
const NAME_FIELDS: string[] = [
  "tableName",
  "partitionKey",
  "sortKey",
  "functionName",
  "tableSource",
  "streamArn",
  "consumers",
  "otherReaders",
  ...TABLE_ONLY_FIELDS,
];
const DEFAULTABLE_FIELDS = TRIGGER_FIELDS.filter((f) => !NAME_FIELDS.includes(f));
const ENVIRONMENT_PATTERN = /^[a-z0-9]{1,16}$/;
const PROJECT_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
// Tags the template sets itself; a user's value would be silently overwritten.
export const TEMPLATE_TAGS = ["Project", "Environment", "ManagedBy"];
// The characters AWS accepts in tag keys and values across services.
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

// Values go into names only once checked; until then anything (even an object without a prototype,
// which String() cannot convert) must not crash the check.
const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** An environment's `region`, and the state bucket's STATE_REGION: a region the AWS SDK knows. */
export function checkRegion(check: Checker, region: unknown, field = "region"): void {
  const allowed = "an AWS region the AWS SDK knows, such as us-east-1";
  if (typeof region !== "string" || !REGION_PATTERN.test(region) || !isKnownRegion(region)) {
    check.fail(field, region, allowed);
  }
}

// AWS's limit of tags on one resource (Lambda, IAM, DynamoDB, SQS, SNS, S3, CloudWatch alarms and logs alike);
// default_tags puts the template's tags and the user's on every resource.
const MAX_TAGS = 50;

function checkTags(check: Checker, tags: unknown): void {
  if (tags === undefined || !check.object("tags", tags, "an object of tag keys to string values")) return;
  const keys = Object.keys(tags);
  const room = MAX_TAGS - TEMPLATE_TAGS.length;
  if (keys.length > room) {
    check.failAs(
      "tags",
      `${keys.length} tags, making ${keys.length + TEMPLATE_TAGS.length} on every resource with the template's ${TEMPLATE_TAGS.join(", ")}`,
      `at most ${room} tags (AWS allows ${MAX_TAGS} on a resource)`,
    );
  }
  // IAM compares the tag keys of roles without case ("Tagging IAM resources", Rules for tagging: "you cannot
  // have separate Department and department tag keys"), so two keys apart only by case fail the role at apply.
  const seen = new Map(TEMPLATE_TAGS.map((key) => [key.toLowerCase(), key]));
  for (const [key, value] of Object.entries(tags)) {
    const field = `tags[${JSON.stringify(key)}]`;
    const same = seen.get(key.toLowerCase());
    if (key.length < 1 || key.length > 128 || !TAG_CHARACTERS.test(key)) {
      check.failAs(field, "not a valid tag key", "1 to 128 letters, digits, spaces and _ . : / = + - @");
    } else if (/^aws:/i.test(key)) {
      check.failAs(field, "a reserved tag key", "a key that does not start with aws: (AWS keeps those)");
    } else if (TEMPLATE_TAGS.includes(key)) {
      check.failAs(field, "set by the template", `a key other than ${TEMPLATE_TAGS.join(", ")}`);
    } else if (same !== undefined) {
      const whose = TEMPLATE_TAGS.includes(same) ? "the template's" : "the tag";
      check.failAs(
        field,
        `${whose} ${same} in another case (IAM compares tag keys without case)`,
        `a key differing from ${TEMPLATE_TAGS.join(", ")} and the other tags in more than case`,
      );
    }
    seen.set(key.toLowerCase(), key);
    if (typeof value !== "string" || value.length > 256 || !TAG_CHARACTERS.test(value)) {
      check.fail(field, value, "a string of at most 256 letters, digits, spaces and _ . : / = + - @");
    }
  }
}

/**
 * An alarm topic given by ARN must be in the environment's region and partition: CloudWatch refuses alarm
 * actions that notify a topic elsewhere, and only at apply. So must the filters' KMS key: Lambda uses
 * keys of its own region only. The ARNs' shapes are checked with their fields.
 */
function checkArnRegions(check: Checker, fields: unknown, region: unknown): void {
  if (typeof fields !== "object" || fields === null) return;
  const { alarmTopic, filterEncryptionKeyArn, consumers } = fields as Record<string, unknown>;
  checkArnRegion(check, "alarmTopic", alarmTopic, ALARM_TOPIC_PATTERN, region, {
    service: "sns",
    what: "an SNS topic",
    resource: "<topic>",
    why: "CloudWatch alarms notify topics in their own region only",
  });
  checkArnRegion(check, "filterEncryptionKeyArn", filterEncryptionKeyArn, KMS_KEY_ARN_PATTERN, region, {
    service: "kms",
    what: "a KMS key",
    resource: "key/<key id>",
    why: "Lambda decrypts filters with keys in its own region only",
  });
  // Each consumer names its own topic and key, so each is held to the environment's region too.
  if (!Array.isArray(consumers)) return;
  for (const [i, consumer] of consumers.entries()) checkArnRegions(check.nested(`consumers[${i}]`), consumer, region);
}

function checkArnRegion(
  check: Checker,
  field: string,
  value: unknown,
  shape: RegExp,
  region: unknown,
  arn: { service: string; what: string; resource: string; why: string },
): void {
  // A malformed ARN is reported by the field's own check.
  if (typeof value !== "string" || !value.startsWith("arn:") || !shape.test(value)) return;
  if (typeof region !== "string" || !REGION_PATTERN.test(region) || !isKnownRegion(region)) return;
  const wanted = arnElsewhere(value, arn.service, region);
  if (wanted !== undefined) {
    check.fail(
      field,
      value,
      `${arn.what} in the environment's region, ${wanted}<account>:${arn.resource} (${arn.why})`,
    );
  }
}

function checkDefaults(check: Checker, defaults: unknown, projectRoot: string, region: unknown): TriggerDefaults {
  if (defaults === undefined) return {};
  if (!check.object("triggerDefaults", defaults, "an object of trigger settings")) return {};
  const inner = check.nested("triggerDefaults");
  inner.knownKeys(defaults, DEFAULTABLE_FIELDS, "triggerDefaults (names and keys belong on each trigger)");
  checkTriggerFields(inner, defaults);
  checkHandlerExists(inner, defaults.handlerEntry, projectRoot);
  checkArnRegions(inner, defaults, region);
  return withoutUndefined(defaults) as TriggerDefaults;
}

function resolveConfigTrigger(
  env: string,
  region: unknown,
  index: number,
  trigger: unknown,
  defaults: TriggerDefaults,
  check: Checker,
  projectRoot: string,
): ResolvedTrigger | undefined {
  const tableLabel =
    typeof trigger === "object" && trigger !== null && typeof (trigger as TriggerConfig).tableName === "string"
      ? (trigger as TriggerConfig).tableName
      : "";
  // Named by table where the name is readable; by position where it is missing or absurd.
  const label = `triggers[${/^[^\]]{1,64}$/.test(tableLabel) ? tableLabel : index}]`;
  if (!check.object(label, trigger, "a trigger: an object with tableName, partitionKey and settings")) return;
  const c = check.nested(label);
  const inheritsFilters =
    (trigger as Record<string, unknown>).filterPatterns === undefined && defaults.filterPatterns !== undefined;
  const { props, settings, stackName } = resolveTrigger(trigger, c, {
    nameSuffix: `-${env}`,
    defaults,
    projectRoot,
    region: typeof region === "string" && isKnownRegion(region) ? region : undefined,
    // Filters this trigger takes from triggerDefaults are pointed at there, naming the trigger they fail for.
    inheritedFilters: inheritsFilters
      ? { check: check.nested("triggerDefaults"), taker: `${env}.${label}` }
      : undefined,
  });
  checkArnRegions(c, trigger, region);
  checkTableSource(c, trigger as Record<string, unknown>, region);
  return { stackName, label: `${env}.${label}`, props, settings };
}

function resolveEnvironment(env: unknown, index: number, check: Checker, projectRoot: string) {
  if (
    !check.object(
      `environments[${index}]`,
      env,
      "an environment: an object with environment, project, region and triggers",
    )
  ) {
    return undefined;
  }
  const name = typeof env.environment === "string" && env.environment ? env.environment : `environments[${index}]`;
  const c = new Checker(name, ".", check.problems);
  c.knownKeys(env, ENVIRONMENT_FIELDS, "an environment");
  c.matches("environment", env.environment, ENVIRONMENT_PATTERN, "1 to 16 characters of a-z 0-9 (required)");
  c.matches("project", env.project, PROJECT_PATTERN, "1 to 64 characters of A-Z a-z 0-9 _ - (required)");
  checkRegion(c, env.region);
  checkTags(c, env.tags);
  const defaults = checkDefaults(c, env.triggerDefaults, projectRoot, env.region);
  if (!Array.isArray(env.triggers) || env.triggers.length === 0) {
    c.fail("triggers", env.triggers, "a list of at least one trigger");
  }
  const triggers = (Array.isArray(env.triggers) ? env.triggers : [])
    .map((t, i) => resolveConfigTrigger(text(env.environment), env.region, i, t, defaults, c, projectRoot))
    .filter((t): t is ResolvedTrigger => t !== undefined);
  const tags = Object.fromEntries(Object.entries((env.tags ?? {}) as Record<string, string>));
  return {
    environment: env.environment as string,
    project: env.project as string,
    region: env.region as string,
    tags: { ...tags, Project: env.project as string, Environment: env.environment as string, ManagedBy: "cdktf" },
    triggers,
  };
}

/**
 * Validates every environment and fills in defaults. Throws one ConfigError listing every problem as
 * `<environment>.<path> is <value>; allowed: <what>`, with triggers named by their table.
 */
export function resolveConfig(environments: unknown, options: ResolveOptions = {}): ResolvedEnvironment[] {
  const projectRoot = options.projectRoot ?? findProjectRoot();
  const check = new Checker("");
  if (!Array.isArray(environments) || environments.length === 0) {
    check.fail("environments", environments, "a list of at least one environment");
    check.throwIfAny();
  }
  const names = new Set<unknown>();
  const resolved: ResolvedEnvironment[] = [];
  (environments as unknown[]).forEach((env, i) => {
    const result = resolveEnvironment(env, i, check, projectRoot);
    if (!result) return;
    if (names.has(result.environment)) {
      check.fail(`${result.environment}.environment`, result.environment, "a name used by one environment only");
    }
    names.add(result.environment);
    resolved.push(result);
  });
  const triggers = resolved.flatMap((e) => e.triggers);
  if (check.problems.length === 0) check.problems.push(...triggers.flatMap(nameLengthProblems));
  if (check.problems.length === 0) check.problems.push(...nameCollisions(triggers));
  check.throwIfAny();
  for (const t of triggers) rememberResolvedSettings(t.props, t.settings);
  return resolved;
}
