// The filter patterns a DynamoDB stream's event source mapping accepts, checked against the record's
// shape. Shared by the config check (synth) and the local runner, so a pattern that passes here is one
// Lambda accepts and the local matcher evaluates. Imports nothing: it runs in both.
//
// What Lambda's "Filter rule syntax" table documents (AWS Lambda developer guide, "Control which events
// Lambda sends to your function"): a leaf is a list of exact values ("", strings, numbers, booleans) or
// operator objects: prefix, suffix, equals-ignore-case, anything-but (a value or a list of values),
// numeric (=, <, <=, >, >=, or a range), exists; "$or" joins alternatives. EventBridge's other forms
// (wildcard, cidr, anything-but with prefix/suffix/equals-ignore-case, prefix/suffix with
// equals-ignore-case) are marked unsupported for pipes, which share Lambda's filtering, and Lambda's
// table does not list them: they are refused here.
//
// Beyond the syntax, rules that can never match at their place are refused, because a filter that matches
// nothing drops every record without a trace:
// - DynamoDB numbers reach the filter as text ({"N": "300"}), so numeric operators and bare numbers never
//   match under N (AWS's serverless-patterns "lambda-esm-ddb-filters-sam" says the same); only
//   ApproximateCreationDateTime and SizeBytes are numbers.
// - exists works on leaves only: {"status": {"S": [{"exists": true}]}}, not {"status": [...]}.
// - a stream record holds no null, so [null] never matches (use [{"exists": false}] for a missing value).
// - a rule no record can meet where it stands (filter-reach.ts): a condition on an image the records do not
//   carry, {"exists": false} on what every record has, a value the place never holds.
// - a key given twice in one object of a pattern's text: JSON.parse keeps the last, and which one AWS reads
//   is not defined, so the pattern checked here might not be the one that runs.
import { childReach, narrowEvents, type Reach, recordReach, type TableFacts, unreachable } from "./filter-reach";

import { ATTRIBUTE_TYPES, RECORD, type Shape } from "./filter-shapes";
import { duplicateKeyPaths } from "./json-duplicate-keys";

export type { TableFacts } from "./filter-reach";

export interface FilterProblem {
  /** Where, relative to the pattern: `dynamodb.NewImage.status.S[0]`, `eventName`. */
  readonly path: string;
  readonly value: unknown;
  /** The value in words, where quoting it says less (such as "given twice"). */
  readonly description?: string;
  /** What is allowed there, in words. */
  readonly allowed: string;
}

const OPERATORS = "prefix, suffix, equals-ignore-case, anything-but, numeric, exists";
const LEAF_EXAMPLE = '["ready"] or [{"prefix": "re"}]';
// EventBridge's bound for numeric matching.
const NUMERIC_LIMIT = 5e9;

// A pattern's keys are data: "constructor" or "toString" must not find Object.prototype's members.
const ownValue = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

class PatternChecker {
  readonly problems: FilterProblem[] = [];

  fail(path: string, value: unknown, allowed: string): void {
    this.problems.push({ path, value, allowed });
  }

  object(shape: Shape, value: unknown, path: string, reach: Reach) {
    if (shape.kind === "leaf") return this.leaf(shape, value, path, reach);
    const what =
      shape.kind === "attribute"
        ? 'an object naming the value\'s type: S, N, B, BOOL, NULL, SS, NS, BS or M, e.g. {"S": ["ready"]}'
        : shape.kind === "attributes"
          ? 'an object of attribute names, e.g. {"status": {"S": ["ready"]}}'
          : `an object of ${Object.keys(shape.fields).join(", ")}`;
    if (!isObject(value) || Object.keys(value).length === 0) {
      const hint = Array.isArray(value)
        ? ' (a list matches a single value; exists too works only on a value: {"status": {"S": [{"exists": true}]}})'
        : "";
      return this.fail(path, value, `${what}${hint}`);
    }
    // The keys of one object all hold: an eventName rule beside them limits the records the others see.
    const here = shape === RECORD ? narrowEvents(reach, value.eventName) : reach;
    if (shape.kind === "attribute") this.oneType(value, path);
    for (const [key, child] of Object.entries(value)) {
      const at = join(path, key);
      const under = childReach(key === "eventName" ? reach : here, key);
      if (key === "$or") this.alternatives(shape, child, at, here);
      else if (shape.kind === "attributes") this.object({ kind: "attribute" }, child, at, under);
      else if (shape.kind === "attribute") {
        const type = ownValue(ATTRIBUTE_TYPES, key);
        if (type) this.object(type, child, at, under);
        else if (key === "L")
          this.fail(at, child, "S, N, B, BOOL, NULL, SS, NS, BS or M: lists (L) cannot be filtered element by element");
        else this.fail(at, child, "a DynamoDB type: S, N, B, BOOL, NULL, SS, NS, BS or M");
      } else {
        const field = ownValue(shape.fields, key);
        if (field) this.object(field, child, at, under);
        else {
          const where = path === "" ? "a top-level field of a stream record" : "a field of the record here";
          this.fail(at, child, `${where}: ${Object.keys(shape.fields).join(", ")}`);
        }
      }
    }
  }

