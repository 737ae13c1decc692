// Two consumers of one stream, run by npm run local's app: each function receives every record, in its
// own batches, as two event source mappings on one stream do.
import { DAN_BROWN } from "../support/records";
import { booksTrigger, LocalTrigger } from "./support/local-trigger";

describe("a trigger with a second consumer, against DynamoDB Local", () => {
  const local = new LocalTrigger(booksTrigger("books", { consumers: [{ name: "audit", batchSize: 10 }] }));

  beforeAll(async () => {
    await local.start();
    await local.put(DAN_BROWN);
    await local.update(DAN_BROWN, { subTitle: "Volume-1" });
    await local.delete(DAN_BROWN);
    await local.waitFor("both consumers received three records", () =>
      [`${local.tableName}-stream-handler`, `${local.tableName}-audit`].every(
        (fn) => local.invocations.filter((i) => i.functionName === fn).flatMap((i) => i.records).length >= 3,
      ),
    );
  });

  afterAll(() => local.stop());

  test.each(["stream-handler", "audit"])("the %s consumer receives INSERT, MODIFY and REMOVE, in order", (name) => {
    const records = local.invocations
      .filter((i) => i.functionName === `${local.tableName}-${name}`)
      .flatMap((i) => i.records);
    expect(records.map((r) => r.eventName)).toEqual(["INSERT", "MODIFY", "REMOVE"]);
  });

  test("each consumer is invoked with its own batch size", () => {
    const own = local.invocations.filter((i) => i.functionName === `${local.tableName}-stream-handler`);
    expect(own.every((i) => i.records.length === 1)).toBe(true);
  });
});
