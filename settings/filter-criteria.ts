// Event filter patterns for the mapping, checked before synth: AWS only rejects them at apply time,
// and a pattern that matches nothing silently drops every record. The grammar itself lives in
// filter-grammar.ts, shared with the local runner, so a pattern that synthesizes always runs locally.
import type { Checker } from "./checks";
import { type FilterProblem, filterPatternProblems, type TableFacts } from "./filter-grammar";

export const MAX_FILTERS = 5;
export const MAX_PATTERN_LENGTH = 4096;

export type FilterPattern = string | Readonly<Record<string, unknown>>;

function parse(pattern: FilterPattern): { readonly value?: unknown; readonly error?: string } {
  if (typeof pattern !== "string") return { value: pattern };
  try {
    return { value: JSON.parse(pattern) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Reports every pattern AWS would reject, naming the pattern and the path inside it. */
export function checkFilterPatterns(check: Checker, field: string, patterns: unknown): void {
  if (!Array.isArray(patterns)) {
    check.fail(field, patterns, `a list of at most ${MAX_FILTERS} JSON patterns`);
    return;
  }
  if (patterns.length > MAX_FILTERS) {
    check.failAs(field, `${patterns.length} patterns`, `at most ${MAX_FILTERS} patterns (AWS's default quota)`);
  }
  patterns.forEach((pattern: FilterPattern, i) => {
    const at = `${field}[${i}]`;
    const { value, error } = parse(pattern);
    if (error !== undefined) {
      check.fail(at, pattern, `valid JSON (${error})`);
      return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value) || Object.keys(value).length === 0) {
      check.fail(at, pattern, 'a non-empty JSON object such as {"eventName":["INSERT"]}');
      return;
    }
    // The text itself where given: only it can repeat a key.
    report(check, at, filterPatternProblems(pattern));
    const text = typeof pattern === "string" ? pattern : jsonText(value);
    if (text !== undefined && text.length > MAX_PATTERN_LENGTH) {
      check.failAs(at, `${text.length} characters long`, `at most ${MAX_PATTERN_LENGTH} characters`);
    }
  });
}

function report(check: Checker, at: string, problems: readonly FilterProblem[], suffix = ""): void {
  for (const problem of problems) {
    const where = problem.path ? `${at}.${problem.path}` : at;
    if (problem.description !== undefined) check.failAs(where, problem.description, problem.allowed + suffix);
    else check.fail(where, problem.value, problem.allowed + suffix);
  }
}

/**
 * Reports every rule that no record of this table can meet (an image its view type leaves out, a key
 * it does not have). Run on the trigger's own patterns or those it takes from triggerDefaults, once
 * checkFilterPatterns found them valid: the same pattern can suit one table and not another.
 */
export function checkFilterReach(
  check: Checker,
  field: string,
  patterns: unknown,
  facts: TableFacts,
  /** The trigger, where the patterns are the environment's triggerDefaults it takes. */
  taker?: string,
): void {
  if (!Array.isArray(patterns)) return;
  patterns.forEach((pattern: unknown, i) => {
    if (filterPatternProblems(pattern).length > 0) return;
    const suffix = taker ? ` (for ${taker}, which takes it from triggerDefaults)` : "";
    report(check, `${field}[${i}]`, filterPatternProblems(pattern, facts), suffix);
  });
}

/** A pattern object as JSON text; undefined for one JSON cannot hold (a BigInt, a cycle), already reported. */
function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** Each pattern as the JSON text AWS expects (used once checkFilterPatterns found no problem). */
export function filterPatternTexts(patterns: readonly FilterPattern[] | undefined): string[] {
  if (!Array.isArray(patterns)) return [];
  return patterns.map((p) => (typeof p === "string" ? p : (jsonText(p) ?? "")));
}
