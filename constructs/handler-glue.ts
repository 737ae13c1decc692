// Settings a handler must be built for: with idempotency it must run its work through the idempotency
// glue (and without it must not, as that glue needs the table), and with a tumbling window it must answer
// window events with a state. Read from what esbuild bundled (the entry's own source files), before
// anything is made, so that nothing is written for a stack refused.
import { IDEMPOTENT_HANDLER, type LambdaRuntime, TRIGGER_DEFAULTS } from "../settings/trigger-settings";
import { BundleError, bundleHandler } from "./handler-bundle";

/** Runs each record's work through Powertools Idempotency: a handler without it ignores the table. */
export const IDEMPOTENCY_GLUE = "handlers/idempotency.ts";
/** Answers a tumbling window's events with the state Lambda requires. */
export const WINDOW_GLUE = "handlers/window.ts";

export interface GlueSettings {
  readonly handlerEntry: string;
  readonly runtime: LambdaRuntime;
  /** false, or on (true or a TTL in seconds), as the config writes it. */
  readonly idempotency: boolean | number;
  readonly tumblingWindowSeconds: number;
}

/**
 * Refuses a handler built without what its settings need. Without the idempotency glue the table stays
 * empty and every retried or replayed record's work runs again, while the config says it runs once; with
 * it and no table, the function fails to start on every invocation. Without the window glue, Lambda fails
 * every invocation of a window answered without a state. Each until the records are parked.
 */
export function checkHandlerGlue(s: GlueSettings): void {
  const entry = s.handlerEntry;
  const sources = bundleHandler(entry, undefined, s.runtime).sources;
  const usesIdempotency = sources.includes(IDEMPOTENCY_GLUE);
  const idempotency = s.idempotency !== false;
  if (idempotency && !usesIdempotency)
    refuse(
      entry,
      `${entry} does not use idempotentChanges (${IDEMPOTENCY_GLUE}), so with idempotency on each record's work would still run again on every retry and replay; wrap your ChangeHandler with it (as ${IDEMPOTENT_HANDLER} does), or leave handlerEntry unset to run that handler`,
    );
  if (!idempotency && usesIdempotency)
    refuse(
      entry,
      `${entry} uses idempotentChanges (${IDEMPOTENCY_GLUE}), which needs the idempotency table: with idempotency off the function would fail to start on every invocation; set idempotency to true (or a TTL in seconds), or point handlerEntry at a handler without it`,
    );
  if (s.tumblingWindowSeconds > 0 && !sources.includes(WINDOW_GLUE))
    refuse(
      entry,
      `${entry} does not use processWindowBatch (${WINDOW_GLUE}), so with tumblingWindowSeconds set every invocation would answer without a state and fail until its records are parked; answer window events with it (as ${TRIGGER_DEFAULTS.handlerEntry} does), or leave handlerEntry unset`,
    );
}

function refuse(entry: string, message: string): never {
  throw new BundleError(entry, "not built for its settings", message);
}
