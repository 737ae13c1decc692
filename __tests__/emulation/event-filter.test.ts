import { FilterPatternError, matchesPattern, passesFilters } from "../../emulation/event-filter";
import { ACCEPTED_PATTERNS } from "../support/filter-patterns";
import { DAN_BROWN, streamRecord } from "../support/records";

const record = (status: string, extra: Record<string, unknown> = {}) =>
  streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: { ...DAN_BROWN, status, ...extra } });
const status = (rules: unknown) => ({ dynamodb: { NewImage: { status: { S: rules } } } });

describe("the local filter", () => {
  test("passes every record when there are no patterns", () => {
    expect(passesFilters([], record("draft"))).toBe(true);
  });

  test("matches an exact value inside the DynamoDB image", () => {
    const p = '{"dynamodb":{"NewImage":{"status":{"S":["ready"]}}}}';
    expect(passesFilters([p], record("ready"))).toBe(true);
    expect(passesFilters([p], record("draft"))).toBe(false);
  });

  test("matches the event name against a list of allowed values", () => {
    expect(matchesPattern({ eventName: ["INSERT", "MODIFY"] }, record("x"))).toBe(true);
    expect(matchesPattern({ eventName: ["REMOVE"] }, record("x"))).toBe(false);
  });

  test("ORs patterns together", () => {
    expect(passesFilters(['{"eventName":["REMOVE"]}', '{"eventName":["INSERT"]}'], record("x"))).toBe(true);
  });

  test("supports prefix, suffix and equals-ignore-case", () => {
    const r = record("ready-to-ship");
    expect(matchesPattern(status([{ prefix: "ready" }]), r)).toBe(true);
    expect(matchesPattern(status([{ suffix: "ship" }]), r)).toBe(true);
    expect(matchesPattern(status([{ "equals-ignore-case": "READY-TO-SHIP" }]), r)).toBe(true);
    expect(matchesPattern(status([{ prefix: "draft" }]), r)).toBe(false);
  });

  test("supports anything-but, which needs the value to be there", () => {
    const pattern = status([{ "anything-but": ["draft", "deleted"] }]);
    expect(matchesPattern(pattern, record("ready"))).toBe(true);
    expect(matchesPattern(pattern, record("draft"))).toBe(false);
    expect(matchesPattern(pattern, streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN }))).toBe(
      false,
    );
  });

  test("matches a DynamoDB number by its exact text, as Lambda does", () => {
    const pattern = { dynamodb: { NewImage: { pages: { N: ["689"] } } } };
    expect(matchesPattern(pattern, record("x", { pages: 689 }))).toBe(true);
    expect(matchesPattern(pattern, record("x", { pages: 690 }))).toBe(false);
  });

  test("compares the record's own numbers numerically", () => {
    expect(matchesPattern({ dynamodb: { SizeBytes: [{ numeric: [">", 50, "<=", 100] }] } }, record("x"))).toBe(true);
    expect(matchesPattern({ dynamodb: { SizeBytes: [{ numeric: ["<", 50] }] } }, record("x"))).toBe(false);
  });

  test("exists looks at typed values, and false matches below a missing attribute", () => {
    expect(matchesPattern(status([{ exists: true }]), record("x"))).toBe(true);
    expect(matchesPattern({ dynamodb: { NewImage: { missing: { S: [{ exists: false }] } } } }, record("x"))).toBe(true);
    expect(matchesPattern({ dynamodb: { OldImage: { author: { S: [{ exists: false }] } } } }, record("x"))).toBe(true);
    expect(matchesPattern({ dynamodb: { NewImage: { missing: { S: [{ exists: true }] } } } }, record("x"))).toBe(false);
  });

  test("matches a set when any element does", () => {
    const r = record("x", { tags: new Set(["red", "blue"]) });
    expect(matchesPattern({ dynamodb: { NewImage: { tags: { SS: ["blue"] } } } }, r)).toBe(true);
    expect(matchesPattern({ dynamodb: { NewImage: { tags: { SS: ["green"] } } } }, r)).toBe(false);
  });

  test("matches $or when any alternative does", () => {
    const pattern = { $or: [{ eventName: ["REMOVE"] }, status(["ready"])] };
    expect(matchesPattern(pattern, record("ready"))).toBe(true);
    expect(matchesPattern(pattern, record("draft"))).toBe(false);
  });

  test("requires every key of a pattern to match", () => {
    expect(matchesPattern({ eventName: ["INSERT"], ...status(["ready"]) }, record("draft"))).toBe(false);
  });

  test.each(ACCEPTED_PATTERNS)("evaluates every pattern the grammar accepts: %s", (_name, pattern) => {
    for (const r of [record("ready"), record("draft", { shipped: true, tags: new Set(["red"]) })]) {
      expect(typeof matchesPattern(pattern, r)).toBe("boolean");
    }
  });

  test("refuses a pattern the grammar refuses, naming the problem, rather than guessing", () => {
    expect(() => matchesPattern({ eventName: [{ cidr: "10.0.0.0/24" }] }, record("x"))).toThrow(FilterPatternError);
    expect(() => matchesPattern({ eventName: "INSERT" }, record("x"))).toThrow(
      /eventName is "INSERT"; allowed: a non-empty list/,
    );
  });

  test("refuses a text pattern that gives a key twice, rather than judging by the last", () => {
    expect(() => matchesPattern('{"eventName":["MODIFY"],"eventName":["INSERT"]}', record("x"))).toThrow(
      /eventName is given twice in one object; allowed: each key once per object/,
    );
  });
});
