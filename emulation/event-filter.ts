// Lambda's event filtering, as the local trigger runner applies it: a record is delivered when it
// matches any of the mapping's patterns. Written here because no maintained npm package implements the
// rule language offline. It evaluates exactly the patterns settings/filter-grammar.ts accepts, with
// EventBridge's semantics: every key of a pattern must match; a leaf's list matches when any rule does;
// a list in the record matches when any element does; `exists` looks at leaves, so {"exists": false}
// matches below a missing parent too.
import { filterPatternProblems } from "../settings/filter-grammar";

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => v !== null && typeof v === "object" && !Array.isArray(v);

/** A pattern the grammar refuses: the runner reports it and delivers the record rather than dropping it. */
export class FilterPatternError extends Error {}

function ruleMatches(rule: Json, v: Json): boolean {
  if (!isObject(rule)) return v === rule;
  const [operator, operand] = Object.entries(rule)[0];
  switch (operator) {
    case "prefix":
      return typeof v === "string" && v.startsWith(operand as string);
    case "suffix":
      return typeof v === "string" && v.endsWith(operand as string);
    case "equals-ignore-case":
      return typeof v === "string" && v.toLowerCase() === (operand as string).toLowerCase();
    case "anything-but":
      return !(Array.isArray(operand) ? operand : [operand]).includes(v);
    case "numeric":
      return typeof v === "number" && numericMatches(operand as (string | number)[], v);
    default:
      throw new FilterPatternError(`unsupported filter operator ${JSON.stringify(operator)}`);
  }
}

function numericMatches(spec: (string | number)[], n: number): boolean {
  for (let i = 0; i < spec.length; i += 2) {
    const bound = spec[i + 1] as number;
    const ok = { "=": n === bound, "<": n < bound, "<=": n <= bound, ">": n > bound, ">=": n >= bound }[spec[i]];
    if (!ok) return false;
  }
  return true;
}

function leafMatches(rules: Json[], present: boolean, value: Json): boolean {
  return rules.some((rule) => {
    if (isObject(rule) && "exists" in rule) return rule.exists === present;
    if (!present) return false;
    return Array.isArray(value) ? value.some((item) => ruleMatches(rule, item)) : ruleMatches(rule, value);
  });
}

/** `value` is undefined below a missing field: only {"exists": false} can match there. */
function objectMatches(pattern: Record<string, Json>, value: Json): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === "$or")
      return (expected as Record<string, Json>[]).some((alternative) => objectMatches(alternative, value));
    const present = isObject(value) && key in value && value[key] !== undefined;
    const child = present ? (value as Record<string, Json>)[key] : undefined;
    if (Array.isArray(expected)) return leafMatches(expected, present && !isObject(child), child);
    return objectMatches(expected as Record<string, Json>, child);
  });
}

const checked = new Map<string, Record<string, Json>>();

/** Parses and checks a pattern once; throws FilterPatternError naming the first problem. */
function compile(pattern: Json): Record<string, Json> {
  const key = typeof pattern === "string" ? pattern : JSON.stringify(pattern);
  const known = checked.get(key);
  if (known) return known;
  const [problem] = filterPatternProblems(pattern);
  if (problem) {
    throw new FilterPatternError(
      `filter pattern ${key} is not one Lambda accepts: ${problem.path || "the pattern"} is ${problem.description ?? JSON.stringify(problem.value)}; allowed: ${problem.allowed}`,
    );
  }
  const parsed = (typeof pattern === "string" ? JSON.parse(pattern) : pattern) as Record<string, Json>;
  checked.set(key, parsed);
  return parsed;
}

export function matchesPattern(pattern: Json, record: Json): boolean {
  return objectMatches(compile(pattern), record);
}

/** True when there are no patterns, or the record matches at least one. */
export function passesFilters(patterns: readonly string[], record: Json): boolean {
  return patterns.length === 0 || patterns.some((p) => matchesPattern(p, record));
}
