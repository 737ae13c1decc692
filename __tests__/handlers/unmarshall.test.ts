// An image reaches the user's code exactly as DynamoDB holds it: every attribute and map key, whatever
// its name, is an own property with its value, at any depth, and no prototype is ever changed by data.
// Images are written as JSON text here, as Lambda delivers them: in an object literal `__proto__`
// would itself set the prototype.
import { unmarshall } from "@aws-sdk/util-dynamodb";
import fc from "fast-check";
import { toNumber } from "../../handlers/dynamodb-number";
import { createLogger } from "../../handlers/logger";
import { logChange } from "../../handlers/record";
import { parseStreamRecord } from "../../handlers/stream-change";
import { unmarshallImage } from "../../handlers/unmarshall";
import { captureOutput } from "../support/log-capture";
import { lambdaContext } from "../support/records";

// Names that are properties of every object, one of them the prototype's accessor.
const HOSTILE = [
  "__proto__",
  "constructor",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "__defineGetter__",
  "__lookupSetter__",
  "toJSON",
  "prototype",
];

const own = (object: unknown, key: string) => Object.getOwnPropertyDescriptor(object, key);

/** The record of the review that found this: `prefs` holds a map named `__proto__`. */
const REVIEWED = `{"eventName":"MODIFY","dynamodb":{"SequenceNumber":"7","Keys":{"id":{"S":"u1"}},
  "NewImage":{"id":{"S":"u1"},"prefs":{"M":{"theme":{"S":"dark"},"__proto__":{"M":{"isAdmin":{"BOOL":true}}}}}},
  "OldImage":{"id":{"S":"u1"},"prefs":{"M":{"theme":{"S":"dark"}}}}}}`;

/** A record whose Keys, NewImage and OldImage each hold `name` at the top, in a map, and in a map in a list. */
function recordWith(name: string): unknown {
  const key = JSON.stringify(name);
  const image = `{${key}:{"S":"top"},"m":{"M":{${key}:{"N":"1"}}},"l":{"L":[{"M":{${key}:{"L":[{"BOOL":true}]}}}]}}`;
  return JSON.parse(
    `{"eventName":"MODIFY","dynamodb":{"SequenceNumber":"1","Keys":{${key}:{"S":"k"}},"NewImage":${image},"OldImage":${image}}}`,
  );
}

async function logLineOf(record: unknown): Promise<Record<string, unknown>> {
  const logger = createLogger();
  logger.addContext(lambdaContext());
  const { text } = await captureOutput(() =>
    logChange(parseStreamRecord(record as never), logger.changeLoggers()("1")),
  );
  return JSON.parse(text);
}

const prototypeBefore = Object.getOwnPropertyNames(Object.prototype);
afterAll(() => {
  // Nothing below may have reached Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeBefore);
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
});

describe("an image holding a map named __proto__", () => {
  test("gives the user the map as an own attribute, its members nowhere else", () => {
    const prefs = parseStreamRecord(JSON.parse(REVIEWED)).newImage!.prefs as Record<string, unknown>;
    expect(Object.keys(prefs)).toEqual(["theme", "__proto__"]);
    expect(own(prefs, "__proto__")?.value).toEqual({ isAdmin: true });
    expect(prefs.isAdmin).toBeUndefined();
    expect(Object.getPrototypeOf(prefs)).toBe(Object.prototype);
  });

  test("is logged with the map", async () => {
    const line = await logLineOf(JSON.parse(REVIEWED));
    expect(JSON.stringify(line.newImage)).toBe('{"id":"u1","prefs":{"theme":"dark","__proto__":{"isAdmin":true}}}');
  });
});

describe.each(HOSTILE)("an attribute named %s", (name) => {
  test("is an own property with its value in Keys, NewImage and OldImage, at every depth", () => {
    const change = parseStreamRecord(recordWith(name) as never);
    expect(own(change.keys, name)?.value).toBe("k");
    for (const image of [change.newImage!, change.oldImage!]) {
      expect(own(image, name)?.value).toBe("top");
      expect(own(image.m, name)?.value).toBe(1);
      const [inList] = image.l as object[];
      expect(own(inList, name)?.value).toEqual([true]);
      for (const object of [image, image.m, inList]) expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    }
  });

  test("is in the log line wherever the image holds it", async () => {
    const line = await logLineOf(recordWith(name));
    const key = JSON.stringify(name);
    expect(JSON.stringify(line.keys)).toBe(`{${key}:"k"}`);
    const image = `{${key}:"top","m":{${key}:1},"l":[{${key}:[true]}]}`;
    expect(JSON.stringify(line.newImage)).toBe(image);
    expect(JSON.stringify(line.oldImage)).toBe(image);
  });
});

