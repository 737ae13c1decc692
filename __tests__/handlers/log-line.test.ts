// The per-record line the handler writes itself must be, field by field and byte for byte, the line
// Powertools Logger writes for the same call (with the sequence number as an appended key, as
// processStreamBatch used to do), so CloudWatch Logs Insights queries see no difference.
import { Logger } from "@aws-lambda-powertools/logger";
import type { ChangeLogger } from "../../handlers/contract";
import { setsAsLists } from "../../handlers/log-line";
import { createLogger } from "../../handlers/logger";
import { logChange } from "../../handlers/record";
import { parseStreamRecord } from "../../handlers/stream-change";
import { captureOutput } from "../support/log-capture";
import { DAN_BROWN, lambdaContext, streamRecord, VOLUME_1, walkthrough } from "../support/records";

const TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
const SEQUENCE_NUMBER = "4200";

const ENV = {
  POWERTOOLS_SERVICE_NAME: "books",
  AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand", // so the first line of each logger is a cold start
  _X_AMZN_TRACE_ID: TRACE,
};
const saved = { ...process.env };
beforeEach(() => {
  Object.assign(process.env, ENV);
  jest.useFakeTimers({ now: new Date("2026-11-24T10:20:30.456Z") });
});
afterEach(() => {
  process.env = { ...saved };
  jest.useRealTimers();
});

/** What each way writes for the same calls, each with a fresh logger in the same environment. */
async function bothWays(log: (logger: ChangeLogger) => void) {
  const reference = new Logger({ jsonReplacerFn: setsAsLists });
  reference.addContext(lambdaContext());
  const powertools = await captureOutput(() => {
    reference.appendKeys({ sequenceNumber: SEQUENCE_NUMBER });
    log({ info: (message, ...extras) => reference.info(message, ...extras) });
    reference.removeKeys(["sequenceNumber"]);
  });
  const ours = createLogger();
  ours.addContext(lambdaContext());
  const viaPowertools = jest.spyOn(ours, "info");
  const handler = await captureOutput(() => log(ours.changeLoggers()(SEQUENCE_NUMBER)));
  return {
    powertools: powertools.text,
    handler: handler.text,
    tookPowertoolsPath: viaPowertools.mock.calls.length > 0,
  };
}

const fields = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((line) => Object.entries(JSON.parse(line)));

async function expectSameLines(log: (logger: ChangeLogger) => void) {
  const { powertools, handler } = await bothWays(log);
  expect(powertools).not.toBe("");
  expect(fields(handler)).toEqual(fields(powertools));
  expect(handler).toBe(powertools);
}

const EVERY_TYPE = {
  ...DAN_BROWN,
  pages: 689,
  price: 9.99,
  isbn: "97803855044209780385504420",
  inPrint: true,
  discontinued: null,
  cover: new Uint8Array([1, 2, 255]),
  tags: new Set(["thriller", "mystery"]),
  editions: new Set([1, 2.5]),
  scans: new Set([new Uint8Array([7])]),
  reviews: [{ stars: 5, text: "gripping" }, "ok", 3, [true, null]],
  publisher: { name: "Doubleday", address: { city: "New York", codes: new Set(["NY"]) } },
};

