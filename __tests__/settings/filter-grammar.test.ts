// The filter grammar shared by the config check and the local runner: what Lambda accepts for a
// DynamoDB stream, and nothing that could never match.
import { filterPatternProblems } from "../../settings/filter-grammar";
import { ACCEPTED_PATTERNS } from "../support/filter-patterns";

const image = (rules: unknown) => ({ dynamodb: { NewImage: { status: { S: rules } } } });
const paths = (pattern: unknown, facts = {}) => filterPatternProblems(pattern, facts).map((p) => p.path);

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

  test.each([
    ['{"constructor":["x"]}', "constructor"],
    ['{"dynamodb":{"toString":["x"]}}', "dynamodb.toString"],
    ['{"dynamodb":{"NewImage":{"a":{"constructor":["x"]}}}}', "dynamodb.NewImage.a.constructor"],
    ['{"__proto__":["x"]}', "__proto__"],
  ])("a key named like a member of every object, %s, refused as unknown", (text, path) => {
    expect(paths(text)).toEqual([path]);
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

describe("a rule no record can meet, refused naming why", () => {
  const ALL_IMAGES = { streamViewType: "NEW_AND_OLD_IMAGES" };
  const KEYS = { keys: [{ name: "author", type: "S" }] };
  const whyOf = (pattern: unknown, facts = {}) =>
    filterPatternProblems(pattern, facts).map((p) => `${p.path}: ${p.allowed}`);

  test.each([
    ["KEYS_ONLY", "NewImage"],
    ["KEYS_ONLY", "OldImage"],
    ["NEW_IMAGE", "OldImage"],
    ["OLD_IMAGE", "NewImage"],
  ])("with streamViewType %s, any condition on %s", (view, image) => {
    expect(whyOf({ dynamodb: { [image]: { status: { S: ["x"] } } } }, { streamViewType: view })).toEqual([
      `dynamodb.${image}.status.S[0]: a condition some record can meet: with streamViewType ${view} records carry no ${image}`,
    ]);
  });

  test("but a missing value there, which every record meets", () => {
    expect(
      whyOf({ dynamodb: { NewImage: { status: { S: [{ exists: false }] } } } }, { streamViewType: "KEYS_ONLY" }),
    ).toEqual([]);
  });

  test.each([
    [["INSERT"], "OldImage"],
    [["REMOVE"], "NewImage"],
    [[{ prefix: "INS" }], "OldImage"],
    [[{ "anything-but": ["INSERT", "MODIFY"] }], "NewImage"],
  ])("eventName %j with a condition on %s", (eventName, image) => {
    const [problem] = filterPatternProblems({ eventName, dynamodb: { [image]: { a: { S: ["x"] } } } }, ALL_IMAGES);
    expect(problem.path).toBe(`dynamodb.${image}.a.S[0]`);
    expect(problem.allowed).toMatch(new RegExp(`eventName lets through only \\w+ records, which carry no ${image}$`));
  });

  test("an image with the events that carry it", () => {
    expect(whyOf({ eventName: ["INSERT", "MODIFY"], dynamodb: { NewImage: { a: { S: ["x"] } } } }, ALL_IMAGES)).toEqual(
      [],
    );
    expect(whyOf({ eventName: ["MODIFY"], dynamodb: { OldImage: { a: { S: ["x"] } } } }, ALL_IMAGES)).toEqual([]);
  });

  test("an alternative of $or sees only the events its own eventName and the pattern's let through", () => {
    const pattern = {
      eventName: ["INSERT", "REMOVE"],
      $or: [{ eventName: ["REMOVE"], dynamodb: { NewImage: { a: { S: ["x"] } } } }, { eventName: ["MODIFY"] }],
    };
    expect(filterPatternProblems(pattern).map((p) => p.path)).toEqual([
      "$or[0].dynamodb.NewImage.a.S[0]",
      "$or[1].eventName[0]",
    ]);
  });

  test("a userIdentity condition on events other than REMOVE, the only ones TTL deletes are", () => {
    expect(whyOf({ eventName: ["INSERT"], userIdentity: { type: ["Service"] } })).toEqual([
      "userIdentity.type[0]: a condition some record can meet: eventName lets through only INSERT records, which carry no userIdentity (only TTL deletes, REMOVE records, have one)",
    ]);
  });

  test.each([
    ["eventName", { eventName: [{ exists: false }] }],
    ["eventSource", { eventSource: [{ exists: false }] }],
    ["dynamodb.Keys", { dynamodb: { Keys: { author: { S: [{ exists: false }] } } } }],
    ["dynamodb.SizeBytes", { dynamodb: { SizeBytes: [{ exists: false }] } }],
  ])("a missing %s, which every record has", (field, pattern) => {
    const [problem] = filterPatternProblems(pattern, KEYS);
    expect(problem.allowed).toContain(`every record has ${field}`);
  });

  test("a value the field never holds", () => {
    expect(whyOf({ eventSource: ["aws:kinesis"] })).toEqual([
      'eventSource[0]: a condition some record can meet: eventSource is only ever "aws:dynamodb" here (DynamoDB\'s)',
    ]);
    expect(
      whyOf({ dynamodb: { StreamViewType: [{ "anything-but": "KEYS_ONLY" }] } }, { streamViewType: "KEYS_ONLY" }),
    ).toEqual([
      'dynamodb.StreamViewType[0]: a condition some record can meet: StreamViewType is only ever "KEYS_ONLY" here (the table\'s streamViewType)',
    ]);
  });

  test.each([
    ["NULL false (DynamoDB's NULL is always true)", { dynamodb: { NewImage: { gone: { NULL: [false] } } } }],
    ["text that is no number under N", { dynamodb: { NewImage: { pages: { N: ["many"] } } } }],
    ["text that is no number under NS", { dynamodb: { OldImage: { sizes: { NS: ["1", "L"] } } } }],
    ["another eventVersion", { eventVersion: ["1.0"] }],
    ["a TTL delete's principal other than DynamoDB", { userIdentity: { principalId: ["events.amazonaws.com"] } }],
  ])("%s", (_name, pattern) => {
    expect(filterPatternProblems(pattern)).toHaveLength(1);
    expect(filterPatternProblems(pattern)[0].allowed).toMatch(/^a condition some record can meet: /);
  });

  test("values required under two types of one attribute at once", () => {
    expect(whyOf({ dynamodb: { NewImage: { status: { S: ["1"], N: ["1"] } } } })).toEqual([
      "dynamodb.NewImage.status: a condition some record can meet: an attribute holds one type, so values under S and N at once never match (use $or for either)",
    ]);
    expect(whyOf({ dynamodb: { NewImage: { status: { S: ["1"], N: [{ exists: false }] } } } })).toEqual([]);
    expect(whyOf({ dynamodb: { NewImage: { status: { $or: [{ S: ["1"] }, { N: ["1"] }] } } } })).toEqual([]);
  });

  test.each([
    [{ SizeBytes: [0] }],
    [{ SizeBytes: [{ numeric: ["<", 1] }] }],
    [{ SizeBytes: [{ numeric: [">", -5, "<=", 0] }] }],
    [{ ApproximateCreationDateTime: [{ numeric: ["=", 0] }] }],
  ])("a size or creation time below 1, which no record has: %j", (dynamodb) => {
    const [problem] = filterPatternProblems({ dynamodb });
    expect(problem.allowed).toMatch(/is at least 1 in every record$/);
  });

  test("a size or creation time some record has", () => {
    expect(paths({ dynamodb: { SizeBytes: [{ numeric: ["<=", 1] }, 1, { numeric: [">", 0] }] } })).toEqual([]);
  });

  test("text that is no number under N, with the table's keys known", () => {
    expect(paths({ dynamodb: { NewImage: { pages: { N: ["many"] } }, Keys: { author: { S: ["x"] } } } }, KEYS)).toEqual(
      ["dynamodb.NewImage.pages.N[0]"],
    );
  });

  test("number text in any of DynamoDB's forms under N", () => {
    expect(paths({ dynamodb: { NewImage: { n: { N: ["300", "-1.5", ".5", "1E+2"] } } } })).toEqual([]);
  });

  test("Keys other than the table's, and a key under another type", () => {
    expect(paths({ dynamodb: { Keys: { title: { S: ["x"] }, author: { N: ["1"] } } } }, KEYS)).toEqual([
      "dynamodb.Keys.title.S[0]",
      "dynamodb.Keys.author.N[0]",
    ]);
  });

  test("a missing value under Keys, unless the table's keys say it is one", () => {
    const missing = { dynamodb: { Keys: { id: { S: [{ exists: false }] } } } };
    expect(paths(missing)).toEqual([]);
    expect(paths(missing, { keys: [{ name: "id", type: "S" }] })).toEqual(["dynamodb.Keys.id.S[0]"]);
  });

  test("without the table's facts (as the local runner may check), only what holds for every table", () => {
    expect(paths({ dynamodb: { Keys: { title: { S: ["x"] } }, StreamViewType: ["KEYS_ONLY"] } })).toEqual([]);
  });
});

describe("a pattern's text with a key given twice", () => {
  test.each([
    ['{"eventName":["MODIFY"],"eventName":["INSERT"]}', ["eventName"]],
    ['{"dynamodb":{"NewImage":{"a":{"S":["1"]},"a":{"S":["2"]}}}}', ["dynamodb.NewImage.a"]],
    ['{"$or":[{"eventName":["INSERT"]},{"eventName":["REMOVE"],"eventName":["MODIFY"]}]}', ["$or[1].eventName"]],
    ['{"eventName":["INSERT"],"\\u0065ventName":["REMOVE"]}', ["eventName"]],
  ])("%s is refused at %j", (text, where) => {
    const problems = filterPatternProblems(text).filter((p) => p.description === "given twice in one object");
    expect(problems.map((p) => p.path)).toEqual(where);
  });

  test("keys repeated in different objects, or in strings, are not", () => {
    const text =
      '{"$or":[{"eventName":["INSERT"]},{"eventName":["REMOVE"]}],"dynamodb":{"NewImage":{"a":{"S":["\\"a\\":"]}}}}';
    expect(filterPatternProblems(text)).toEqual([]);
  });
});
