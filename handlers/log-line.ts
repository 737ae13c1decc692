// One log line exactly as Powertools Logger prints it, built without its per-line costs: Powertools
// deep-merges every attribute into a fresh object, then stringifies with a replacer that runs on every
// value (and keeps an ancestor list for cycles); here the attributes are checked once and the line
// stringified natively, with the replacer only where it changes something (Sets). Where Powertools'
// output could differ (Errors, class instances, cycles, BigInts, reserved keys, ...), `formatLine`
// answers undefined and the caller logs through Powertools itself.
// One deliberate difference: Powertools' deep merge drops every key named `__proto__` or `constructor`
// at any depth, and an image's attribute may have either name; here they are printed as the data holds
// them, so the line shows the whole item.
// Pure: no I/O, no globals, so tests call it directly.

/** Our replacer for Powertools: Sets (DynamoDB's SS, NS and BS) would otherwise print as {}. */
export function setsAsLists(_key: string, value: unknown): unknown {
  return value instanceof Set ? [...value] : value;
}

/**
 * Keys that may not be set on a line by assignment (`__proto__` would set its prototype), and a toJSON
 * JSON.stringify would call; with Powertools' reserved keys, which it drops from extra attributes with
 * a warning. Only the extras' own keys are set that way: nested values are printed as they are.
 */
const RESERVED = new Set([
  "__proto__",
  "constructor",
  "toJSON",
  "level",
  "message",
  "sampling_rate",
  "service",
  "timestamp",
]);
const MAX_DEPTH = 64;
const HAS_SETS = 1;
const UNSAFE = 2;

/**
 * The JSON text Powertools would print for `logger.info(message, ...extras)`, with `sequenceNumber`
 * appended as a key and each line indented by `indentation` spaces as Powertools' development mode
 * does; undefined where only Powertools can tell.
 * `base` holds the fields Powertools computes once per invocation (level, message, timestamp, service,
 * cold start, function name, ARN and memory, request id, sampling rate, trace id, ...) in its order,
 * empty ones as undefined so that JSON leaves them out while the key keeps its place, as in Powertools.
 */
export function formatLine(
  base: Readonly<Record<string, unknown>>,
  timestamp: string,
  message: unknown,
  sequenceNumber: string,
  extras: readonly unknown[],
  indentation = 0,
): string | undefined {
  if (typeof message !== "string") return undefined;
  // Not { ...base }: V8 (Node 20) stringifies an object made by spreading several times slower.
  const line: Record<string, unknown> = Object.assign({}, base);
  line.level = "INFO";
  line.message = message || undefined;
  line.timestamp = timestamp;
  // Powertools' order: appended keys, then each extra object's keys, a later value replacing an earlier one.
  const attributes: Record<string, unknown> = { sequenceNumber };
  for (const extra of extras) {
    if (extra === undefined || extra === null) continue;
    if (!isPlainObject(extra)) return undefined;
    for (const key in extra) {
      if (RESERVED.has(key)) return undefined;
      attributes[key] = extra[key];
    }
  }
  let found = 0;
  for (const key in attributes) {
    const value = attributes[key];
    if (value === undefined) continue; // an undefined attribute never replaces a field
    found |= kind(value, 0);
    line[key] = value === null || value === "" ? undefined : value;
  }
  if (found & UNSAFE) return undefined;
  try {
    return JSON.stringify(line, found & HAS_SETS ? setsAsLists : undefined, indentation);
  } catch {
    return undefined; // a BigInt: Powertools prints it as text
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

// 0 where JSON.stringify prints the value as Powertools does, HAS_SETS where it holds Sets, and
// UNSAFE where it holds anything Powertools prints its own way (or a cycle: too deep).
function kind(value: unknown, depth: number): number {
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value) || value instanceof Date) return 0;
  const set = value instanceof Set;
  if (depth > MAX_DEPTH) return UNSAFE;
  let found = set ? HAS_SETS : 0;
  if (set || Array.isArray(value)) {
    for (const item of value) found |= kind(item, depth + 1);
  } else if (isPlainObject(value)) {
    for (const key in value) {
      // JSON.stringify calls a toJSON function (Powertools' clone keeps it, and calls it with another `this`).
      if (key === "toJSON" && typeof value[key] === "function") return UNSAFE;
      found |= kind(value[key], depth + 1);
    }
  } else {
    return UNSAFE;
  }
  return found;
}
