import { MalformedRecordError, parseStreamRecord } from "../../handlers/stream-change";
import { STREAM_VIEW_TYPES } from "../../settings/trigger-settings";
import { DAN_BROWN, streamRecord, VOLUME_1, walkthrough } from "../support/records";
import { thrown } from "../support/thrown";

// AWS's table: which images each view type carries for each event.
const IMAGES = {
  KEYS_ONLY: { INSERT: [], MODIFY: [], REMOVE: [] },
  NEW_IMAGE: { INSERT: ["newImage"], MODIFY: ["newImage"], REMOVE: [] },
  OLD_IMAGE: { INSERT: [], MODIFY: ["oldImage"], REMOVE: ["oldImage"] },
  NEW_AND_OLD_IMAGES: { INSERT: ["newImage"], MODIFY: ["newImage", "oldImage"], REMOVE: ["oldImage"] },
} as const;

const reasonOf = (run: () => unknown) => thrown(run, MalformedRecordError).reason;

describe("parsing a stream record", () => {
  test.each(STREAM_VIEW_TYPES)("with %s gives the images AWS's table lists for each event", (viewType) => {
    const [insert, modify, remove] = walkthrough(viewType).map(parseStreamRecord);
    const present = (c: object) =>
      ["newImage", "oldImage"].filter((k) => (c as Record<string, unknown>)[k] !== undefined);
    expect(present(insert)).toEqual(IMAGES[viewType].INSERT);
    expect(present(modify)).toEqual(IMAGES[viewType].MODIFY);
    expect(present(remove)).toEqual(IMAGES[viewType].REMOVE);
  });

  test("unmarshalls keys and images into plain values", () => {
    const [, modify] = walkthrough().map(parseStreamRecord);
    expect(modify).toMatchObject({ eventName: "MODIFY", keys: DAN_BROWN, newImage: VOLUME_1, oldImage: DAN_BROWN });
  });

  test("carries the sequence number, view type and creation time", () => {
    const record = streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN, sequenceNumber: "4200" });
    expect(parseStreamRecord(record)).toMatchObject({
      sequenceNumber: "4200",
      streamViewType: "NEW_AND_OLD_IMAGES",
      approximateCreationTime: "2026-11-30T00:00:00.000Z",
    });
  });

  test("keeps numbers as numbers, and as exact text when a JavaScript number would lose digits", () => {
    const item = { ...DAN_BROWN, pages: 689, price: 9.99 };
    const record = streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: item });
    record.dynamodb!.NewImage!.isbn = { N: "97803855044209780385504420" };
    expect(parseStreamRecord(record).newImage).toEqual({ ...item, isbn: "97803855044209780385504420" });
  });

  test("unmarshalls string sets into Sets", () => {
    const record = streamRecord({
      eventName: "INSERT",
      keys: DAN_BROWN,
      after: { ...DAN_BROWN, tags: new Set(["thriller"]) },
    });
    expect(parseStreamRecord(record).newImage!.tags).toEqual(new Set(["thriller"]));
  });

  test("recognises a deletion by DynamoDB's time to live", () => {
    const record = streamRecord({ eventName: "REMOVE", keys: DAN_BROWN, before: DAN_BROWN, ttl: true });
    expect(parseStreamRecord(record).expiredByTtl).toBe(true);
  });

  test("does not mistake a caller's deletion for a TTL expiry", () => {
    const record = streamRecord({ eventName: "REMOVE", keys: DAN_BROWN, before: DAN_BROWN });
    expect(parseStreamRecord(record).expiredByTtl).toBe(false);
  });
});

describe("a malformed record", () => {
  const good = () => streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN });

  test("without a dynamodb part is rejected as such", () => {
    expect(reasonOf(() => parseStreamRecord({ ...good(), dynamodb: undefined }))).toBe("no dynamodb part");
  });

  test("without a sequence number is rejected as such", () => {
    const record = good();
    delete record.dynamodb!.SequenceNumber;
    expect(reasonOf(() => parseStreamRecord(record))).toBe("no dynamodb.SequenceNumber");
  });

  test("without keys is rejected as such", () => {
    const record = good();
    delete record.dynamodb!.Keys;
    expect(reasonOf(() => parseStreamRecord(record))).toBe("no dynamodb.Keys");
  });

  test("with an unknown event name is rejected, naming it", () => {
    expect(reasonOf(() => parseStreamRecord({ ...good(), eventName: "UPSERT" as never }))).toBe(
      'eventName is "UPSERT"; expected INSERT, MODIFY or REMOVE',
    );
  });

  test("with an attribute value of an unknown type is rejected, naming the attribute", () => {
    const record = good();
    record.dynamodb!.NewImage = { author: { X: "?" } as never };
    expect(reasonOf(() => parseStreamRecord(record))).toMatch(/^dynamodb\.NewImage\.author has type "X"; allowed: /);
  });

  test("with an image that is not a map is rejected", () => {
    const record = good();
    record.dynamodb!.OldImage = "gone" as never;
    expect(reasonOf(() => parseStreamRecord(record))).toBe("dynamodb.OldImage is not an attribute map");
  });
});

