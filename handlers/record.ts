// The per-record work: what you replace with your own business logic.
// It gets one typed change and a logger; throw to mark the record failed (it is retried, and after the
// configured retries, parked in the failure queue). Keep it idempotent: AWS delivers at least once.
import type { ChangeHandler, WindowAggregator } from "./contract";

/** The seeds' behaviour: log every change as one structured line (attributes left undefined are left out). */
export const logChange: ChangeHandler = (change, logger) => {
  logger.info(change.expiredByTtl ? "item expired by TTL" : `item ${change.eventName.toLowerCase()}`, {
    eventName: change.eventName,
    keys: change.keys,
    newImage: change.newImage,
    oldImage: change.oldImage,
    expiredByTtl: change.expiredByTtl || undefined,
    approximateCreationTime: change.approximateCreationTime,
  });
};

/** With tumblingWindowSeconds: counts a window's changes by event name, and logs the counts as it closes. */
export const countChanges: WindowAggregator<Partial<Record<string, number>>> = {
  add: (counts, change) => ({ ...counts, [change.eventName]: (counts[change.eventName] ?? 0) + 1 }),
  close: (counts, window, logger) => logger.info("window closed", { window, changes: counts }),
};
