// The DynamoDB table whose stream feeds the trigger.
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { Construct } from "constructs";
import { attributeDefinitions, type ResolvedProjection, type ResolvedTableShape } from "../settings/table-shape";
import type { KeyAttribute, StreamViewType } from "../settings/trigger-settings";
import type { FunctionRole } from "./function-role";

/** The stream actions Lambda's poller needs; AWS's AWSLambdaDynamoDBExecutionRole grants the same four. */
export const STREAM_READ_ACTIONS = [
  "dynamodb:DescribeStream",
  "dynamodb:GetRecords",
  "dynamodb:GetShardIterator",
  "dynamodb:ListStreams",
] as const;

export interface StreamTableProps extends Partial<ResolvedTableShape> {
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
  /**
   * Take over an existing table of this exact name by a Terraform import block, rather than create one;
   * default false. An adopted table is always prevent_destroy, and what config does not state of it
   * (point-in-time recovery, encryption, deletion protection, tags, TTL when unset) stays as the table has it.
   */
  readonly adopt?: boolean;
}

/** Attributes of an adopted table that its config does not state: Terraform leaves them as they are. */
export const ADOPTED_TABLE_IGNORED = [
  "point_in_time_recovery",
  "server_side_encryption",
  "deletion_protection_enabled",
  "tags",
  "tags_all",
] as const;

/** Lets `role` read the stream `streamArn`, as Lambda's poller does, and nothing else of its table. */
export function grantStreamRead(role: FunctionRole, streamArn: string): void {
  role.addStatement({
    Sid: "ReadTableStream",
    Effect: "Allow",
    Action: [...STREAM_READ_ACTIONS],
    Resource: streamArn,
  });
}

const projectionOf = (p: ResolvedProjection) => ({
  projectionType: p.type,
  nonKeyAttributes: p.type === "INCLUDE" ? [...p.include] : undefined,
});

/**
 * A table with its stream on, point-in-time recovery on and encryption at rest by KMS; on demand unless
 * billingMode says PROVISIONED. Indexes, TTL and a class other than STANDARD are emitted only when set, so
 * a table without them synthesizes as it always has.
 */
export class StreamTable extends Construct {
  readonly table: DynamodbTable;

  constructor(scope: Construct, id: string, props: StreamTableProps) {
    super(scope, id);
    const gsis = props.globalSecondaryIndexes ?? [];
    const lsis = props.localSecondaryIndexes ?? [];
    const provisioned = props.billingMode === "PROVISIONED";
    const keys = attributeDefinitions(props.partitionKey, props.sortKey, {
      globalSecondaryIndexes: gsis,
      localSecondaryIndexes: lsis,
    });
    this.table = new DynamodbTable(this, "table", {
      name: props.tableName,
      billingMode: props.billingMode ?? "PAY_PER_REQUEST",
      readCapacity: provisioned ? props.readCapacity : undefined,
      writeCapacity: provisioned ? props.writeCapacity : undefined,
      // STANDARD is left out, so today's tables synthesize as before; an adopted table states its class.
      tableClass: props.adopt || (props.tableClass && props.tableClass !== "STANDARD") ? props.tableClass : undefined,
      hashKey: props.partitionKey.name,
      rangeKey: props.sortKey?.name,
      attribute: keys.map((k) => ({ name: k.name, type: k.type })),
      globalSecondaryIndex: gsis.length
        ? gsis.map((g) => ({
            name: g.name,
            hashKey: g.partitionKey.name,
            rangeKey: g.sortKey?.name,
            ...projectionOf(g.projection),
            readCapacity: provisioned ? g.readCapacity : undefined,
            writeCapacity: provisioned ? g.writeCapacity : undefined,
          }))
        : undefined,
      localSecondaryIndex: lsis.length
        ? lsis.map((l) => ({ name: l.name, rangeKey: l.sortKey.name, ...projectionOf(l.projection) }))
        : undefined,
      ttl: props.ttlAttribute ? { enabled: true, attributeName: props.ttlAttribute } : undefined,
      streamEnabled: true,
      streamViewType: props.streamViewType,
      ...(props.adopt
        ? {
            // deletionProtection true is stated, so switched on (a change the first plan shows); false, the
            // default, states nothing: the table keeps what it has.
            deletionProtectionEnabled: props.deletionProtection ? true : undefined,
            lifecycle: {
              preventDestroy: true,
              ignoreChanges: [
                ...ADOPTED_TABLE_IGNORED.filter(
                  (a) => !(props.deletionProtection && a === "deletion_protection_enabled"),
                ),
                ...(props.ttlAttribute ? [] : ["ttl"]),
              ],
            },
          }
        : {
            pointInTimeRecovery: { enabled: true },
            // Enabled without a key ARN: the AWS managed key aws/dynamodb, whose use CloudTrail records.
            serverSideEncryption: { enabled: true },
            deletionProtectionEnabled: props.deletionProtection,
            // Deletion protection only stops the API call, after Terraform has planned the delete (a key or
            // name change plans a replacement); prevent_destroy makes the plan itself fail.
            lifecycle: props.deletionProtection ? { preventDestroy: true } : undefined,
          }),
    });
    if (props.adopt) this.table.importFrom(props.tableName);
  }

  get streamArn(): string {
    return this.table.streamArn;
  }

  get name(): string {
    return this.table.name;
  }

  /** Lets `role` read this table's stream, as Lambda's poller does, and nothing else of the table. */
  grantStreamRead(role: FunctionRole): void {
    grantStreamRead(role, this.streamArn);
  }
}