describe("the per-record line", () => {
  test.each(
    walkthrough().map((record) => [record.eventName, record] as const),
  )("of the seed's %s is the line Powertools writes", async (_, record) => {
    await expectSameLines((logger) => logChange(parseStreamRecord(record), logger));
  });

  test("of a TTL expiry is the line Powertools writes", async () => {
    const record = streamRecord({ eventName: "REMOVE", keys: DAN_BROWN, before: VOLUME_1, ttl: true });
    await expectSameLines((logger) => logChange(parseStreamRecord(record), logger));
  });

  test("of an item holding every DynamoDB type is the line Powertools writes", async () => {
    const record = streamRecord({ eventName: "MODIFY", keys: DAN_BROWN, after: EVERY_TYPE, before: VOLUME_1 });
    record.dynamodb!.NewImage!.huge = { N: "12345678901234567890123456789012345678" };
    await expectSameLines((logger) => logChange(parseStreamRecord(record), logger));
  });

  test("carries every field Powertools puts on a line", async () => {
    const { handler } = await bothWays((logger) => logger.info("item insert", { keys: DAN_BROWN }));
    expect(JSON.parse(handler)).toEqual({
      level: "INFO",
      message: "item insert",
      timestamp: "2026-11-24T10:20:30.456Z",
      service: "books",
      cold_start: true,
      function_arn: lambdaContext().invokedFunctionArn,
      function_memory_size: lambdaContext().memoryLimitInMB,
      function_name: lambdaContext().functionName,
      function_request_id: lambdaContext().awsRequestId,
      sampling_rate: 0,
      xray_trace_id: "1-5759e988-bd862e3fe1be46a994272793",
      sequenceNumber: SEQUENCE_NUMBER,
      keys: DAN_BROWN,
    });
  });

  test("is written without Powertools' per-line path for the seed's records", async () => {
    const record = streamRecord({ eventName: "MODIFY", keys: DAN_BROWN, after: EVERY_TYPE, before: VOLUME_1 });
    const { tookPowertoolsPath } = await bothWays((logger) => logChange(parseStreamRecord(record), logger));
    expect(tookPowertoolsPath).toBe(false);
  });

  test("without a trace id, and after the cold start, is the line Powertools writes", async () => {
    delete process.env._X_AMZN_TRACE_ID;
    await expectSameLines((logger) => {
      logger.info("first", { n: 1 });
      logger.info("second", { n: 2 });
    });
  });

  test("leaves out empty attributes, and lets an attribute replace a field, as Powertools does", async () => {
    await expectSameLines((logger) =>
      logger.info("", { a: null, b: "", c: undefined, function_name: "renamed", xray_trace_id: undefined }, { a: 1 }),
    );
  });

  test("prints dates, nested sets and binary as Powertools does", async () => {
    await expectSameLines((logger) =>
      logger.info("values", {
        at: new Date(0),
        nested: [{ s: new Set([new Set(["x"])]) }],
        bytes: new Uint8Array([0]),
      }),
    );
  });

  class Price {
    constructor(readonly amount: number) {}
  }
  const cycle: Record<string, unknown> = { name: "loop" };
  cycle.self = cycle;

  test.each([
    ["an Error", { error: new Error("boom") }],
    ["a class instance", { price: new Price(3) }],
    ["a BigInt", { big: 10n ** 30n }],
    ["a cycle", { cycle }],
    ["a reserved key", { level: "DEBUG" }],
    ["a Map", { map: new Map([["a", 1]]) }],
  ])("holding %s is Powertools' own line", async (_, extra) => {
    const { powertools, handler, tookPowertoolsPath } = await bothWays((logger) => logger.info("odd", extra));
    expect(tookPowertoolsPath).toBe(true);
    expect(handler).toBe(powertools);
  });

  test("in a time zone other than UTC is the line Powertools writes", async () => {
    process.env.TZ = "Asia/Kolkata";
    const { powertools, handler, tookPowertoolsPath } = await bothWays((logger) => logger.info("zoned", { n: 1 }));
    expect(tookPowertoolsPath).toBe(false);
    expect(handler).toBe(powertools);
    expect(JSON.parse(handler).timestamp).not.toMatch(/Z$/);
  });

  test("in Powertools' development mode is its indented JSON, printed through the console as Powertools does", async () => {
    process.env.POWERTOOLS_DEV = "true";
    const printed = jest.spyOn(console, "info").mockImplementation(() => undefined); // dev mode prints via console
    const { tookPowertoolsPath } = await bothWays((logger) => logger.info("pretty", { n: 1, m: { k: [1] } }));
    const [powertools, handler] = printed.mock.calls;
    printed.mockRestore();
    expect(tookPowertoolsPath).toBe(false);
    expect(handler).toEqual(powertools);
    expect(handler[0]).toContain('\n    "message": "pretty",\n');
  });

  test("is not written below the log level, as with Powertools", async () => {
    process.env.POWERTOOLS_LOG_LEVEL = "WARN";
    const { powertools, handler } = await bothWays((logger) => logger.info("quiet", { n: 1 }));
    expect(handler).toBe("");
    expect(powertools).toBe("");
  });
});
