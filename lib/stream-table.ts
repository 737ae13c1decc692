// The DynamoDB table whose stream feeds the trigger.
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { Construct } from "constructs";
import type { ResolvedTriggerSettings } from "./trigger-settings";

export type StreamTableProps = Pick<
  ResolvedTriggerSettings,
  "tableName" | "partitionKey" | "sortKey" | "streamViewType" | "deletionProtection"
>;

/** An on-demand table with its stream on, point-in-time recovery on and encryption at rest by KMS. */
export class StreamTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: StreamTableProps) {
    super(scope, id);
    const keys = props.sortKey ? [props.partitionKey, props.sortKey] : [props.partitionKey];
    this.table = new DynamodbTable(this, "table", {
      name: props.tableName,
      billingMode: "PAY_PER_REQUEST",
      hashKey: props.partitionKey.name,
      rangeKey: props.sortKey?.name,
      attribute: keys.map((k) => ({ name: k.name, type: k.type })),
      streamEnabled: true,
      streamViewType: props.streamViewType,
      pointInTimeRecovery: { enabled: true },
      // Enabled without a key ARN: the AWS managed key aws/dynamodb, whose use CloudTrail records.
      serverSideEncryption: { enabled: true },
      deletionProtectionEnabled: props.deletionProtection,
    });
  }

  get streamArn(): string {
    return this.table.streamArn;
  }
}
