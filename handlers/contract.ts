// What the Lambda glue (batch.ts, logger.ts) promises the per-record logic, and asks of it: kept apart
// from record.ts, so replacing that file with your own logic leaves the contract in place.
import type { Item, StreamChange } from "./stream-change";

/** Where a change's logic writes its lines; one structured JSON line per call, as Powertools Logger writes it. */
export interface ChangeLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void;
}

/**
 * The per-record logic: throw (or reject) to mark the record failed; it is retried, then parked. `I` is
 * the item's type: give the glue `checkedItems(check, handler)` (typed-items.ts) for anything but the
 * default, so that the images are checked at run time before they are trusted to be one.
 */
export type ChangeHandler<I = Item> = (change: StreamChange<I>, logger: ChangeLogger) => void | Promise<void>;

/** A tumbling window's bounds, ISO 8601, as Lambda sends them. */
export interface WindowBounds {
  readonly start: string;
  readonly end: string;
}

/** A tumbling window's state: what Lambda carries between invocations (JSON, at most 1 MB per shard). */
export type WindowState = Record<string, unknown>;

/**
 * With tumblingWindowSeconds: folds each change that succeeded into the window's state, and is handed
 * the whole window's state once when it closes. Lambda starts every window with `{}`.
 */
export interface WindowAggregator<State extends WindowState = WindowState> {
  /** Throw to fail the record, as the ChangeHandler would: Lambda retries from it. */
  add(state: State, change: StreamChange): State;
  /** Throw (or reject) to have Lambda retry the closing invocation; the shard waits until it succeeds. */
  close(state: State, window: WindowBounds, logger: ChangeLogger): void | Promise<void>;
}
