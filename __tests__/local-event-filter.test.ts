import { matchesPattern, passesFilters } from "../local/event-filter";
import { DAN_BROWN, streamRecord } from "./support/records";

const record = (status: string, extra: Record<string, unknown> = {}) =>
  streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: { ...DAN_BROWN, status, ...extra } });

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
    expect(matchesPattern({ dynamodb: { NewImage: { status: { S: [{ prefix: "ready" }] } } } }, r)).toBe(true);
    expect(matchesPattern({ dynamodb: { NewImage: { status: { S: [{ suffix: "ship" }] } } } }, r)).toBe(true);
    expect(
      matchesPattern({ dynamodb: { NewImage: { status: { S: [{ "equals-ignore-case": "READY-TO-SHIP" }] } } } }, r),
    ).toBe(true);
    expect(matchesPattern({ dynamodb: { NewImage: { status: { S: [{ prefix: "draft" }] } } } }, r)).toBe(false);
  });

  test("supports anything-but", () => {
    const pattern = { dynamodb: { NewImage: { status: { S: [{ "anything-but": ["draft", "deleted"] }] } } } };
    expect(matchesPattern(pattern, record("ready"))).toBe(true);
    expect(matchesPattern(pattern, record("draft"))).toBe(false);
  });

  test("compares DynamoDB numbers, which travel as text, numerically", () => {
    const pattern = { dynamodb: { NewImage: { pages: { N: [{ numeric: [">", 100, "<=", 1000] }] } } } };
    expect(matchesPattern(pattern, record("x", { pages: 689 }))).toBe(true);
    expect(matchesPattern(pattern, record("x", { pages: 50 }))).toBe(false);
  });

  test("supports exists, on present and absent fields", () => {
    expect(matchesPattern({ dynamodb: { OldImage: [{ exists: false }] } }, record("x"))).toBe(true);
    expect(matchesPattern({ dynamodb: { NewImage: [{ exists: true }] } }, record("x"))).toBe(true);
    expect(matchesPattern({ dynamodb: { OldImage: [{ exists: true }] } }, record("x"))).toBe(false);
  });

  test("requires every key of a pattern to match", () => {
    expect(
      matchesPattern({ eventName: ["INSERT"], dynamodb: { NewImage: { status: { S: ["ready"] } } } }, record("draft")),
    ).toBe(false);
  });

  test("refuses an operator it does not know, rather than guessing", () => {
    expect(() => matchesPattern({ eventName: [{ cidr: "10.0.0.0/24" }] }, record("x"))).toThrow(
      'unsupported filter operator "cidr"',
    );
  });
});
