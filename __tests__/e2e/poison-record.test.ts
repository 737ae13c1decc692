import { booksTrigger, LocalTrigger } from "./support/local-trigger";

const POISON_HANDLER = "__tests__/fixtures/handlers/fail-on-poison.ts";
const book = (n: number, extra: Record<string, unknown> = {}) => ({
  author: `Author ${n}`,
  bookTitle: `Title ${n}`,
  ...extra,
});

/** How many times the handler logged each book as processed. */
function processedCounts(local: LocalTrigger): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of local.changeLines) counts.set(line.keys.author, (counts.get(line.keys.author) ?? 0) + 1);
  return counts;
}

describe("a poison record among good ones, one record per batch (the default)", () => {
  let local: LocalTrigger;

  beforeAll(async () => {
    local = await new LocalTrigger(
      booksTrigger("poison", { handlerEntry: POISON_HANDLER, maximumRetryAttempts: 2 }),
    ).start();
    for (let n = 1; n <= 3; n++) await local.put(book(n));
    await local.put(book(4, { poison: true }));
    for (let n = 5; n <= 7; n++) await local.put(book(n));
    await local.waitFor(
      "six good records and one parked",
      () => local.changeLines.length >= 6 && local.parked.length >= 1,
    );
  });

  afterAll(() => local.stop());

  test("every good record is processed exactly once", () => {
    const counts = processedCounts(local);
    expect([...counts.entries()].sort()).toEqual([1, 2, 3, 5, 6, 7].map((n) => [`Author ${n}`, 1]));
  });

  test("good records are processed in write order, the later ones after the poison record was parked", () => {
    expect(local.changeLines.map((l) => l.keys.author)).toEqual([1, 2, 3, 5, 6, 7].map((n) => `Author ${n}`));
  });

  test("the poison record is tried once and retried twice, then parked", () => {
    const poisonInvocations = local.invocations.filter((i) => i.records[0].dynamodb!.NewImage?.poison);
    expect(poisonInvocations.map((i) => i.attempt)).toEqual([1, 2, 3]);
    for (const i of poisonInvocations) expect(i.failed).toEqual([i.records[0].dynamodb!.SequenceNumber]);
    expect(local.parked.map((p) => p.condition)).toEqual(["RetryAttemptsExhausted"]);
  });

  test("the failure folder holds AWS's on-failure message with the poison record's sequence range", () => {
    const poison = local.invocations.find((i) => i.records[0].dynamodb!.NewImage?.poison)!.records[0];
    const [message] = local.failureMessages();
    expect(message.requestContext).toMatchObject({ condition: "RetryAttemptsExhausted", approximateInvokeCount: 3 });
    expect(message.requestContext.functionArn).toMatch(/:function:poison[0-9a-f]{6}-e2e-stream-handler$/);
    expect(message.DDBStreamBatchInfo).toMatchObject({
      startSequenceNumber: poison.dynamodb!.SequenceNumber,
      endSequenceNumber: poison.dynamodb!.SequenceNumber,
      batchSize: 1,
      streamArn: poison.eventSourceARN,
    });
    expect(message.DDBStreamBatchInfo.shardId).toMatch(/^shardId-/);
    expect(message.version).toBe("1.0");
  });
});

describe("a poison record inside a batch of ten", () => {
  let local: LocalTrigger;

  beforeAll(async () => {
    local = await new LocalTrigger(
      booksTrigger("poisonbatch", {
        handlerEntry: POISON_HANDLER,
        batchSize: 10,
        batchingWindowSeconds: 1,
        maximumRetryAttempts: 1,
      }),
    ).start();
    await Promise.all(Array.from({ length: 10 }, (_, i) => i + 1).map((n) => local.put(book(n, { poison: n === 4 }))));
    await local.waitFor("the poison record parked", () => local.parked.length >= 1);
  });

  afterAll(() => local.stop());

  test("records before it are processed once and never redelivered", () => {
    const first = local.invocations[0];
    const poisonIndex = first.records.findIndex((r) => r.dynamodb!.NewImage?.poison);
    const before = first.records.slice(0, poisonIndex).map((r) => r.dynamodb!.Keys!.author.S);
    const counts = processedCounts(local);
    for (const author of before) expect(counts.get(author!)).toBe(1);
    for (const retry of local.invocations.slice(1)) {
      for (const author of before) expect(retry.records.map((r) => r.dynamodb!.Keys!.author.S)).not.toContain(author);
    }
  });

  test("Lambda retries from the poison record, so records after it are redelivered with it: none is lost", () => {
    const counts = processedCounts(local);
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 5, 6, 7, 8, 9, 10].map((n) => `Author ${n}`).sort());
    const retry = local.invocations[1];
    expect(retry.records[0].dynamodb!.NewImage!.poison).toEqual({ BOOL: true });
  });

  test("the parked range starts at the poison record and covers what was retried with it", () => {
    const lastTry = local.invocations[local.invocations.length - 1];
    const [message] = local.failureMessages();
    expect(message.DDBStreamBatchInfo.startSequenceNumber).toBe(lastTry.records[0].dynamodb!.SequenceNumber);
    expect(message.DDBStreamBatchInfo.endSequenceNumber).toBe(
      lastTry.records[lastTry.records.length - 1].dynamodb!.SequenceNumber,
    );
    expect(message.DDBStreamBatchInfo.batchSize).toBe(lastTry.records.length);
  });
});

describe("a batch that runs past the function's timeout", () => {
  let local: LocalTrigger;

  beforeAll(async () => {
    local = await new LocalTrigger(
      booksTrigger("slow", { handlerEntry: POISON_HANDLER, timeoutSeconds: 1, maximumRetryAttempts: 1 }),
    ).start();
    await local.put(book(1, { slow: true }));
    await local.put(book(2));
    await local.waitFor(
      "the slow record parked and the next processed",
      () => local.parked.length >= 1 && local.changeLines.length >= 1,
    );
  });

  afterAll(() => local.stop());

  test("counts as failed, with Lambda's timeout error", () => {
    const [first] = local.invocations;
    expect(first.result).toMatchObject({
      kind: "error",
      errorType: "Sandbox.Timedout",
      errorMessage: "Task timed out after 1.00 seconds",
    });
    expect(first.failed).toHaveLength(1);
  });

  test("is retried, then parked, and the next record goes through", () => {
    expect(local.invocations.slice(0, 2).map((i) => i.attempt)).toEqual([1, 2]);
    expect(local.failureMessages()[0].responseContext.functionError).toBe("Unhandled");
    expect(local.changeLines.map((l) => l.keys.author)).toEqual(["Author 2"]);
  });
});
