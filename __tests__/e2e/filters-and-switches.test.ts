import { LocalTrigger, uniqueName } from "./support/local-trigger";

const post = (n: number, status: string) => ({ user_id: `user-${n}`, post_id: `post-${n}`, status });

describe("filter criteria from the config", () => {
  let local: LocalTrigger;

  beforeAll(async () => {
    local = await new LocalTrigger({
      tableName: uniqueName("filtered"),
      partitionKey: { name: "user_id" },
      sortKey: { name: "post_id" },
      batchSize: 100,
      filterPatterns: [{ dynamodb: { NewImage: { status: { S: ["ready"] } } } }],
    }).start();
    for (let n = 1; n <= 6; n++) await local.put(post(n, n % 2 === 0 ? "ready" : "draft"));
    await local.delete({ user_id: "user-2", post_id: "post-2" });
    await local.put(post(99, "ready")); // a marker: once it is seen, everything before it was polled
    await local.waitFor("the marker", () => local.changeLines.some((l) => l.keys.user_id === "user-99"));
  });

  afterAll(() => local.stop());

  test("deliver only the records that match a pattern", () => {
    expect(local.changeLines.map((l) => l.keys.user_id)).toEqual(["user-2", "user-4", "user-6", "user-99"]);
  });

  test("drop the others for good: they are neither retried nor parked", () => {
    const delivered = local.invocations.flatMap((i) => i.records.map((r) => r.dynamodb!.NewImage!.status.S));
    expect(new Set(delivered)).toEqual(new Set(["ready"]));
    expect(local.parked).toEqual([]);
  });
});

describe("a trigger switched off in the config", () => {
  let local: LocalTrigger;

  beforeAll(async () => {
    local = await new LocalTrigger({
      tableName: uniqueName("disabled"),
      partitionKey: { name: "user_id" },
      sortKey: { name: "post_id" },
      enabled: false,
    }).start();
    await local.put(post(1, "ready"));
    await new Promise((resolve) => setTimeout(resolve, 1000));
  });

  afterAll(() => local.stop());

  test("never invokes the function", () => {
    expect(local.invocations).toEqual([]);
  });
});
