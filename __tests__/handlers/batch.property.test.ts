// Properties of batch processing over random batches: random items, random changes, random failures.

import type { DynamoDBRecord } from "aws-lambda";
import fc from "fast-check";
import { processStreamBatch } from "../../handlers/batch";
import { createLogger } from "../../handlers/logger";
import { captureLogs } from "../support/log-capture";
import { lambdaContext, streamEvent, streamRecord } from "../support/records";

interface Spec {
  item: number;
  fails: boolean;
}

function batchOf(specs: Spec[]): DynamoDBRecord[] {
  return specs.map(({ item }, i) =>
    streamRecord({
      eventName: "MODIFY",
      keys: { author: `a${item}`, bookTitle: "t" },
      after: { author: `a${item}`, bookTitle: "t", version: i + 1 },
      before: { author: `a${item}`, bookTitle: "t", version: i },
    }),
  );
}

async function process(specs: Spec[]) {
  const records = batchOf(specs);
  const failing = new Set(records.filter((_, i) => specs[i].fails).map((r) => r.dynamodb!.SequenceNumber!));
  const seen: string[] = [];
  const { result } = await captureLogs(() =>
    processStreamBatch(streamEvent(records), lambdaContext(), {
      logger: createLogger(),
      handleChange: (change) => {
        seen.push(change.sequenceNumber);
        if (failing.has(change.sequenceNumber)) throw new Error("poison");
      },
    }),
  );
  return { records, result, seen };
}

const specs = fc.array(fc.record({ item: fc.integer({ min: 0, max: 5 }), fails: fc.boolean() }), { maxLength: 40 });
const distinctItems = fc
  .uniqueArray(fc.integer({ min: 0, max: 1000 }), { maxLength: 40 })
  .chain((items) =>
    fc.tuple(fc.constant(items), fc.array(fc.boolean(), { minLength: items.length, maxLength: items.length })),
  )
  .map(([items, fails]) => items.map((item, i) => ({ item, fails: fails[i] })));

describe("for any batch", () => {
  test("of distinct items, the reported failures are exactly the failing records, in batch order", async () => {
    await fc.assert(
      fc.asyncProperty(distinctItems, async (batch) => {
        const { records, result } = await process(batch);
        const expected = records
          .filter((_, i) => batch[i].fails)
          .map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber }));
        expect(result.batchItemFailures).toEqual(expected);
      }),
    );
  });

  test("a record is reported failed exactly when it failed or an earlier change to its item did", async () => {
    await fc.assert(
      fc.asyncProperty(specs, async (batch) => {
        const { records, result } = await process(batch);
        const expected = records
          .filter((_, i) => batch.slice(0, i + 1).some((s) => s.item === batch[i].item && s.fails))
          .map((r) => r.dynamodb!.SequenceNumber);
        expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(expected);
      }),
    );
  });

  test("the good records are processed once each, in their order", async () => {
    await fc.assert(
      fc.asyncProperty(specs, async (batch) => {
        const { records, result, seen } = await process(batch);
        const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
        const good = records.map((r) => r.dynamodb!.SequenceNumber!).filter((s) => !failed.has(s));
        expect(seen.filter((s) => !failed.has(s))).toEqual(good);
        expect(new Set(seen).size).toBe(seen.length);
      }),
    );
  });

  test("no item's change is processed after an earlier change to it failed", async () => {
    await fc.assert(
      fc.asyncProperty(specs, async (batch) => {
        const { records, seen } = await process(batch);
        const index = new Map(records.map((r, i) => [r.dynamodb!.SequenceNumber!, i]));
        const failedItems = new Set<number>();
        for (const s of seen) {
          const i = index.get(s)!;
          expect(failedItems.has(batch[i].item)).toBe(false);
          if (batch[i].fails) failedItems.add(batch[i].item);
        }
      }),
    );
  });
});
