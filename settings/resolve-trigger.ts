// The one way a trigger's settings are checked and completed, whether they come from config (names
// with an environment suffix, an environment's defaults underneath) or are given to a StreamTrigger
// used on its own: both call resolveTrigger, so the two paths cannot accept different things.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { Checker } from "./checks";
import { checkReaders, TABLE_FIELDS } from "./consumers";
import { checkFilterReach, filterPatternTexts } from "./filter-criteria";
import {
  ENVIRONMENT_MAX_BYTES,
  environmentBytes,
  idempotencyEnvironment,
  templateEnvironment,
} from "./handler-environment";
import { failureBucketNameProblem, idempotencyTableName } from "./physical-names";
import { findProjectRoot } from "./project-root";
import { completeTableShape } from "./table-shape";
import {
  checkTriggerFields,
  defaultFunctionName,
  FUNCTION_NAME_PATTERN,
  HANDLER_ALLOWED,
  HANDLER_PATTERN,
  IDEMPOTENT_HANDLER,
  type IdempotencySettings,
  idempotencyTtlSeconds,
  KEY_TYPES,
  type KeyAttribute,
  type ResolvedConsumer,
  type ResolvedTriggerSettings,
  replayableSeconds,
  STREAM_VIEW_TYPES,
  type StreamViewType,
  TABLE_NAME_PATTERN,
  TRIGGER_DEFAULTS,
  TRIGGER_FIELDS,
  type TriggerSettings,
  withoutUndefined,
} from "./trigger-settings";

export interface ResolveTriggerOptions {
  /** Added to tableName and functionName, such as "-dev" for a config environment; default none. */
  readonly nameSuffix?: string;
  /** Settings under the trigger's own (an environment's triggerDefaults), already checked; default none. */
  readonly defaults?: Partial<TriggerSettings>;
  /** Where handlerEntry paths are looked up; default the folder holding cdktf.json. */
  readonly projectRoot?: string;
  /** Where filterPatterns came from when not from the trigger itself: the defaults' checker, and the trigger. */
  readonly inheritedFilters?: { readonly check: Checker; readonly taker: string };
  /** The table's region, where known (a config environment's): a filter on another awsRegion never matches. */
  readonly region?: string;
}

export interface TriggerResolution {
  /** What was completed: the trigger's fields over the defaults, names suffixed. */
  readonly props: TriggerSettings;
  readonly settings: ResolvedTriggerSettings;
  /** `<tableName><nameSuffix>`: the stack's name, and where every other name comes from, whatever the table's source. */
  readonly stackName: string;
}

/** Reports a handlerEntry that is well formed but names no file under `projectRoot`. */
export function checkHandlerExists(check: Checker, entry: unknown, projectRoot: string): void {
  if (typeof entry === "string" && HANDLER_PATTERN.test(entry) && !existsSync(path.join(projectRoot, entry))) {
    check.failAs("handlerEntry", `${JSON.stringify(entry)}, which does not exist`, HANDLER_ALLOWED);
  }
}

// Values go into names only once checked; until then anything must not crash the check.
const text = (value: unknown): string => (typeof value === "string" ? value : "");

/**
 * Checks every field of `trigger` (names, required fields, values, that handlerEntry exists) into
 * `check`, and completes it with the defaults. The result is only meaningful when `check` found nothing.
 */
