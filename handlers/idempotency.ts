// Idempotency for at-least-once delivery: each record's work runs through Powertools Idempotency,
// keyed by the record's eventID, so a batch retried after a partial failure, or replayed by redrive,
// does not run a record's side effects twice. Records are kept in the table the stack makes
// (constructs/idempotency-table.ts), named by the function's environment, for its TTL.
import { IdempotencyConfig, makeIdempotent } from "@aws-lambda-powertools/idempotency";
import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import type { Context } from "aws-lambda";
import type { ChangeHandler, ChangeLogger } from "./contract";
import { IDEMPOTENCY_TABLE_VARIABLE, IDEMPOTENCY_TTL_VARIABLE } from "./idempotency-variables";
import type { StreamChange } from "./stream-change";

export interface IdempotentChanges {
  /** Call once per invocation: a record whose work was cut short is retried once the invocation's time is up. */
  readonly registerContext: (context: Context) => void;
  readonly handleChange: ChangeHandler;
}

export function idempotentChanges(
  handleChange: ChangeHandler,
  env: Readonly<Record<string, string | undefined>> = process.env,
): IdempotentChanges {
  const tableName = env[IDEMPOTENCY_TABLE_VARIABLE];
  if (!tableName) throw new Error(`${IDEMPOTENCY_TABLE_VARIABLE} is not set: the stack sets it with idempotency on`);
  const config = new IdempotencyConfig({
    eventKeyJmesPath: "eventID",
    expiresAfterSeconds: Number(env[IDEMPOTENCY_TTL_VARIABLE] ?? 3600),
    // A record without an eventID cannot be told apart from another: fail it rather than run it unguarded.
    throwOnNoIdempotencyKey: true,
  });
  const run = makeIdempotent(
    async (change: StreamChange, logger: ChangeLogger) => {
      await handleChange(change, logger);
      return true;
    },
    { persistenceStore: new DynamoDBPersistenceLayer({ tableName }), config },
  );
  return {
    registerContext: (context) => config.registerLambdaContext(context),
    handleChange: async (change, logger) => {
      await run(change, logger);
    },
  };
}
