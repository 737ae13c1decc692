// The variables the stack sets on a function with idempotency (constructs/stream-trigger.ts), read by
// handlers/idempotency.ts: apart, so the constructs name them without loading Powertools.
export const IDEMPOTENCY_TABLE_VARIABLE = "IDEMPOTENCY_TABLE_NAME";
export const IDEMPOTENCY_TTL_VARIABLE = "IDEMPOTENCY_TTL_SECONDS";
