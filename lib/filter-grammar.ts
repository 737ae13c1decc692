// The grammar of a Lambda event filter pattern for DynamoDB stream records. Pure: shared by the
// config check and the local runner.

export interface FilterProblem {
  /** Where in the pattern, such as `dynamodb.NewImage.status.S`; empty for the whole pattern. */
  readonly path: string;
  readonly value: unknown;
  readonly allowed: string;
}

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
const OPERATORS = ["prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists", "wildcard"];

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

function leafProblems(path: string, leaf: unknown[], problems: FilterProblem[]): void {
  for (const rule of leaf) {
    if (rule === null || ["string", "number", "boolean"].includes(typeof rule)) continue;
    const operator = isObject(rule) ? Object.keys(rule) : [];
    if (operator.length !== 1 || !OPERATORS.includes(operator[0])) {
      problems.push({ path, value: rule, allowed: `a value or one operator of ${OPERATORS.join(", ")}` });
    }
  }
}

function nodeProblems(path: string, node: Record<string, unknown>, problems: FilterProblem[]): void {
  for (const [key, value] of Object.entries(node)) {
    const at = path ? `${path}.${key}` : key;
    if (Array.isArray(value)) {
      if (value.length === 0) problems.push({ path: at, value, allowed: "a non-empty list of values or operators" });
      else leafProblems(at, value, problems);
    } else if (isObject(value) && Object.keys(value).length > 0) {
      nodeProblems(at, value, problems);
    } else {
      problems.push({ path: at, value, allowed: 'a list of values or operators, such as ["INSERT"]' });
    }
  }
}

/** Every way `pattern` breaks the grammar Lambda accepts; empty when it is valid. */
export function filterPatternProblems(pattern: unknown): FilterProblem[] {
  if (!isObject(pattern)) return [{ path: "", value: pattern, allowed: "a JSON object" }];
  const problems: FilterProblem[] = [];
  for (const key of Object.keys(pattern)) {
    if (!RECORD_FIELDS.includes(key)) {
      problems.push({
        path: key,
        value: pattern[key],
        allowed: `a top-level field of a stream record: ${RECORD_FIELDS.join(", ")}`,
      });
    }
  }
  const known = Object.fromEntries(Object.entries(pattern).filter(([k]) => RECORD_FIELDS.includes(k)));
  nodeProblems("", known, problems);
  return problems;
}
