import { LocalTrigger, uniqueName } from "./support/local-trigger";

const WRITES = 1000;
const KEYS = 50;

describe(`${WRITES} writes over ${KEYS} items`, () => {
  let local: LocalTrigger;

  beforeAll(async () => {
    local = await new LocalTrigger({
      tableName: uniqueName("load"),
      partitionKey: { name: "id" },
      batchSize: 100,
    }).start();
    // 16 writes in flight; each item's versions are still written one after another.
    const next = Array.from({ length: KEYS }, () => 0);
    const queue = Array.from({ length: WRITES }, (_, i) => i % KEYS);
    const busy = new Set<number>();
    const worker = async () => {
      for (;;) {
        const index = queue.findIndex((k) => !busy.has(k));
        if (index === -1) {
          if (queue.length === 0) return;
          await new Promise((resolve) => setTimeout(resolve, 1));
          continue;
        }
        const [key] = queue.splice(index, 1);
        busy.add(key);
        next[key] += 1;
        await local.put({ id: `item-${key}`, version: next[key] });
        busy.delete(key);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    await local.waitFor(`${WRITES} records`, () => local.changeLines.length >= WRITES);
  });

  afterAll(() => local.stop());

  test("the handler sees every write, none lost and none twice", () => {
    const seen = local.changeLines.map((l) => `${l.keys.id}#${l.newImage.version}`);
    expect(seen).toHaveLength(WRITES);
    expect(new Set(seen).size).toBe(WRITES);
  });

  test("each item's changes arrive in write order", () => {
    const versions = new Map<string, number[]>();
    for (const l of local.changeLines)
      versions.set(l.keys.id, [...(versions.get(l.keys.id) ?? []), l.newImage.version]);
    expect(versions.size).toBe(KEYS);
    for (const list of versions.values()) expect(list).toEqual(list.map((_, i) => i + 1));
  });

  test("records arrive in batches of at most 100", () => {
    for (const i of local.invocations) expect(i.records.length).toBeLessThanOrEqual(100);
    expect(local.invocations.length).toBeLessThan(WRITES);
  });
});
