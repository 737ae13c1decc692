// The local runner plays a tumbling window as Lambda does: the state each invocation answers is sent
// with the next batch, and once the window's end has passed a final invocation hands the whole state over.
import { FakeRun, FakeStreams, invocations, mapping, record } from "../support/fake-stream";

// Counts records into the state; at the close, answers what it was handed.
const COUNTING = `exports.handler = async (event) => {
  if (event.isFinalInvokeForWindow) return { batchItemFailures: [], state: {}, closedWith: event.state, window: event.window };
  return { batchItemFailures: [], state: { count: (event.state.count || 0) + event.Records.length } };
};\n`;

async function counted(handler: string) {
  let now = 120_000; // a window of 60 s opens at 120 s
  const streams = new FakeStreams([{ id: "only", records: ["1", "2", "3"].map((s) => record(s)), closed: false }]);
  const fake = new FakeRun(streams, mapping({ batchSize: 1, tumblingWindowSeconds: 60 }, handler), {
    clock: () => now,
  });
  await fake.runner.start();
  await fake.waitFor(() => fake.seen.length >= 3);
  now = 180_000; // the window's end
  await fake.waitFor(() => invocations(fake.reports).some((r) => r.records.length === 0));
  await fake.runner.stop();
  return invocations(fake.reports);
}

test("carries the state from batch to batch and hands the window's whole state over at its end", async () => {
  const calls = await counted(COUNTING);
  const responses = calls.map((c) => (c.result.kind === "returned" ? c.result.response : c.result));
  expect(responses).toEqual([
    { batchItemFailures: [], state: { count: 1 } },
    { batchItemFailures: [], state: { count: 2 } },
    { batchItemFailures: [], state: { count: 3 } },
    {
      batchItemFailures: [],
      state: {},
      closedWith: { count: 3 },
      window: { start: "1970-01-01T00:02:00Z", end: "1970-01-01T00:03:00Z" },
    },
  ]);
});

test("fails a batch answered without a state, as Lambda does, and retries it", async () => {
  const streams = new FakeStreams([{ id: "only", records: [record("1")], closed: false }]);
  const fake = new FakeRun(
    streams,
    mapping({ tumblingWindowSeconds: 60 }, "exports.handler = async () => ({ batchItemFailures: [] });\n"),
    { retryBackoff: { firstMs: 1, maxMs: 1 } },
  );
  await fake.runner.start();
  await fake.waitFor(() => invocations(fake.reports).length >= 2);
  await fake.runner.stop();
  const [first, second] = invocations(fake.reports);
  expect(first.result).toMatchObject({ kind: "error", errorType: "MissingWindowState" });
  expect(second.attempt).toBe(2);
});
