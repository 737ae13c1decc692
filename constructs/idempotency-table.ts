// The table Powertools Idempotency keeps its records in (handlers/idempotency.ts): one item per stream
// record's eventID, expired by DynamoDB's TTL after the trigger's idempotency seconds.
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { Construct } from "constructs";
import { idempotencyTableName } from "../settings/physical-names";
import type { FunctionRole } from "./function-role";

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