  /** An attribute holds one type: values required under two of its types at once never match. */
  oneType(attribute: Record<string, unknown>, path: string) {
    const required = Object.keys(attribute).filter((type) => {
      const rules = attribute[type];
      return (
        Object.hasOwn(ATTRIBUTE_TYPES, type) &&
        Array.isArray(rules) &&
        !rules.some((r) => isObject(r) && r.exists === false)
      );
    });
    if (required.length > 1)
      this.fail(
        path,
        attribute,
        `a condition some record can meet: an attribute holds one type, so values under ${required.join(" and ")} at once never match (use $or for either)`,
      );
  }

  alternatives(shape: Shape, value: unknown, path: string, reach: Reach) {
    if (!Array.isArray(value) || value.length < 2)
      return this.fail(path, value, 'a list of at least two patterns, e.g. [{"S": ["a"]}, {"N": ["1"]}]');
    value.forEach((alternative, i) => {
      this.object(shape, alternative, `${path}[${i}]`, reach);
    });
  }

  leaf(shape: Extract<Shape, { kind: "leaf" }>, value: unknown, path: string, reach: Reach) {
    if (!Array.isArray(value) || value.length === 0)
      return this.fail(path, value, `a non-empty list of values or operators, e.g. ${LEAF_EXAMPLE}`);
    value.forEach((rule, i) => {
      const at = `${path}[${i}]`;
      const before = this.problems.length;
      this.rule(shape, rule, at);
      // Only a rule Lambda accepts is worth judging against what records hold.
      const why = this.problems.length === before ? unreachable(rule, reach) : undefined;
      if (why !== undefined) this.fail(at, rule, `a condition some record can meet: ${why}`);
    });
  }

  rule(shape: Extract<Shape, { kind: "leaf" }>, rule: unknown, path: string) {
    if (rule === null)
      return this.fail(path, rule, 'no null: a stream record holds none (for a missing value use {"exists": false})');
    if (isObject(rule)) return this.operator(shape, rule, path);
    const wanted = { text: "string", number: "number", boolean: "boolean" }[shape.leaf];
    if (typeof rule !== wanted || (typeof rule === "number" && !Number.isFinite(rule))) {
      return this.fail(path, rule, this.leafValues(shape));
    }
    if (shape.oneOf && !shape.oneOf.includes(rule as string))
      this.fail(path, rule, `one of ${shape.oneOf.join(", ")} (exact, case-sensitive)`);
  }

  leafValues(shape: Extract<Shape, { kind: "leaf" }>): string {
    if (shape.leaf === "boolean") return "true or false";
    if (shape.leaf === "number") return "a number, or an operator object";
    return 'text, or an operator object: the record holds text here (DynamoDB numbers too: {"N": ["300"]})';
  }

  operator(shape: Extract<Shape, { kind: "leaf" }>, rule: Record<string, unknown>, path: string) {
    const keys = Object.keys(rule);
    if (keys.length !== 1) return this.fail(path, rule, `an object with exactly one operator: ${OPERATORS}`);
    const [name] = keys;
    const operand = rule[name];
    const at = `${path}.${name}`;
    switch (name) {
      case "exists":
        if (typeof operand !== "boolean") this.fail(at, operand, "true or false");
        return;
      case "prefix":
      case "suffix":
      case "equals-ignore-case":
        if (shape.leaf !== "text") return this.fail(at, operand, `${name} only on text; here use a value or numeric`);
        if (typeof operand !== "string")
          this.fail(at, operand, "a string (Lambda does not document prefix/suffix with equals-ignore-case)");
        return;
      case "anything-but":
        return this.anythingBut(shape, operand, at);
      case "numeric":
        if (shape.leaf !== "number")
          return this.fail(
            at,
            operand,
            'numeric only on ApproximateCreationDateTime and SizeBytes: DynamoDB numbers reach the filter as text, so numeric never matches them; match exact text such as {"N": ["300"]}',
          );
        return this.numeric(operand, at);
      default:
        this.fail(path, rule, `one of the operators Lambda filters support: ${OPERATORS}`);
    }
  }

