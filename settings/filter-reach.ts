// What a stream record can hold at each place a filter names, so that a rule no record can meet is
// refused rather than silently dropping every record. Some of it holds for every table (every record has
// an eventName; INSERT records carry no OldImage, REMOVE records no NewImage, and only TTL deletes, which
// are REMOVE records, a userIdentity); the rest needs the table (its stream view type and its keys).
// Imports nothing: the config check and the local runner share it through filter-grammar.ts.
//
// Which images a record carries (AWS Lambda developer guide, DynamoDB streams; the table in
// /work/shared/reference/stream-semantics.md): NewImage on INSERT and MODIFY with NEW_IMAGE or
// NEW_AND_OLD_IMAGES; OldImage on MODIFY and REMOVE with OLD_IMAGE or NEW_AND_OLD_IMAGES; Keys always.

/** What the table tells about its records; each fact is optional (the local runner may know none). */
export interface TableFacts {
  /** The table's stream view type. */
  readonly streamViewType?: string;
  /** The table's key attributes, with their types (S, N or B). */
  readonly keys?: readonly { readonly name: string; readonly type: string }[];
  /** The table's region: every record's awsRegion. */
  readonly region?: string;
}

const EVENT_NAMES = ["INSERT", "MODIFY", "REMOVE"] as const;
type EventName = (typeof EVENT_NAMES)[number];

const IMAGES: Readonly<Record<string, { readonly views: readonly string[]; readonly events: readonly EventName[] }>> = {
  NewImage: { views: ["NEW_IMAGE", "NEW_AND_OLD_IMAGES"], events: ["INSERT", "MODIFY"] },
  OldImage: { views: ["OLD_IMAGE", "NEW_AND_OLD_IMAGES"], events: ["MODIFY", "REMOVE"] },
};

// Present in every record, at the top and under dynamodb.
const ALWAYS_TOP = ["eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb"];
const ALWAYS_DYNAMODB = ["ApproximateCreationDateTime", "Keys", "SequenceNumber", "SizeBytes", "StreamViewType"];

/** A place in the record, as far as a filter rule there can tell. */
export interface Reach {
  /** The place's field names from the record's top, without $or. */
  readonly segments: readonly string[];
  /** In every record the rule sees: {"exists": false} never matches. */
  readonly always: boolean;
  /** Why no record the rule sees holds anything here; only {"exists": false} matches then. */
  readonly never?: string;
  /** The only values the place holds, where they are known. */
  readonly values?: readonly (string | boolean)[];
  /** The place holds a DynamoDB number's text (under N or NS): other text never matches. */
  readonly numberText?: boolean;
  /** The least number the place holds (a record's size, its creation time). */
  readonly atLeast?: number;
  /** Why those are the only values, in words. */
  readonly valuesWhy?: string;
  /** The event names of the records the rule sees (narrowed by an eventName rule beside it). */
  readonly events: readonly EventName[];
  readonly facts: TableFacts;
}

export function recordReach(facts: TableFacts = {}): Reach {
  return { segments: [], always: true, events: EVENT_NAMES, facts };
}

const list = (words: readonly string[]) =>
  words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;

/** What a record holds under `key` of the place `parent`. */
export function childReach(parent: Reach, key: string): Reach {
  const segments = [...parent.segments, key];
  const base = { segments, events: parent.events, facts: parent.facts };
  if (parent.never !== undefined) return { ...base, always: false, never: parent.never };
  const [top, second, attribute, type] = segments;
  if (segments.length === 1) {
    if (key === "userIdentity" && !parent.events.includes("REMOVE"))
      return {
        ...base,
        always: false,
        never: `eventName lets through only ${list(parent.events)} records, which carry no userIdentity (only TTL deletes, REMOVE records, have one)`,
      };
    if (key === "eventName") return { ...base, always: true, values: parent.events, valuesWhy: eventsWhy(parent) };
    if (key === "eventSource") return { ...base, always: true, values: ["aws:dynamodb"], valuesWhy: "DynamoDB's" };
    if (key === "eventVersion") return { ...base, always: true, values: ["1.1"], valuesWhy: "DynamoDB's" };
    if (key === "awsRegion" && parent.facts.region !== undefined)
      return { ...base, always: true, values: [parent.facts.region], valuesWhy: "the environment's region" };
    return { ...base, always: ALWAYS_TOP.includes(key) };
  }
  if (top === "userIdentity" && segments.length === 2) {
    // Only TTL deletes carry a userIdentity, always this one.
    const only = key === "type" ? "Service" : key === "principalId" ? "dynamodb.amazonaws.com" : undefined;
    return { ...base, always: false, ...(only ? { values: [only], valuesWhy: "a TTL delete's" } : {}) };
  }
  if (top === "dynamodb" && segments.length === 2) {
    const image = Object.hasOwn(IMAGES, key) ? IMAGES[key] : undefined;
    if (image) return { ...base, always: false, never: imageAbsence(parent, key, image) };
    if (key === "StreamViewType" && parent.facts.streamViewType !== undefined)
      return { ...base, always: true, values: [parent.facts.streamViewType], valuesWhy: "the table's streamViewType" };
    // A record has a size (its keys at least) and a creation time in epoch seconds.
    if (key === "SizeBytes" || key === "ApproximateCreationDateTime") return { ...base, always: true, atLeast: 1 };
    return { ...base, always: ALWAYS_DYNAMODB.includes(key) };
  }
  const keys = parent.facts.keys;
  if (top === "dynamodb" && segments.length === 3 && second === "Keys") {
    // Without the table's keys, an attribute here may be no key at all.
    if (keys === undefined) return { ...base, always: false };
    if (!keys.some((k) => k.name === key))
      return {
        ...base,
        always: false,
        never: `Keys holds only the table's keys: ${list(keys.map((k) => k.name))}`,
      };
    return { ...base, always: parent.always };
  }
  if (
    top === "dynamodb" &&
    segments.length === 4 &&
    keys !== undefined &&
    ["Keys", ...Object.keys(IMAGES)].includes(second)
  ) {
    const keyAttribute = keys.find((k) => k.name === attribute);
    if (keyAttribute && keyAttribute.type !== type)
      return {
        ...base,
        always: false,
        never: `${attribute} is a key of the table, always of type ${keyAttribute.type}`,
      };
  }
  // Deeper, only a key's value under Keys is in every record (its parent says so); a value under its
  // type: NULL is always true, N and NS hold numbers as text.
  const always = parent.always;
  if (key === "NULL") return { ...base, always, values: [true], valuesWhy: "DynamoDB's NULL is always true" };
  if (key === "N" || key === "NS") return { ...base, always, numberText: true };
  return { ...base, always };
}

