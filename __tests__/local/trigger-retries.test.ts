// How the local runner retries, bisects and ages out failing batches, as AWS documents it.
import { FakeRun, FakeStreams, invocations, mapping, record } from "../support/fake-stream";

/** Fails the whole invocation (a function error) when any record in it is poison. */
const THROW_ON_POISON = `exports.handler = async (event) => {
  if (event.Records.some((r) => r.dynamodb.NewImage.poison)) throw new Error("poison");
  return {};
};
`;

const poisoned = (seq: string, poison: boolean) => record(seq, { image: poison ? { poison: { BOOL: true } } : {} });

async function runFor(fake: FakeRun, ms: number, until: () => boolean = () => false) {
  await fake.runner.start();
  await fake.waitFor(until, ms);
  await fake.runner.stop();
}

describe("retries and bisection", () => {
  test("back off instead of retrying a failing record as fast as possible", async () => {
    const streams = new FakeStreams([{ id: "only", records: [poisoned("1", true)], closed: false }]);
    const fake = new FakeRun(streams, mapping({ maximumRetryAttempts: -1 }, THROW_ON_POISON));
    await runFor(fake, 1500);
    // 200, 400 and 800 ms between tries: four tries in 1.5 s (fewer on a busy machine), not thousands.
    expect(invocations(fake.reports).length).toBeGreaterThanOrEqual(2);
    expect(invocations(fake.reports).length).toBeLessThanOrEqual(5);
  });

  test("give each half of a split batch its own retries, so good records are never parked", async () => {
    const records = ["1", "2", "3", "4"].map((seq) => poisoned(seq, seq === "3"));
    const streams = new FakeStreams([{ id: "only", records, closed: false }]);
    streams.pageSize = 10;
    const m = mapping(
      { reportBatchItemFailures: false, bisectOnError: true, maximumRetryAttempts: 1 },
      THROW_ON_POISON,
    );
    const fake = new FakeRun(streams, m, { retryBackoff: { firstMs: 10, maxMs: 10 } });
    await runFor(fake, 5000, () => fake.reports.some((r) => r.kind === "parked") && fake.seen.includes("4"));
    const parked = fake.reports.filter((r) => r.kind === "parked");
    expect(parked.map((p) => p.kind === "parked" && p.records.map((r) => r.dynamodb!.SequenceNumber))).toEqual([["3"]]);
    const succeeded = invocations(fake.reports)
      .filter((i) => i.result.kind === "returned")
      .flatMap((i) => i.records.map((r) => r.dynamodb!.SequenceNumber));
    expect(succeeded).toEqual(["1", "2", "4"]);
  });

  test("count every try of the same records against maximumRetryAttempts", async () => {
    const streams = new FakeStreams([{ id: "only", records: [poisoned("1", true)], closed: false }]);
    const fake = new FakeRun(streams, mapping({ maximumRetryAttempts: 2 }, THROW_ON_POISON), {
      retryBackoff: { firstMs: 10, maxMs: 10 },
    });
    await runFor(fake, 5000, () => fake.reports.some((r) => r.kind === "parked"));
    expect(invocations(fake.reports).map((i) => i.attempt)).toEqual([1, 2, 3]);
  });

  test("split at the failure a function reports, the rest starting its own count, with bisect on", async () => {
    const reportFirstPoison = `exports.handler = async (event) => {
      const bad = event.Records.find((r) => r.dynamodb.NewImage.poison);
      return { batchItemFailures: bad ? [{ itemIdentifier: bad.dynamodb.SequenceNumber }] : [] };
    };`;
    const records = ["1", "2", "3"].map((seq) => poisoned(seq, seq === "2"));
    const streams = new FakeStreams([{ id: "only", records, closed: false }]);
    streams.pageSize = 10;
    const fake = new FakeRun(streams, mapping({ maximumRetryAttempts: 0 }, reportFirstPoison));
    await runFor(fake, 5000, () => fake.reports.some((r) => r.kind === "parked"));
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
    const started = Date.now();
    const clock = () => stamp + 59_900 + (Date.now() - started);
    const failOnce =
      "let calls = 0;\nexports.handler = async () => { calls += 1; if (calls === 1) throw new Error('once'); return {}; };\n";
    const streams = new FakeStreams([
      { id: "only", records: [record("1", { created: new Date(stamp) })], closed: false },
    ]);
    const fake = new FakeRun(streams, mapping({ maximumRecordAgeSeconds: 60 }, failOnce), { clock });
    await runFor(
      fake,
      3000,
      () => invocations(fake.reports).length >= 2 || fake.reports.some((r) => r.kind === "parked"),
    );
    expect(fake.reports.map((r) => r.kind)).toEqual(["invocation", "invocation"]);
  });

  test("still parks a record whose second-precise stamp is older than the limit", async () => {
    let stamp = Math.floor((Date.now() - 65_000) / 1000) * 1000;
    if (stamp % 60_000 === 0) stamp -= 1000; // second-precise, as AWS stamps
    const streams = new FakeStreams([
      { id: "only", records: [record("1", { created: new Date(stamp) })], closed: false },
    ]);
    const fake = new FakeRun(streams, mapping({ maximumRecordAgeSeconds: 60 }));
    await runFor(fake, 3000, () => fake.reports.length > 0);
    expect(fake.reports).toEqual([expect.objectContaining({ kind: "parked", condition: "RecordAgeExceeded" })]);
  });
});