  anythingBut(shape: Extract<Shape, { kind: "leaf" }>, operand: unknown, path: string) {
    const wanted = shape.leaf === "text" ? "string" : shape.leaf === "number" ? "number" : undefined;
    if (wanted === undefined)
      return this.fail(path, operand, "anything-but on text or numbers; here use [true] or [false]");
    const values = Array.isArray(operand) ? operand : [operand];
    const ok =
      values.length > 0 && values.every((v) => typeof v === wanted && (typeof v !== "number" || Number.isFinite(v)));
    if (!ok)
      this.fail(
        path,
        operand,
        `a ${wanted} or a non-empty list of ${wanted}s (Lambda does not support anything-but with prefix, suffix, equals-ignore-case or wildcard)`,
      );
  }

  numeric(operand: unknown, path: string) {
    const allowed =
      'a comparison such as ["=", 100] or [">", 0], or a range such as [">", 0, "<=", 5] (numbers within ±5e9)';
    if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4))
      return this.fail(path, operand, allowed);
    const inRange = (n: unknown): n is number =>
      typeof n === "number" && Number.isFinite(n) && Math.abs(n) <= NUMERIC_LIMIT;
    const [op1, n1, op2, n2] = operand;
    if (operand.length === 2) {
      if (!["=", "<", "<=", ">", ">="].includes(op1 as string) || !inRange(n1)) this.fail(path, operand, allowed);
      return;
    }
    const lower = op1 === ">" || op1 === ">=";
    const upper = op2 === "<" || op2 === "<=";
    if (!lower || !upper || !inRange(n1) || !inRange(n2) || n1 >= n2)
      this.fail(path, operand, `${allowed}; a range is a lower bound (> or >=) then a greater upper bound (< or <=)`);
  }
}

// A pattern of at most 4,096 characters can neither nest nor hold more than this. The check walks a
// pattern recursively: an object given in config that nests deeper, or refers to itself, would exhaust
// the stack instead of being refused.
const MAX_DEPTH = 1000;
const MAX_VALUES = 10_000;

/** Why a pattern is too large to be one Lambda accepts, in words; undefined when it is not. */
function sizeProblem(pattern: unknown): string | undefined {
  const pending: [unknown, number][] = [[pattern, 0]];
  let values = 0;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, depth] = next;
    if (depth > MAX_DEPTH)
      return `nested more than ${MAX_DEPTH.toLocaleString("en-US")} levels deep, or refers to itself`;
    if (++values > MAX_VALUES) return `made of more than ${MAX_VALUES.toLocaleString("en-US")} values`;
    if (value !== null && typeof value === "object") {
      for (const child of Object.values(value)) pending.push([child, depth + 1]);
    }
  }
  return undefined;
}

/**
 * The problems of one filter pattern (a parsed JSON object, or its text) for a DynamoDB stream; an empty
 * list means Lambda accepts it and every rule in it can match some record of a table with `facts`.
 */
export function filterPatternProblems(pattern: unknown, facts: TableFacts = {}): FilterProblem[] {
  let parsed = pattern;
  if (typeof pattern === "string") {
    try {
      parsed = JSON.parse(pattern);
    } catch (error) {
      return [{ path: "", value: pattern, allowed: `valid JSON (${(error as Error).message})` }];
    }
  }
  const checker = new PatternChecker();
  const size = sizeProblem(parsed);
  if (size) return [{ path: "", value: size, allowed: "a pattern of at most 4,096 characters of JSON" }];
  if (typeof pattern === "string") {
    for (const path of duplicateKeyPaths(pattern)) {
      checker.problems.push({
        path,
        value: pattern,
        description: "given twice in one object",
        allowed: "each key once per object (JSON.parse keeps the last; which one AWS reads is not defined)",
      });
    }
  }
  if (!isObject(parsed) || Object.keys(parsed).length === 0) {
    checker.fail(
      "",
      parsed,
      'a non-empty JSON object such as {"dynamodb": {"NewImage": {"status": {"S": ["ready"]}}}}',
    );
  } else checker.object(RECORD, parsed, "", recordReach(facts));
  return checker.problems;
}
