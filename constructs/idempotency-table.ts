// The table Powertools Idempotency keeps its records in (handlers/idempotency.ts): one item per stream
// record's eventID, expired by DynamoDB's TTL after the trigger's idempotency seconds.
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { Construct } from "constructs";
import { idempotencyTableName } from "../settings/physical-names";
import { IDEMPOTENT_HANDLER, type LambdaRuntime } from "../settings/trigger-settings";
import type { FunctionRole } from "./function-role";
import { BundleError, bundleHandler } from "./handler-bundle";

/** The glue that runs each record's work through Powertools Idempotency: a handler without it ignores the table. */
export const IDEMPOTENCY_GLUE = "handlers/idempotency.ts";

/** The item calls Powertools' DynamoDBPersistenceLayer makes (its source: Put, Get, Update, Delete). */
export const IDEMPOTENCY_ACTIONS = [
  "dynamodb:PutItem",
  "dynamodb:GetItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
] as const;

/** Powertools' default attribute names: the key, and the expiry DynamoDB's TTL reads. */
export const IDEMPOTENCY_KEY = "id";
export const IDEMPOTENCY_EXPIRY = "expiration";

export interface IdempotencyTableProps {
  /** The consumer's function; the table is `<functionName>-idempotency`. */
  readonly functionName: string;
  /** Follows the trigger's table: Terraform's prevent_destroy and AWS's deletion protection. */
  readonly deletionProtection: boolean;
}

/** On demand, encrypted with the AWS managed key, expired items removed by TTL. */
export class IdempotencyTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: IdempotencyTableProps) {
    super(scope, id);
    this.table = new DynamodbTable(this, "table", {
      name: idempotencyTableName(props.functionName),
      billingMode: "PAY_PER_REQUEST",
      hashKey: IDEMPOTENCY_KEY,
      attribute: [{ name: IDEMPOTENCY_KEY, type: "S" }],
      ttl: { attributeName: IDEMPOTENCY_EXPIRY, enabled: true },
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: props.deletionProtection,
      // Losing the records would let a replay run each record's work again.
      lifecycle: props.deletionProtection ? { preventDestroy: true } : undefined,
    });
  }

  get name(): string {
    return this.table.name;
  }

  /** Lets `role` make exactly Powertools' item calls on this table. */
  grantIdempotency(role: FunctionRole): void {
    role.addStatement({
      Sid: "KeepIdempotencyRecords",
      Effect: "Allow",
      Action: [...IDEMPOTENCY_ACTIONS],
      Resource: this.table.arn,
    });
  }
}

/**
 * Refuses a handler whose use of the idempotency glue does not match the setting. Without the glue the
 * table stays empty and every retried or replayed record's work runs again, while the config says it
 * runs once; with the glue and no table, the function fails to start on every invocation until its
 * records are parked. Checked before anything is made, so that nothing is written for a stack refused.
 */
export function checkIdempotencyGlue(entry: string, runtime: LambdaRuntime, idempotency: boolean): void {
  const usesGlue = bundleHandler(entry, undefined, runtime).sources.includes(IDEMPOTENCY_GLUE);
  if (usesGlue === idempotency) return;
  const message = idempotency
    ? `${entry} does not use idempotentChanges (${IDEMPOTENCY_GLUE}), so with idempotency on each record's work would still run again on every retry and replay; wrap your ChangeHandler with it (as ${IDEMPOTENT_HANDLER} does), or leave handlerEntry unset to run that handler`
    : `${entry} uses idempotentChanges (${IDEMPOTENCY_GLUE}), which needs the idempotency table: with idempotency off the function would fail to start on every invocation; set idempotency to true (or a TTL in seconds), or point handlerEntry at a handler without it`;
  throw new BundleError(entry, idempotency ? "no idempotency glue" : "idempotency glue without a table", message);
}
