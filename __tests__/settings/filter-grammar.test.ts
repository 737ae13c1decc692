// The filter grammar shared by the config check and the local runner: what Lambda accepts for a
// DynamoDB stream, and nothing that could never match.
import { filterPatternProblems } from "../../settings/filter-grammar";
import { ACCEPTED_PATTERNS } from "../support/filter-patterns";

const image = (rules: unknown) => ({ dynamodb: { NewImage: { status: { S: rules } } } });
const paths = (pattern: unknown) => filterPatternProblems(pattern).map((p) => p.path);

describe("a filter pattern Lambda accepts", () => {
  test.each(ACCEPTED_PATTERNS)("%s", (_name, pattern) => {
    expect(filterPatternProblems(pattern)).toEqual([]);
  });
});

describe("a filter pattern refused, with where and what is allowed", () => {
  test("a single value instead of a list", () => {
    const [problem] = filterPatternProblems({ eventName: "INSERT" });
    expect(problem).toMatchObject({ path: "eventName", value: "INSERT" });
    expect(problem.allowed).toContain("non-empty list");
  });

  test("an empty list", () => {
    expect(paths(image([]))).toEqual(["dynamodb.NewImage.status.S"]);
  });

  test.each([
    ["regex", { regex: "^r" }],
    ["wildcard", { wildcard: "r*" }],
    ["cidr", { cidr: "10.0.0.0/24" }],
  ])("an operator Lambda does not support: %s", (_name, rule) => {
    const [problem] = filterPatternProblems(image([rule]));
    expect(problem.path).toBe("dynamodb.NewImage.status.S[0]");
    expect(problem.allowed).toContain("prefix, suffix, equals-ignore-case, anything-but, numeric, exists");
  });

  test("an operator object with two operators", () => {
    expect(paths(image([{ prefix: "a", suffix: "b" }]))).toEqual(["dynamodb.NewImage.status.S[0]"]);
  });

  test("anything-but with prefix (not supported for Lambda)", () => {
    expect(paths(image([{ "anything-but": { prefix: "dr" } }]))).toEqual([
      "dynamodb.NewImage.status.S[0].anything-but",
    ]);
  });

  test("prefix with equals-ignore-case (not documented for Lambda)", () => {
    expect(paths(image([{ prefix: { "equals-ignore-case": "RE" } }]))).toEqual([
      "dynamodb.NewImage.status.S[0].prefix",
    ]);
  });

  test("numeric on a DynamoDB number, which reaches the filter as text", () => {
    const [problem] = filterPatternProblems({ dynamodb: { NewImage: { pages: { N: [{ numeric: [">", 100] }] } } } });
    expect(problem.path).toBe("dynamodb.NewImage.pages.N[0].numeric");
    expect(problem.allowed).toContain('{"N": ["300"]}');
  });

  test("a bare number under N", () => {
    expect(paths({ dynamodb: { Keys: { id: { N: [101] } } } })).toEqual(["dynamodb.Keys.id.N[0]"]);
  });

  test.each([
    ["an upper bound first", ["<", 5, ">", 1]],
    ["bounds the wrong way round", [">", 5, "<", 1]],
    ["an unknown comparison", ["!=", 5]],
    ["a number beyond ±5e9", [">", 1e10]],
    ["a string bound", [">", "5"]],
    ["an odd length", [">", 1, "<"]],
  ])("numeric with %s", (_name, operand) => {
    expect(paths({ dynamodb: { SizeBytes: [{ numeric: operand }] } })).toEqual(["dynamodb.SizeBytes[0].numeric"]);
  });

  test("exists on an image rather than on a typed value", () => {
    const [problem] = filterPatternProblems({ dynamodb: { OldImage: [{ exists: false }] } });
    expect(problem.path).toBe("dynamodb.OldImage");
    expect(problem.allowed).toContain('{"status": {"S": [{"exists": true}]}}');
  });

  test("exists on an attribute rather than on its type", () => {
    expect(paths({ dynamodb: { NewImage: { status: [{ exists: true }] } } })).toEqual(["dynamodb.NewImage.status"]);
  });

  test("null, which no stream record holds", () => {
    expect(paths(image([null]))).toEqual(["dynamodb.NewImage.status.S[0]"]);
  });

  test("a top-level key a stream record does not have", () => {
    const [problem] = filterPatternProblems({ data: { status: ["ready"] } });
    expect(problem).toMatchObject({ path: "data", allowed: expect.stringContaining("eventName") });
  });

  test("an image field a stream record does not have", () => {
    expect(paths({ dynamodb: { NewImages: { status: { S: ["x"] } } } })).toEqual(["dynamodb.NewImages"]);
  });

  test("an attribute written without its type", () => {
    expect(paths({ dynamodb: { NewImage: { status: { value: ["x"] } } } })).toEqual(["dynamodb.NewImage.status.value"]);
  });

  test("a list (L) attribute", () => {
    expect(paths({ dynamodb: { NewImage: { items: { L: { S: ["x"] } } } } })).toEqual(["dynamodb.NewImage.items.L"]);
  });

  test("an event name that never occurs", () => {
    const [problem] = filterPatternProblems({ eventName: ["insert"] });
    expect(problem).toMatchObject({ path: "eventName[0]", value: "insert" });
    expect(problem.allowed).toContain("INSERT, MODIFY, REMOVE");
  });

  test("a string where the record holds a boolean", () => {
    expect(paths({ dynamodb: { NewImage: { shipped: { BOOL: ["true"] } } } })).toEqual([
      "dynamodb.NewImage.shipped.BOOL[0]",
    ]);
  });

  test("$or with a single alternative", () => {
    expect(paths({ $or: [{ eventName: ["INSERT"] }] })).toEqual(["$or"]);
  });

  test("a problem inside an $or alternative", () => {
    expect(paths({ $or: [{ eventName: ["INSERT"] }, { eventName: "REMOVE" }] })).toEqual(["$or[1].eventName"]);
  });

  test("an empty pattern, a list, or text that is not JSON", () => {
    expect(paths({})).toEqual([""]);
    expect(paths([])).toEqual([""]);
    expect(filterPatternProblems("{nope")[0].allowed).toMatch(/^valid JSON/);
  });

  test("every problem of a pattern, not just the first", () => {
    expect(paths({ eventName: "INSERT", dynamodb: { NewImage: { a: { S: [{ wildcard: "x" }] } } } })).toEqual([
      "eventName",
      "dynamodb.NewImage.a.S[0]",
    ]);
  });
});