// Random images over hostile and ordinary names, against an oracle that writes the JSON each must print
// as: keys in the image's order, sets as lists, numbers as DynamoDB's text reads.
type Attribute = Record<string, unknown>;
const name = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 6 }));
const { attribute } = fc.letrec<{ attribute: Attribute }>((tie) => ({
  attribute: fc.oneof(
    { maxDepth: 4, depthIdentifier: "image" },
    fc.string({ maxLength: 5 }).map((S) => ({ S })),
    fc.integer().map((n) => ({ N: String(n) })),
    fc.integer({ min: -1e9, max: 1e9 }).map((n) => ({ N: (n / 100).toFixed(2) })),
    fc.boolean().map((BOOL) => ({ BOOL })),
    fc.constant({ NULL: true }),
    fc.uniqueArray(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 3 }).map((SS) => ({ SS })),
    fc.uniqueArray(fc.integer().map(String), { minLength: 1, maxLength: 3 }).map((NS) => ({ NS })),
    fc.array(fc.tuple(name, tie("attribute")), { maxLength: 4 }).map((entries) => ({ M: Object.fromEntries(entries) })),
    fc.array(tie("attribute"), { maxLength: 3 }).map((L) => ({ L })),
  ),
}));
const image = fc.array(fc.tuple(name, attribute), { maxLength: 5 }).map((entries) => Object.fromEntries(entries));

function expectedJson(value: Attribute): string {
  const [[type, v]] = Object.entries(value);
  switch (type) {
    case "M":
      return expectedImage(v as Record<string, Attribute>);
    case "L":
      return `[${(v as Attribute[]).map(expectedJson).join(",")}]`;
    case "N":
      return JSON.stringify(Number(v));
    case "NS":
      return JSON.stringify((v as string[]).map(Number));
    case "NULL":
      return "null";
    default:
      return JSON.stringify(v);
  }
}
const expectedImage = (map: Record<string, Attribute>) =>
  `{${Object.keys(map)
    .map((k) => `${JSON.stringify(k)}:${expectedJson(map[k])}`)
    .join(",")}}`;

function setsAsLists(_key: string, value: unknown): unknown {
  return value instanceof Set ? [...value] : value;
}

/** Every object in `value` has Object.prototype, every array Array.prototype. */
function prototypesIntact(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  if (value instanceof Set) return Object.getPrototypeOf(value) === Set.prototype;
  const expected = Array.isArray(value) ? Array.prototype : Object.prototype;
  return Object.getPrototypeOf(value) === expected && Object.values(value).every(prototypesIntact);
}

describe("any image, whatever its names", () => {
  test("is unmarshalled with every key as an own property holding its value", () => {
    fc.assert(
      fc.property(image, (map) => {
        const item = unmarshallImage(map);
        expect(JSON.stringify(item, setsAsLists)).toBe(expectedImage(map));
        expect(prototypesIntact(item)).toBe(true);
      }),
    );
  });

  test("is logged whole", async () => {
    await fc.assert(
      fc.asyncProperty(image, async (map) => {
        const record = {
          eventName: "INSERT",
          dynamodb: { SequenceNumber: "1", Keys: { id: { S: "k" } }, NewImage: map },
        };
        const line = await logLineOf(record);
        expect(JSON.stringify(line.newImage)).toBe(expectedImage(map));
      }),
      { numRuns: 50 },
    );
  });

  test("without a key named __proto__ is what @aws-sdk/util-dynamodb's unmarshall gives", () => {
    const withoutProto = image.filter((map) => !JSON.stringify(map).includes('"__proto__"'));
    fc.assert(
      fc.property(withoutProto, (map) => {
        expect(unmarshallImage(map)).toEqual(unmarshall(map as never, { wrapNumbers: toNumber }));
      }),
    );
  });
});