function eventsWhy(parent: Reach): string {
  return parent.events.length === EVENT_NAMES.length
    ? "DynamoDB's event names"
    : "what eventName beside it lets through";
}

function imageAbsence(parent: Reach, image: string, carried: (typeof IMAGES)[string]): string | undefined {
  const view = parent.facts.streamViewType;
  if (view !== undefined && !carried.views.includes(view))
    return `with streamViewType ${view} records carry no ${image}`;
  if (!parent.events.some((e) => carried.events.includes(e)))
    return `eventName lets through only ${list(parent.events)} records, which carry no ${image}`;
  return undefined;
}

/** The record's place with an eventName rule list beside it: only the events it lets through remain. */
export function narrowEvents(reach: Reach, eventNameRules: unknown): Reach {
  if (!Array.isArray(eventNameRules)) return reach;
  const events = reach.events.filter((name) => eventNameRules.some((rule) => mayMatch(rule, name, true)));
  // None left: the eventName rules themselves are refused; judging the rest by them would only add noise.
  return events.length === 0 ? reach : { ...reach, events };
}

/**
 * Whether `rule` can match `value`, a value a record holds, or a missing one (`present` false); rules
 * outside the grammar count as matching, as the grammar reports them.
 */
export function mayMatch(rule: unknown, value: string | boolean | undefined, present: boolean): boolean {
  if (rule === null || typeof rule !== "object" || Array.isArray(rule)) return present && rule === value;
  const entries = Object.entries(rule);
  if (entries.length !== 1) return true;
  const [[operator, operand]] = entries;
  if (operator === "exists") return operand === present;
  if (!present || typeof value !== "string") return false;
  switch (operator) {
    case "prefix":
      return typeof operand !== "string" || value.startsWith(operand);
    case "suffix":
      return typeof operand !== "string" || value.endsWith(operand);
    case "equals-ignore-case":
      return typeof operand !== "string" || value.toLowerCase() === operand.toLowerCase();
    case "anything-but":
      return !(Array.isArray(operand) ? operand : [operand]).includes(value);
    default:
      return true;
  }
}

// The text of a number as DynamoDB gives it (digits, a sign, a point, an exponent): anything else never matches.
const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Whether a number rule (a bare number or numeric) can match some value of at least `least`. */
function reachesAtLeast(rule: unknown, least: number): boolean {
  if (typeof rule === "number") return rule >= least;
  const numeric = (rule as { numeric?: unknown })?.numeric;
  if (!Array.isArray(numeric)) return true;
  const [op, bound] = numeric.length === 4 ? numeric.slice(2) : numeric;
  if (typeof bound !== "number") return true;
  if (op === "=" || op === "<=") return bound >= least;
  if (op === "<") return bound > least;
  return true;
}

/** Why `rule` at `reach` can never match, in words for "allowed: …"; undefined when some record can meet it. */
export function unreachable(rule: unknown, reach: Reach): string | undefined {
  const field = reach.segments[reach.segments.length - 1];
  const isExists = rule !== null && typeof rule === "object" && !Array.isArray(rule) && "exists" in rule;
  if (isExists && (rule as { exists: unknown }).exists === false) {
    return reach.always
      ? `every record has ${reach.segments.join(".")}, so {"exists": false} never matches`
      : undefined;
  }
  if (reach.never !== undefined) return reach.never;
  if (reach.numberText && typeof rule === "string" && !NUMBER_TEXT.test(rule))
    return `${field} holds a number as text, such as "300" or "-1.5"`;
  if (reach.atLeast !== undefined && !reachesAtLeast(rule, reach.atLeast))
    return `${field} is at least ${reach.atLeast} in every record`;
  if (isExists || reach.values === undefined) return undefined;
  if (reach.values.some((value) => mayMatch(rule, value, true))) return undefined;
  const values = reach.values.map((v) => JSON.stringify(v)).join(" or ");
  return `${field} is only ever ${values} here (${reach.valuesWhy})`;
}
