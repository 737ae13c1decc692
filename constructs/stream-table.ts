// The DynamoDB table whose stream feeds the trigger.
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { Construct } from "constructs";
import type { KeyAttribute, StreamViewType } from "../settings/trigger-settings";
import type { FunctionRole } from "./function-role";

/** The stream actions Lambda's poller needs; AWS's AWSLambdaDynamoDBExecutionRole grants the same four. */
export const STREAM_READ_ACTIONS = [
  "dynamodb:DescribeStream",
  "dynamodb:GetRecords",
  "dynamodb:GetShardIterator",
  "dynamodb:ListStreams",
] as const;

export interface StreamTableProps {
  /** Physical table name; 3–255 characters of A–Z a–z 0–9 _ . - */
  readonly tableName: string;
  /** Partition (hash) key. */
  readonly partitionKey: Required<KeyAttribute>;
  /** Sort (range) key; default none. */
  readonly sortKey?: Required<KeyAttribute>;
  /** What each stream record carries; one of STREAM_VIEW_TYPES. */
  readonly streamViewType: StreamViewType;
  /** Refuse deletion, both by AWS (`DeleteTable`) and by Terraform (`prevent_destroy`); default false. */
  readonly deletionProtection: boolean;
}

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
      // Deletion protection only stops the API call, after Terraform has planned the delete (a key or
      // name change plans a replacement); prevent_destroy makes the plan itself fail.
      lifecycle: props.deletionProtection ? { preventDestroy: true } : undefined,
    });
  }

  get streamArn(): string {
    return this.table.streamArn;
  }

  /** Lets `role` read this table's stream, as Lambda's poller does, and nothing else of the table. */
  grantStreamRead(role: FunctionRole): void {
    role.addStatement({
      Sid: "ReadTableStream",
      Effect: "Allow",
      Action: [...STREAM_READ_ACTIONS],
      Resource: this.streamArn,
    });
  }
}
