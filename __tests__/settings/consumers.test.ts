import { ConfigError } from "../../settings/checks";
import { resolveConfig, type TriggerConfig } from "../../settings/config";
import { AWS_READER_GUIDANCE } from "../../settings/consumers";
import { devEnvironment } from "../support/stack";
import { thrown } from "../support/thrown";

const resolve = (trigger: Partial<TriggerConfig>, defaults = {}) =>
  resolveConfig([devEnvironment({ triggerDefaults: defaults }, trigger)])[0].triggers[0].settings;
const problemsOf = (trigger: Partial<TriggerConfig>) =>
  thrown(() => resolve(trigger), ConfigError).problems as string[];
const audit = { name: "audit", handlerEntry: "handlers/stream-handler.ts", batchSize: 10 };

describe("a trigger's consumers", () => {
  test("are none unless configured", () => {
    expect(resolve({}).consumers).toEqual([]);
  });

  test("are named <table>-<environment>-<name>", () => {
    expect(resolve({ consumers: [audit] }).consumers[0]).toMatchObject({
      name: "audit",
      functionName: "books-dev-audit",
    });
  });

  test("take a functionName of their own, with the environment's suffix", () => {
    expect(resolve({ consumers: [{ ...audit, functionName: "audit-books" }] }).consumers[0].functionName).toBe(
      "audit-books-dev",
    );
  });

  test("take their own fields first, then the trigger's, then triggerDefaults", () => {
    const [consumer] = resolve(
      { memorySize: 512, consumers: [audit] },
      { logRetentionDays: 30, batchSize: 5 },
    ).consumers;
    expect(consumer).toMatchObject({ batchSize: 10, memorySize: 512, logRetentionDays: 30 });
  });

  test("read the trigger's table", () => {
    const s = resolve({ consumers: [audit], streamViewType: "NEW_IMAGE" });
    expect(s.consumers[0]).toMatchObject({
      tableName: "books-dev",
      streamViewType: "NEW_IMAGE",
      partitionKey: s.partitionKey,
    });
  });

  test("leave the trigger's own settings and names as they were", () => {
    const s = resolve({ consumers: [audit] });
    expect(s).toMatchObject({ functionName: "books-dev-stream-handler", batchSize: 1 });
  });
});

describe("consumers, refused", () => {
  test("a third reader of one stream, quoting AWS", () => {
    expect(problemsOf({ consumers: [audit, { ...audit, name: "index" }] })).toEqual([
      `dev.triggers[books].consumers is 3 readers of one stream (the trigger + 2 consumers); allowed: at most 2 readers per stream, otherReaders included; ${AWS_READER_GUIDANCE}`,
    ]);
  });

  test("a consumer beside a reader outside this app", () => {
    expect(problemsOf({ consumers: [audit], otherReaders: 1 })[0]).toMatch(
      /consumers is 3 readers of one stream \(the trigger \+ 1 consumer \+ 1 otherReaders\)/,
    );
  });

  test("two readers outside this app", () => {
    expect(problemsOf({ otherReaders: 2 })[0]).toMatch(
      /consumers is 3 readers of one stream \(the trigger \+ 2 otherReaders\)/,
    );
  });

  test("a consumer without a valid name", () => {
    expect(problemsOf({ consumers: [{ ...audit, name: "Audit Log" }] })).toEqual([
      'dev.triggers[books].consumers[0].name is "Audit Log"; allowed: 1 to 32 characters of a-z 0-9 -, starting with a letter (required)',
    ]);
  });

  test("a table field on a consumer, which belongs on the trigger", () => {
    expect(problemsOf({ consumers: [{ ...audit, streamViewType: "NEW_IMAGE" } as never] })[0]).toMatch(
      /^dev\.triggers\[books\]\.consumers\[0\]\.streamViewType is not a field of a consumer \(the table's fields belong on the trigger\)/,
    );
  });

  test("a misspelt consumer field, with a suggestion", () => {
    expect(problemsOf({ consumers: [{ ...audit, batchsize: 3 } as never] })[0]).toMatch(
      /consumers\[0\]\.batchsize is not a field of a consumer .*\(did you mean batchSize\?\)/,
    );
  });

  test("an invalid value, named by the consumer's position", () => {
    expect(problemsOf({ consumers: [{ ...audit, batchSize: 0 }] })).toEqual([
      "dev.triggers[books].consumers[0].batchSize is 0; allowed: an integer from 1 to 10,000",
    ]);
  });

  test("a consumer whose names are the trigger's", () => {
    expect(problemsOf({ consumers: [{ ...audit, name: "stream-handler" }] })[0]).toMatch(
      /consumers\[stream-handler\]\.functionName is "books-dev-stream-handler", as for another dev\.triggers\[books\]/,
    );
  });
});
