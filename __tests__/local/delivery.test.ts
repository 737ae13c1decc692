// How the local runner retries, bisects and ages out failing batches, as AWS documents it: delivery
// alone, with the function stubbed in-process and a virtual clock, so no result depends on timing.
import { invocations, mapping } from "../support/fake-stream";
import { lambdaRecord as record, StubDelivery, type StubHandler } from "../support/stub-delivery";

/** Fails the whole invocation (a function error) when any record in it is poison. */
const THROW_ON_POISON: StubHandler = (event) => {
  if (event.Records.some((r) => r.dynamodb!.NewImage!.poison)) throw new Error("poison");
  return {};
};

const poisoned = (seq: string, poison: boolean) => record(seq, { image: poison ? { poison: { BOOL: true } } : {} });

describe("retries and bisection", () => {
  test("back off instead of retrying a failing record as fast as possible", async () => {
    const fake = new StubDelivery(mapping({ maximumRetryAttempts: -1 }), THROW_ON_POISON);
    await fake.deliver([poisoned("1", true)], 1500);
    // 200, 400 and 800 ms between tries, on the virtual clock: four tries in 1.5 s, not thousands.
    expect(invocations(fake.reports).length).toBeGreaterThanOrEqual(2);
    expect(invocations(fake.reports).length).toBeLessThanOrEqual(5);
  });

  test("wait the retry policy's doubling delays between tries of one batch", async () => {
    const fake = new StubDelivery(mapping({ maximumRetryAttempts: -1 }), THROW_ON_POISON);
    await fake.deliver([poisoned("1", true)], 1500);
    expect(fake.pauses).toEqual([200, 400, 800, 1600]);
    expect(invocations(fake.reports)).toHaveLength(4);
  });

  test("give each half of a split batch its own retries, so good records are never parked", async () => {
    const records = ["1", "2", "3", "4"].map((seq) => poisoned(seq, seq === "3"));
    const m = mapping({ reportBatchItemFailures: false, bisectOnError: true, maximumRetryAttempts: 1 });
    const fake = new StubDelivery(m, THROW_ON_POISON, { retryBackoff: { firstMs: 10, maxMs: 10 } });
    await fake.deliver(records);
    const parked = fake.reports.filter((r) => r.kind === "parked");
    expect(parked.map((p) => p.kind === "parked" && p.records.map((r) => r.dynamodb!.SequenceNumber))).toEqual([["3"]]);
    const succeeded = invocations(fake.reports)
      .filter((i) => i.result.kind === "returned")
      .flatMap((i) => i.records.map((r) => r.dynamodb!.SequenceNumber));
    expect(succeeded).toEqual(["1", "2", "4"]);
  });

  test("count every try of the same records against maximumRetryAttempts", async () => {
    const fake = new StubDelivery(mapping({ maximumRetryAttempts: 2 }), THROW_ON_POISON, {
      retryBackoff: { firstMs: 10, maxMs: 10 },
    });
    await fake.deliver([poisoned("1", true)]);
    expect(invocations(fake.reports).map((i) => i.attempt)).toEqual([1, 2, 3]);
  });

  test("split at the failure a function reports, the rest starting its own count, with bisect on", async () => {
    const reportFirstPoison: StubHandler = (event) => {
      const bad = event.Records.find((r) => r.dynamodb!.NewImage!.poison);
      return { batchItemFailures: bad ? [{ itemIdentifier: bad.dynamodb!.SequenceNumber }] : [] };
    };
    const records = ["1", "2", "3"].map((seq) => poisoned(seq, seq === "2"));
    const fake = new StubDelivery(mapping({ maximumRetryAttempts: 0 }), reportFirstPoison);
    await fake.deliver(records);
    expect(invocations(fake.reports).map((i) => [i.records.map((r) => r.dynamodb!.SequenceNumber), i.attempt])).toEqual(
      [
        [["1", "2", "3"], 1],
        [["2", "3"], 1],
      ],
    );
  });
});

describe("the maximum record age", () => {
  test("is not judged on DynamoDB Local's minute-rounded clock: a fresh record retried past the minute is delivered", async () => {
    // Written at 12:00:59.9, stamped 12:00:00 by DynamoDB Local, fails once, retried at 12:01:00.1:
    // 60.1 s old by the stamp, 0.2 s old in truth.
    const stamp = Date.UTC(2026, 10, 24, 12, 0, 0);
    let calls = 0;
    const failOnce: StubHandler = () => {
      calls += 1;
      if (calls === 1) throw new Error("once");
      return {};
    };
    const fake = new StubDelivery(mapping({ maximumRecordAgeSeconds: 60 }), failOnce, { startMs: stamp + 59_900 });
    await fake.deliver([record("1", { created: new Date(stamp) })]);
    expect(fake.reports.map((r) => r.kind)).toEqual(["invocation", "invocation"]);
  });

  test("still parks a record whose second-precise stamp is older than the limit", async () => {
    let stamp = Math.floor((Date.now() - 65_000) / 1000) * 1000;
    if (stamp % 60_000 === 0) stamp -= 1000; // second-precise, as AWS stamps
    const fake = new StubDelivery(mapping({ maximumRecordAgeSeconds: 60 }), () => ({}), { startMs: stamp + 65_000 });
    await fake.deliver([record("1", { created: new Date(stamp) })]);
    expect(fake.reports).toEqual([expect.objectContaining({ kind: "parked", condition: "RecordAgeExceeded" })]);
  });
});

describe("a destination that cannot be written", () => {
  const noSpace = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });

  /** Fails `failures` times with ENOSPC, then writes. */
  function fullDisk(failures: number) {
    const attempts: number[] = [];
    return {
      folder: "/queues/books-dlq",
      attempts,
      async write(): Promise<string> {
        attempts.push(attempts.length + 1);
        if (attempts.length <= failures) throw noSpace();
        return "/queues/books-dlq/1-abc.json";
      },
    };
  }

  test("is reported once, naming the folder and the cause, however often parking is retried", async () => {
    const destination = fullDisk(5);
    const fake = new StubDelivery(mapping({ maximumRetryAttempts: 0 }), THROW_ON_POISON, { destination });
    await fake.deliver([poisoned("1", true)]);
    const errors = fake.reports.filter((r) => r.kind === "park-error");
    expect(errors).toEqual([
      expect.objectContaining({ folder: "/queues/books-dlq", error: expect.stringContaining("ENOSPC") }),
    ]);
  });

  test("is retried with backoff until the batch is parked, without invoking the function again", async () => {
    const destination = fullDisk(3);
    const fake = new StubDelivery(mapping({ maximumRetryAttempts: 0 }), THROW_ON_POISON, { destination });
    await fake.deliver([poisoned("1", true)]);
    expect(destination.attempts).toHaveLength(4);
    expect(fake.pauses).toEqual([200, 400, 800]);
    expect(invocations(fake.reports)).toHaveLength(1);
    expect(fake.reports.filter((r) => r.kind === "parked")).toEqual([
      expect.objectContaining({ file: "/queues/books-dlq/1-abc.json" }),
    ]);
  });

  test("leaves the batch to be read again, not parked, when the runner stops while it waits", async () => {
    const fake = new StubDelivery(mapping({ maximumRetryAttempts: 0 }), THROW_ON_POISON, {
      destination: fullDisk(Number.POSITIVE_INFINITY),
    });
    expect(await fake.deliver([poisoned("1", true)], 10_000)).toBe(false);
    expect(fake.reports.filter((r) => r.kind === "parked")).toEqual([]);
  });
});