export function resolveTrigger(
  trigger: Record<string, unknown>,
  check: Checker,
  options: ResolveTriggerOptions = {},
): TriggerResolution {
  const suffix = options.nameSuffix ?? "";
  const added = suffix ? ` once "${suffix}" is added` : "";
  check.knownKeys(trigger, TRIGGER_FIELDS, "a trigger");
  const { tableName, functionName, ...fields } = trigger;
  // An existing or adopted table is named exactly; a new one gets the suffix.
  const exact = fields.tableSource === "existing" || fields.tableSource === "adopt";
  if (tableName === undefined) {
    check.fail("tableName", tableName, `a table name (required)${suffix ? ", to which -<environment> is added" : ""}`);
  } else if (exact && (typeof tableName !== "string" || !TABLE_NAME_PATTERN.test(tableName))) {
    check.fail("tableName", tableName, "the existing table's exact name: 3 to 255 characters of A-Z a-z 0-9 _ . -");
  } else if (!exact && (typeof tableName !== "string" || !TABLE_NAME_PATTERN.test(`${tableName}${suffix}`))) {
    check.fail("tableName", tableName, `3 to 255 characters of A-Z a-z 0-9 _ . -${added}`);
  }
  if (
    functionName !== undefined &&
    (typeof functionName !== "string" || !FUNCTION_NAME_PATTERN.test(`${functionName}${suffix}`))
  ) {
    check.fail("functionName", functionName, `1 to 64 characters of A-Z a-z 0-9 _ -${added}`);
  }
  checkTriggerFields(check, fields);
  checkHandlerExists(check, fields.handlerEntry, options.projectRoot ?? findProjectRoot());
  const stackName = `${text(tableName)}${suffix}`;
  // Every other name comes from <tableName><suffix> whatever the table's source, so two environments
  // reading one existing table never share a name.
  const base = defaultFunctionName(stackName).replace(/-stream-handler$/, "");
  const derivedFunctionName = exact && functionName === undefined ? defaultFunctionName(stackName) : undefined;
  if (derivedFunctionName && TABLE_NAME_PATTERN.test(text(tableName)))
    check.matches(
      "functionName (derived from tableName)",
      derivedFunctionName,
      FUNCTION_NAME_PATTERN,
      "1 to 64 characters of A-Z a-z 0-9 _ - (set functionName when the table name is too long)",
    );
  const consumers = Array.isArray(fields.consumers)
    ? Array.from(fields.consumers as unknown[]).map((c) => {
        if (typeof c !== "object" || c === null) return c;
        const { name, functionName: own } = c as Record<string, unknown>;
        // A consumer's names come from the stack's, as the trigger's do: <table><suffix>-<name>.
        const named = typeof own === "string" ? `${own}${suffix}` : typeof name === "string" ? `${base}-${name}` : own;
        return { ...c, functionName: named };
      })
    : fields.consumers;
  const props: TriggerSettings = {
    ...options.defaults,
    ...(withoutUndefined(fields) as Partial<TriggerSettings>),
    partitionKey: fields.partitionKey as TriggerSettings["partitionKey"],
    tableName: exact ? text(tableName) : stackName,
    functionName: typeof functionName === "string" ? `${functionName}${suffix}` : derivedFunctionName,
    ...(consumers !== undefined ? { consumers: consumers as TriggerSettings["consumers"] } : {}),
  };
  return { props, settings: completeTriggerSettings(props, check, options), stackName };
}

/**
 * Fills in defaults and derived names, and checks what only the whole trigger can tell (required
 * fields, keys that differ, a derived name that fits). Field values are checked by checkTriggerFields.
 */
function completeTriggerSettings(
  settings: TriggerSettings,
  check: Checker,
  { inheritedFilters, region }: ResolveTriggerOptions,
): ResolvedTriggerSettings {
  const given = withoutUndefined(settings);
  // With idempotency, the template's handler is the one wrapping each record's work (handlers/idempotency.ts).
  const handlerEntry = given.idempotency !== undefined && given.idempotency !== false ? IDEMPOTENT_HANDLER : undefined;
  const s = { ...TRIGGER_DEFAULTS, ...(handlerEntry ? { handlerEntry } : {}), ...given };
  if (s.partitionKey === undefined) check.fail("partitionKey", undefined, "an object { name, type? } (required)");
  const pk = s.partitionKey as KeyAttribute | undefined;
  const sk = s.sortKey as KeyAttribute | undefined;
  if (pk?.name !== undefined && sk?.name === pk.name) {
    check.fail("sortKey.name", sk.name, "a name different from partitionKey.name");
  }
  const functionName = s.functionName ?? defaultFunctionName(typeof s.tableName === "string" ? s.tableName : "");
  // A derived name is only worth reporting when the table name it comes from is itself valid.
  if (s.functionName === undefined && typeof s.tableName === "string" && TABLE_NAME_PATTERN.test(s.tableName)) {
    check.matches(
      "functionName (derived from tableName)",
      functionName,
      FUNCTION_NAME_PATTERN,
      "1 to 64 characters of A-Z a-z 0-9 _ - (set functionName when the table name is too long)",
    );
  }
  checkFieldCombinations(check, s, functionName);
  checkEnvironmentSize(check, s, functionName);
  const facts = { ...tableFacts(s.streamViewType, pk, sk), region };
  checkFilterReach(
    inheritedFilters?.check ?? check,
    "filterPatterns",
    s.filterPatterns,
    facts,
    inheritedFilters?.taker,
  );
  const resolved: ResolvedTriggerSettings = {
    ...s,
    ...completeTableShape(s, { partitionKey: pk, sortKey: sk }, check),
    tableName: s.tableName as string,
    filterPatterns: filterPatternTexts(s.filterPatterns),
    handlerEnvironment: s.handlerEnvironment ?? {},
    functionName,
    partitionKey: { type: "S", ...pk } as Required<KeyAttribute>,
    sortKey: sk ? ({ type: "S", ...sk } as Required<KeyAttribute>) : undefined,
    consumers: [],
  };
  const consumers = Array.isArray(s.consumers) ? Array.from(s.consumers) : [];
  checkReaders(check, consumers.length, s.otherReaders);
  // With the trigger's keys missing, only the trigger reports it.
  if (pk === undefined) return resolved;
  // Consumers take what the trigger was given, not its defaults: a consumer's own idempotency picks its handler.
  return { ...resolved, consumers: completeConsumers(given as TriggerSettings, resolved, consumers, check, region) };
}

