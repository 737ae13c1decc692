// How often the local runner polls and retries, and how old it judges a record: pure functions, so the
// pacing is tested without a stream.

export interface Backoff {
  /** The wait before the first retry of a batch; each further retry doubles it. */
  readonly firstMs: number;
  /** The longest wait between two tries of one batch. */
  readonly maxMs: number;
}

// AWS does not publish its retry schedule for stream batches; it backs off exponentially. These keep a
// poison record with unlimited retries to a few tries a minute instead of thousands a second, while a
// test that allows two retries still finishes in under a second.
export const RETRY_BACKOFF: Backoff = { firstMs: 200, maxMs: 30_000 };

/** The wait before retry number `retry` (1 for the first retry). */
export function retryDelayMs(retry: number, backoff: Backoff = RETRY_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.max(0, retry - 1));
}

/** Lambda polls an idle shard about four times a second. */
export const IDLE_POLL_MS = 250;
const FIRST_IDLE_POLL_MS = 5;

/**
 * The wait after a poll: none while records flow (poll again at once), then doubling from 5 ms up to
 * Lambda's idle pace, so a write after a pause is seen within milliseconds and an idle shard costs four
 * polls a second.
 */
export function nextPollDelayMs(previousMs: number, gotRecords: boolean, idleMs: number = IDLE_POLL_MS): number {
  if (gotRecords) return 0;
  return Math.min(idleMs, previousMs === 0 ? FIRST_IDLE_POLL_MS : previousMs * 2);
}

/**
 * A record's age in seconds. DynamoDB Local rounds ApproximateCreationDateTime down to the minute
 * (AWS: to the second), which would make a record written at 12:00:59 look 59 s old at once. The true
 * creation time lies within one unit of the stamp and no later than when the runner first saw the
 * record, so the age is measured from the later of the two bounds that holds.
 */
export function recordAgeSeconds(createdSeconds: number | undefined, firstSeenMs: number, nowMs: number): number {
  if (createdSeconds === undefined) return (nowMs - firstSeenMs) / 1000;
  const unit = createdSeconds % 60 === 0 ? 60 : 1;
  const latestPossible = Math.min((createdSeconds + unit) * 1000, firstSeenMs);
  return Math.max(0, (nowMs - latestPossible) / 1000);
}