describe("a number that is not a DynamoDB number", () => {
  // DynamoDB numbers: decimal text with at most 38 significant digits, zero or a magnitude from 1E-130
  // to 9.9999999999999999999999999999999999999E+125.
  const NOT_NUMBERS = [
    "abc",
    "",
    "1e400",
    "-1e400",
    "0x1F",
    "NaN",
    "Infinity",
    " 1",
    "1 ",
    "+1",
    "1.",
    ".5",
    "1e",
    "1E+126",
    "10E125",
    "1E-131",
    "0.01E-129",
    "123456789012345678901234567890123456789",
    "1.23456789012345678901234567890123456789",
  ];
  const withNewImage = (attribute: object) => {
    const record = streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN });
    record.dynamodb!.NewImage!.value = attribute as never;
    return record;
  };

  test.each(NOT_NUMBERS)("%j makes the record malformed, naming the attribute and the value", (text) => {
    expect(reasonOf(() => parseStreamRecord(withNewImage({ N: text })))).toBe(
      `dynamodb.NewImage.value: ${JSON.stringify(text)} is not a DynamoDB number`,
    );
  });

  test("that is not text makes the record malformed", () => {
    expect(reasonOf(() => parseStreamRecord(withNewImage({ N: 5 })))).toBe(
      "dynamodb.NewImage.value: 5 is not a DynamoDB number",
    );
  });

  test("in a number set makes the record malformed", () => {
    expect(reasonOf(() => parseStreamRecord(withNewImage({ NS: ["1", "zz"] })))).toBe(
      'dynamodb.NewImage.value[1]: "zz" is not a DynamoDB number',
    );
  });

  test("nested in a map or a list makes the record malformed, naming the path", () => {
    const nested = { M: { prices: { L: [{ N: "1" }, { M: { net: { N: "0x1F" } } }] } } };
    expect(reasonOf(() => parseStreamRecord(withNewImage(nested)))).toBe(
      'dynamodb.NewImage.value.prices[1].net: "0x1F" is not a DynamoDB number',
    );
  });

  test("in the keys makes the record malformed", () => {
    const record = streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN });
    record.dynamodb!.Keys = { id: { N: "1e400" } };
    expect(reasonOf(() => parseStreamRecord(record))).toBe('dynamodb.Keys.id: "1e400" is not a DynamoDB number');
  });

  test("in the old image makes the record malformed", () => {
    const record = streamRecord({ eventName: "REMOVE", keys: DAN_BROWN, before: DAN_BROWN });
    record.dynamodb!.OldImage!.pages = { N: "abc" };
    expect(reasonOf(() => parseStreamRecord(record))).toBe('dynamodb.OldImage.pages: "abc" is not a DynamoDB number');
  });
});

describe("a DynamoDB number at the edge of the range", () => {
  const parsed = (text: string) => {
    const record = streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN });
    record.dynamodb!.NewImage!.value = { N: text };
    return parseStreamRecord(record).newImage!.value;
  };

  test.each([
    ["1E-130", 1e-130],
    ["-1E-130", -1e-130],
    ["0.1E-129", 1e-130],
    ["0", 0],
    ["-0", -0],
    ["0.000E-999", 0],
    ["1E+125", 1e125],
    ["9.99E125", 9.99e125],
    ["-12.5", -12.5],
  ])("%s is accepted, as the number %p", (text, value) => {
    expect(parsed(text)).toBe(value);
  });

  test.each([
    "9.9999999999999999999999999999999999999E+125",
    "-9.9999999999999999999999999999999999999E+125",
    "12345678901234567890123456789012345678",
    "0.00012345678901234567890123456789012345678",
  ])("%s (38 significant digits) is accepted, as its exact text", (text) => {
    expect(parsed(text)).toBe(text);
  });

  test("a number set of valid numbers is a Set of numbers", () => {
    const record = streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN });
    record.dynamodb!.NewImage!.value = { NS: ["1", "2.5", "-3E-2"] };
    expect(parseStreamRecord(record).newImage!.value).toEqual(new Set([1, 2.5, -0.03]));
  });
});
