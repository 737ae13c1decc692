// Event filter patterns for the mapping, checked before synth: AWS only rejects them at apply time,
// and a pattern that matches nothing silently drops every record.
import type { Checker } from "./checks";

export const MAX_FILTERS = 5;
export const MAX_PATTERN_LENGTH = 4096;
// The top-level fields of a stream record as Lambda matches it; anything else can never match.
export const RECORD_FIELDS = [
  "eventID",
  "eventName",
  "eventVersion",
  "eventSource",
  "awsRegion",
  "dynamodb",
  "userIdentity",
];

export type FilterPattern = string | Readonly<Record<string, unknown>>;

/** Returns each pattern as the JSON text AWS expects; reports problems to `check`. */
export function resolveFilterPatterns(patterns: readonly FilterPattern[] | undefined, check: Checker): string[] {
  if (patterns === undefined) return [];
  if (!Array.isArray(patterns)) {
    check.fail("filterPatterns", patterns, `a list of at most ${MAX_FILTERS} JSON patterns`);
    return [];
  }
  if (patterns.length > MAX_FILTERS) {
    check.failAs(
      "filterPatterns",
      `${patterns.length} patterns`,
      `at most ${MAX_FILTERS} patterns (AWS's default quota)`,
    );
  }
  return patterns.map((pattern, i) => {
    const field = `filterPatterns[${i}]`;
    let parsed: unknown = pattern;
    if (typeof pattern === "string") {
      try {
        parsed = JSON.parse(pattern);
      } catch (error) {
        check.fail(field, pattern, `valid JSON (${(error as Error).message})`);
        return "";
      }
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed) || Object.keys(parsed).length === 0) {
      check.fail(field, pattern, 'a non-empty JSON object such as {"eventName":["INSERT"]}');
      return "";
    }
    const unknown = Object.keys(parsed).filter((key) => !RECORD_FIELDS.includes(key));
    if (unknown.length > 0) {
      check.fail(
        `${field}.${unknown[0]}`,
        (parsed as Record<string, unknown>)[unknown[0]],
        `a top-level field of a stream record: ${RECORD_FIELDS.join(", ")}`,
      );
    }
    const text = typeof pattern === "string" ? pattern : JSON.stringify(parsed);
    if (text.length > MAX_PATTERN_LENGTH) {
      check.failAs(field, `${text.length} characters long`, `at most ${MAX_PATTERN_LENGTH} characters`);
    }
    return text;
  });
}