/**
 * Each consumer completed as a trigger of its own (defaults, then the trigger's fields, then its own), then
 * given the trigger's table. Without a functionName, one is derived from the table's and its name.
 */
function completeConsumers(
  s: TriggerSettings,
  trigger: ResolvedTriggerSettings,
  consumers: readonly unknown[],
  check: Checker,
  region: string | undefined,
): ResolvedConsumer[] {
  const { consumers: _, functionName: __, ...inherited } = s;
  const noTable = Object.fromEntries(TABLE_FIELDS.map((f) => [f, undefined]));
  const tableOfTrigger = Object.fromEntries(TABLE_FIELDS.map((f) => [f, trigger[f as keyof ResolvedTriggerSettings]]));
  const base = defaultFunctionName(trigger.tableName).replace(/-stream-handler$/, "");
  return consumers.flatMap((raw, i) => {
    if (typeof raw !== "object" || raw === null || typeof (raw as { name?: unknown }).name !== "string") return [];
    const { name, functionName: own, ...fields } = raw as Record<string, unknown> & { name: string };
    const consumer = completeTriggerSettings(
      {
        ...(inherited as TriggerSettings),
        ...noTable,
        ...(withoutUndefined(fields) as Partial<TriggerSettings>),
        tableName: trigger.tableName,
        partitionKey: trigger.partitionKey,
        functionName: typeof own === "string" ? own : `${base}-${name}`,
      },
      check.nested(`consumers[${i}]`),
      { region },
    );
    return [{ ...consumer, ...tableOfTrigger, consumers: [], name } as ResolvedConsumer];
  });
}

/** What the table tells a filter about its records, from whichever of its settings are valid. */
function tableFacts(view: unknown, pk: KeyAttribute | undefined, sk: KeyAttribute | undefined) {
  const valid = (k: KeyAttribute | undefined): k is KeyAttribute =>
    typeof k?.name === "string" && (k.type === undefined || KEY_TYPES.includes(k.type));
  const keys = valid(pk) && (sk === undefined || valid(sk)) ? [pk, ...(sk ? [sk] : [])] : undefined;
  return {
    streamViewType: STREAM_VIEW_TYPES.includes(view as StreamViewType) ? (view as string) : undefined,
    keys: keys?.map((k) => ({ name: k.name, type: k.type ?? "S" })),
  };
}

