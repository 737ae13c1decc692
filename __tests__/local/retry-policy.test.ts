import { nextPollDelayMs, recordAgeSeconds, retryDelayMs } from "../../local/retry-policy";

describe("the local runner's pacing", () => {
  test("polls again at once while records flow", () => {
    expect(nextPollDelayMs(120, true)).toBe(0);
  });

  test("backs off from a few milliseconds to four polls a second when idle", () => {
    const delays: number[] = [];
    let delay = 0;
    for (let i = 0; i < 10; i++) delays.push((delay = nextPollDelayMs(delay, false)));
    expect(delays[0]).toBeLessThanOrEqual(10);
    expect(delays.at(-1)).toBe(250);
    expect([...delays].sort((a, b) => a - b)).toEqual(delays);
  });

  test("doubles the wait between retries of one batch, up to a ceiling", () => {
    const backoff = { firstMs: 200, maxMs: 30_000 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, backoff))).toEqual([200, 400, 800, 1600]);
    expect(retryDelayMs(50, backoff)).toBe(30_000);
  });
});

describe("a record's age", () => {
  const at = (h: number, m: number, s: number, ms = 0) => Date.UTC(2026, 10, 24, h, m, s, ms);

  test("on a minute-rounded stamp, counts from when the runner first saw the record", () => {
    const seen = at(12, 0, 59, 500); // written a moment before, stamped 12:00:00 by DynamoDB Local
    expect(recordAgeSeconds(at(12, 0, 0) / 1000, seen, seen + 1600)).toBeCloseTo(1.6);
  });

  test("on a minute-rounded stamp long past, counts from the end of that minute", () => {
    const seen = at(12, 30, 0);
    expect(recordAgeSeconds(at(11, 0, 0) / 1000, seen, seen)).toBeCloseTo(89 * 60);
  });

  test("on a second-precise stamp, as AWS writes it, counts from the stamp", () => {
    const seen = at(12, 1, 0);
    expect(recordAgeSeconds(at(11, 59, 1) / 1000, seen, seen)).toBeCloseTo(119 - 1);
  });
});
