// Lambda's event filtering, as the local trigger runner applies it: a record is delivered when it
// matches any of the mapping's patterns. Written here because no maintained npm package implements the
// rule language offline; it covers the operators Lambda supports for stream sources.
type Json = unknown;
type Rule = Json;

const isObject = (v: Json): v is Record<string, Json> => v !== null && typeof v === "object" && !Array.isArray(v);

function asNumber(v: Json): number | undefined {
  if (typeof v === "number") return v;
  // DynamoDB numbers travel as text ({"N": "5"}); Lambda compares them as numbers.
  if (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

function textRule(rule: Json, v: Json, test: (value: string, expected: string) => boolean): boolean {
  if (typeof v !== "string") return false;
  if (typeof rule === "string") return test(v, rule);
  if (isObject(rule) && typeof rule["equals-ignore-case"] === "string") {
    return test(v.toLowerCase(), (rule["equals-ignore-case"] as string).toLowerCase());
  }
  throw new Error(`unsupported filter operand ${JSON.stringify(rule)}`);
}

function numericRule(spec: Json, v: Json): boolean {
  const n = asNumber(v);
  if (n === undefined || !Array.isArray(spec) || spec.length % 2 !== 0) return false;
  for (let i = 0; i < spec.length; i += 2) {
    const [op, bound] = [spec[i], spec[i + 1] as number];
    const ok = { "=": n === bound, "<": n < bound, "<=": n <= bound, ">": n > bound, ">=": n >= bound }[op as string];
    if (ok === undefined) throw new Error(`unsupported numeric operator ${JSON.stringify(op)}`);
    if (!ok) return false;
  }
  return true;
}

function wildcard(v: Json, pattern: string): boolean {
  if (typeof v !== "string") return false;
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "s",
  );
  return regex.test(v);
}

/** Does one rule of a leaf's list match the value `v` (never undefined here)? */
function ruleMatches(rule: Rule, v: Json): boolean {
  if (rule === null) return v === null;
  if (typeof rule === "string") return v === rule;
  if (typeof rule === "number") return asNumber(v) === rule && typeof v !== "boolean";
  if (typeof rule === "boolean") return v === rule;
  if (!isObject(rule)) throw new Error(`unsupported filter rule ${JSON.stringify(rule)}`);
  const [operator, operand] = Object.entries(rule)[0] ?? [];
  switch (operator) {
    case "prefix":
      return textRule(operand, v, (a, b) => a.startsWith(b));
    case "suffix":
      return textRule(operand, v, (a, b) => a.endsWith(b));
    case "equals-ignore-case":
      return typeof v === "string" && typeof operand === "string" && v.toLowerCase() === operand.toLowerCase();
    case "wildcard":
      return wildcard(v, String(operand));
    case "numeric":
      return numericRule(operand, v);
    case "anything-but": {
      if (Array.isArray(operand)) return !operand.some((o) => ruleMatches(o, v));
      if (isObject(operand)) return !ruleMatches(operand, v);
      return !ruleMatches(operand, v);
    }
    default:
      throw new Error(`unsupported filter operator ${JSON.stringify(operator)}`);
  }
}

function leafMatches(rules: Json[], present: boolean, value: Json): boolean {
  return rules.some((rule) => {
    if (isObject(rule) && "exists" in rule) return rule.exists === present;
    if (!present) return false;
    // A list in the record matches when any of its elements does.
    return Array.isArray(value) ? value.some((item) => ruleMatches(rule, item)) : ruleMatches(rule, value);
  });
}

export function matchesPattern(pattern: Json, event: Json): boolean {
  if (!isObject(pattern)) throw new Error(`a filter pattern must be a JSON object, found ${JSON.stringify(pattern)}`);
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === "$or") {
      return Array.isArray(expected) && expected.some((alternative) => matchesPattern(alternative, event));
    }
    const present = isObject(event) && key in event;
    const value = present ? (event as Record<string, Json>)[key] : undefined;
    if (Array.isArray(expected)) return leafMatches(expected, present, value);
    if (isObject(expected)) return present && isObject(value) && matchesPattern(expected, value);
    throw new Error(`filter pattern values must be lists or objects, found ${JSON.stringify(expected)} at ${key}`);
  });
}

/** True when there are no patterns, or the record matches at least one. */
export function passesFilters(patterns: readonly string[], record: Json): boolean {
  return patterns.length === 0 || patterns.some((p) => matchesPattern(JSON.parse(p), record));
}
