// What the Lambda glue (batch.ts, logger.ts) promises the per-record logic, and asks of it: kept apart
// from record.ts, so replacing that file with your own logic leaves the contract in place.
import type { StreamChange } from "./stream-change";

/** Where a change's logic writes its lines; one structured JSON line per call, as Powertools Logger writes it. */
export interface ChangeLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void;
}

/** The per-record logic: throw (or reject) to mark the record failed; it is retried, then parked. */
export type ChangeHandler = (change: StreamChange, logger: ChangeLogger) => void | Promise<void>;
