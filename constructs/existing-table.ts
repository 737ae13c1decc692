// A table this stack reads and never manages (tableSource "existing"): a data source, checked at plan time,
// or, for a stream in another account, the stream's ARN as given. Nothing here can change or delete it.
import { DataAwsDynamodbTable } from "@cdktf/provider-aws/lib/data-aws-dynamodb-table";
import { TerraformLocal } from "cdktf";
import { Construct } from "constructs";
import { attributeDefinitions, type ResolvedTableShape } from "../settings/table-shape";
import type { KeyAttribute, StreamViewType } from "../settings/trigger-settings";
import type { FunctionRole } from "./function-role";
import { grantStreamRead } from "./stream-table";

export interface ExistingTableProps extends ResolvedTableShape {
  /** The table's exact name. */
  readonly tableName: string;
  /** The partition key the handler expects; the plan stops when the table's differs. */
  readonly partitionKey: Required<KeyAttribute>;
  /** The sort key the handler expects; default none. */
  readonly sortKey?: Required<KeyAttribute>;
  /** The view type the handler expects; the plan stops when the stream is off or has another. */
  readonly streamViewType: StreamViewType;
  /** A stream ARN to read as given (another account's); default the table's latest stream, by the data source. */
  readonly streamArn?: string;
}

const hcl = (value: string) => JSON.stringify(value);

export class ExistingTable extends Construct {
  /** The data source; absent when the stream is given by ARN (another account's table cannot be described). */
  readonly data?: DataAwsDynamodbTable;
  readonly name: string;
  readonly streamArn: string;

  constructor(scope: Construct, id: string, props: ExistingTableProps) {
    super(scope, id);
    this.name = props.tableName;
    if (props.streamArn) {
      this.streamArn = props.streamArn;
    } else {
      const name = hcl(props.tableName);
      const view = hcl(props.streamViewType);
      const range = props.sortKey
        ? `self.range_key == ${hcl(props.sortKey.name)}`
        : `(self.range_key == null || self.range_key == "")`;
      this.data = new DataAwsDynamodbTable(this, "table", {
        name: props.tableName,
        lifecycle: {
          // Checked when the plan reads the table: a mapping on a stream that is off, or that carries other
          // images than the handler reads, would fail at apply time or hand the handler records it cannot use.
          postcondition: [
            {
              condition: "${self.stream_enabled}",
              errorMessage: `Table ${name} has its stream off: enable it with view type ${view} (aws dynamodb update-table --table-name ${props.tableName} --stream-specification StreamEnabled=true,StreamViewType=${props.streamViewType}), or set tableSource "adopt" to let this stack enable it.`,
            },
            {
              condition: `\${!self.stream_enabled || self.stream_view_type == ${view}}`,
              errorMessage: `Table ${name} streams another view type than streamViewType ${view} says: set streamViewType to the table's (aws dynamodb describe-table --table-name ${props.tableName}).`,
            },
            {
              condition: `\${self.hash_key == ${hcl(props.partitionKey.name)} && ${range}}`,
              errorMessage: `Table ${name} is keyed otherwise than partitionKey and sortKey say: set them to the table's keys (aws dynamodb describe-table --table-name ${props.tableName}).`,
            },
          ],
        },
      });
      this.streamArn = this.data.streamArn;
    }
    // What the trigger assumes of the table, in aws_dynamodb_table's terms. Terraform never reads it; `npm
    // run local` creates the table from it as a stand-in when DynamoDB Local lacks it.
    new TerraformLocal(this, "model", {
      name: props.tableName,
      hash_key: props.partitionKey.name,
      ...(props.sortKey ? { range_key: props.sortKey.name } : {}),
      attribute: attributeDefinitions(props.partitionKey, props.sortKey, props),
      stream_enabled: true,
      stream_view_type: props.streamViewType,
      ...(props.globalSecondaryIndexes.length
        ? {
            global_secondary_index: props.globalSecondaryIndexes.map((g) => ({
              name: g.name,
              hash_key: g.partitionKey.name,
              ...(g.sortKey ? { range_key: g.sortKey.name } : {}),
              projection_type: g.projection.type,
              ...(g.projection.include.length ? { non_key_attributes: g.projection.include } : {}),
            })),
          }
        : {}),
      ...(props.localSecondaryIndexes.length
        ? {
            local_secondary_index: props.localSecondaryIndexes.map((l) => ({
              name: l.name,
              range_key: l.sortKey.name,
              projection_type: l.projection.type,
              ...(l.projection.include.length ? { non_key_attributes: l.projection.include } : {}),
            })),
          }
        : {}),
      ...(props.ttlAttribute ? { ttl: { enabled: true, attribute_name: props.ttlAttribute } } : {}),
    }).overrideLogicalId("existing_table_model");
  }

  /** Lets `role` read this table's stream, as Lambda's poller does, and nothing else of the table. */
  grantStreamRead(role: FunctionRole): void {
    grantStreamRead(role, this.streamArn);
  }
}
