// idempotency: true under npm run local: the runner makes the idempotency table in DynamoDB Local and
// the function's records go there; a batch delivered again (a retry, a redrive) runs no record's work twice.
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import { LOCAL_CREDENTIALS } from "../../emulation/emulator";
import { LocalInvoker } from "../../emulation/local-invoker";
import { readSynthesizedApp } from "../../emulation/synthesized-stacks";
import { book, booksTrigger, endpoint, LocalTrigger } from "./support/local-trigger";

describe("a trigger with idempotency, run locally", () => {
  let local: LocalTrigger;

  beforeAll(async () => {
    local = await new LocalTrigger(booksTrigger("idem", { idempotency: true, batchSize: 10 })).start();
    for (let n = 1; n <= 3; n++) await local.put(book(n));
    await local.waitFor("three records processed", () => local.changeLines.length >= 3);
  });

  afterAll(() => local.stop());

  test("keeps one completed idempotency record per stream record, in the table the stack names", async () => {
    const fn = readSynthesizedApp(local.outdir).mappings[0].function;
    const table = fn.environment.IDEMPOTENCY_TABLE_NAME;
    expect(table).toBe(`${local.tableName}-stream-handler-idempotency`);
    const items = (await local.db.send(new ScanCommand({ TableName: table }))).Items ?? [];
    expect(items.map((i) => i.status?.S)).toEqual(["COMPLETED", "COMPLETED", "COMPLETED"]);
  });

  test("the same batch delivered twice more runs each record's work once", async () => {
    const fn = readSynthesizedApp(local.outdir).mappings[0].function;
    const batch = local.invocations.flatMap((i) => i.records);
    const again = new LocalInvoker(fn, { dynamodb: { endpoint: endpoint(), ...LOCAL_CREDENTIALS } });
    const replays = [await again.invoke({ Records: batch }), await again.invoke({ Records: batch })];
    await again.close();
    for (const replay of replays) {
      expect(replay).toMatchObject({ kind: "returned", response: { batchItemFailures: [] } });
      const lines = replay.logs.map((l) => JSON.parse(l));
      expect(lines.filter((l) => l.eventName !== undefined && l.message?.startsWith("item "))).toEqual([]);
      expect(lines.find((l) => l.message === "batch processed")).toMatchObject({ records: 3, failed: 0 });
    }
    const processed = local.changeLines.map((l) => l.keys.author).sort();
    expect(processed).toEqual(["Author 1", "Author 2", "Author 3"]);
  });
});
