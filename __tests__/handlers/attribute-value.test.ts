// An image must hold DynamoDB AttributeValues: unmarshall would turn a wrong-typed value into data
// without complaint, so such a record is reported as malformed, naming the attribute.
import { badAttribute } from "../../handlers/attribute-value";
import { MalformedRecordError, parseStreamRecord } from "../../handlers/stream-change";
import { streamRecord } from "../support/records";

const check = (attribute: unknown) => badAttribute({ a: attribute }, "dynamodb.NewImage");

describe("an attribute value of DynamoDB's own shape", () => {
  test.each([
    ["a string", { S: "x" }],
    ["an empty string", { S: "" }],
    ["a number", { N: "1.5" }],
    ["binary as base64 text", { B: "AAEC" }],
    ["binary as bytes", { B: new Uint8Array([0, 1]) }],
    ["a boolean", { BOOL: false }],
    ["null", { NULL: true }],
    ["a string set", { SS: ["a", "b"] }],
    ["a number set", { NS: ["1", "2"] }],
    ["a binary set", { BS: ["AAEC"] }],
    ["an empty map", { M: {} }],
    ["an empty list", { L: [] }],
    ["a map of lists of maps", { M: { l: { L: [{ M: { s: { S: "x" } } }, { NULL: true }] } } }],
    ["a value whose other types are undefined, as the SDK's types allow", { S: "x", N: undefined }],
  ])("passes: %s", (_, attribute) => {
    expect(check(attribute)).toBeUndefined();
  });

  test("passes when nested exactly 32 levels deep, DynamoDB's limit", () => {
    let value: unknown = { S: "deep" };
    for (let i = 1; i < 32; i++) value = { L: [value] };
    expect(check(value)).toBeUndefined();
  });
});

describe("an attribute value of the wrong shape", () => {
  test.each([
    ["a string holding a number", { S: 5 }, "dynamodb.NewImage.a: S holds 5; allowed: a string"],
    ["binary holding a number", { B: 123 }, "dynamodb.NewImage.a: B holds 123; allowed: binary (base64 text)"],
    ["a boolean holding text", { BOOL: "yes" }, 'dynamodb.NewImage.a: BOOL holds "yes"; allowed: true or false'],
    ["null holding false", { NULL: false }, "dynamodb.NewImage.a: NULL holds false; allowed: true"],
    [
      "a string set of numbers",
      { SS: [1, 2] },
      "dynamodb.NewImage.a: SS holds [1,2]; allowed: a non-empty list of strings",
    ],
    ["an empty string set", { SS: [] }, "dynamodb.NewImage.a: SS holds []; allowed: a non-empty list of strings"],
    ["a map holding a list", { M: [] }, "dynamodb.NewImage.a: M holds []; allowed: a map"],
    ["a list holding a map", { L: {} }, "dynamodb.NewImage.a: L holds {}; allowed: a list"],
    ["two types at once", { S: "x", N: "1" }, "dynamodb.NewImage.a has 2 types; an attribute value has exactly one"],
    ["no type at all", {}, "dynamodb.NewImage.a has 0 types; an attribute value has exactly one"],
    ["a bare value", "x", 'dynamodb.NewImage.a is "x", not an attribute value'],
    [
      "a wrong value deep inside",
      { M: { b: { L: [{ S: "ok" }, { BOOL: 1 }] } } },
      "dynamodb.NewImage.a.b[1]: BOOL holds 1; allowed: true or false",
    ],
  ])("is named: %s", (_, attribute, problem) => {
    expect(check(attribute)).toBe(problem);
  });

  test("is named when nested deeper than 32 levels, without exhausting the stack", () => {
    let value: unknown = { S: "deep" };
    for (let i = 0; i < 20000; i++) value = { L: [value] };
    expect(check(value)).toMatch(/is nested deeper than DynamoDB's 32 levels$/);
  });

  test("makes the whole record malformed, so it is reported and never reaches the user's code", () => {
    const record = streamRecord({ eventName: "INSERT", keys: { id: "1" }, after: { id: "1" } });
    (record.dynamodb!.NewImage as Record<string, unknown>).title = { S: 5 };
    expect(() => parseStreamRecord(record)).toThrow(MalformedRecordError);
    expect(() => parseStreamRecord(record)).toThrow("dynamodb.NewImage.title: S holds 5; allowed: a string");
  });
});