/** What only fields together can tell: failure destination and metrics, concurrency and parallelization, TTL and retention. */
function checkFieldCombinations(check: Checker, s: Record<string, unknown>, functionName: string): void {
  // Between fields only once both are valid: an out-of-range value is reported by its own field's check.
  const valid = (v: unknown, min: number, max: number) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
  if (s.mappingMetrics === false && s.failureDestination === "s3") {
    // S3 has no per-object metric: the parked-records alarm of a bucket reads the mapping's.
    check.fail("mappingMetrics", false, 'true when failureDestination is "s3" (its parked-records alarm reads them)');
  }
  if (
    s.mappingMetrics === false &&
    typeof s.allFilteredOutAlarmMinutes === "number" &&
    s.allFilteredOutAlarmMinutes > 0
  ) {
    check.fail(
      "allFilteredOutAlarmMinutes",
      s.allFilteredOutAlarmMinutes,
      "0 when mappingMetrics is false (the alarm reads the mapping's metrics)",
    );
  }
  const { reservedConcurrency: reserved, parallelizationFactor: factor } = s;
  if (valid(reserved, 1, 100000) && valid(factor, 1, 10) && (reserved as number) < (factor as number)) {
    check.fail(
      "reservedConcurrency",
      reserved,
      `at least parallelizationFactor (${factor}): each shard runs up to that many batches at once, and fewer throttles every shard while its records age`,
    );
  }
  const replayable = replayableSeconds(s as unknown as IdempotencySettings);
  if (
    valid(s.idempotency, 60, 31536000) &&
    valid(s.failureRetentionDays, 1, 3650) &&
    (s.idempotency as number) < replayable
  ) {
    check.fail(
      "idempotency",
      s.idempotency,
      `true, or at least ${replayable.toLocaleString("en-US")} seconds (failureRetentionDays ${s.failureRetentionDays}) with failureDestination "s3": a batch replayed from the bucket later must still find its records' idempotency records`,
    );
  }
  if (s.failureDestination === "s3" && FUNCTION_NAME_PATTERN.test(functionName)) {
    const problem = failureBucketNameProblem(functionName);
    if (problem)
      check.failAs(
        "functionName (the failure bucket's name comes from it)",
        problem,
        "a shorter functionName, starting with a letter or digit",
      );
  }
}

/** Lambda's 4 KB bounds the handler's variables and the template's together. */
function checkEnvironmentSize(check: Checker, s: Record<string, unknown>, functionName: string): void {
  // Only once every field is valid: until then the values may be anything.
  const own = s.handlerEnvironment;
  if (check.problems.length > 0 || typeof own !== "object" || own === null) return;
  const ttl = idempotencyTtlSeconds(s as unknown as IdempotencySettings);
  const bytes = environmentBytes({
    ...templateEnvironment(functionName, String(s.logLevel)),
    ...(ttl === undefined ? {} : idempotencyEnvironment(idempotencyTableName(functionName), ttl)),
    ...(own as Record<string, string>),
  });
  if (bytes > ENVIRONMENT_MAX_BYTES) {
    check.failAs(
      "handlerEnvironment",
      `${bytes.toLocaleString("en-US")} bytes with the template's variables`,
      `at most ${ENVIRONMENT_MAX_BYTES.toLocaleString("en-US")} bytes of names and values in all (Lambda's limit)`,
    );
  }
}

// The settings a valid config resolved, by the props it made for them (resolveConfig remembers them):
// a stack's StreamTrigger, given those props, takes them instead of resolving the same props a second
// time, which was a thirtieth of the synth at 150 stacks. Props are resolved the same whoever asks
// (__tests__/settings/resolve-trigger-reuse.test.ts holds it for the fixture configs).
const resolvedByConfig = new WeakMap<TriggerSettings, ResolvedTriggerSettings>();

/** Remembers what a valid config resolved `props` to, for resolveTriggerSettings. */
export function rememberResolvedSettings(props: TriggerSettings, settings: ResolvedTriggerSettings): void {
  resolvedByConfig.set(props, settings);
}

/**
 * resolveTrigger for a StreamTrigger built without the config layer: throws one ConfigError naming
 * `where` (the construct's path) and every invalid field.
 */
export function resolveTriggerSettings(
  settings: TriggerSettings,
  where: string,
  options: Pick<ResolveTriggerOptions, "projectRoot"> = {},
): ResolvedTriggerSettings {
  const known = resolvedByConfig.get(settings);
  if (known) return known;
  const check = new Checker(where, ": ");
  if (!check.object("settings", settings, "an object of trigger settings")) check.throwIfAny();
  const { settings: resolved } = resolveTrigger(settings as unknown as Record<string, unknown>, check, options);
  check.throwIfAny();
  return resolved;
}
