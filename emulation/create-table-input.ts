// The CreateTable request that makes a synthesized table in DynamoDB Local: keys, indexes, billing and
// stream as cdk.tf.json states them (TTL is a separate call, UpdateTimeToLive).
import type {
  BillingMode,
  CreateTableCommandInput,
  KeySchemaElement,
  Projection,
  ProjectionType,
  StreamViewType,
} from "@aws-sdk/client-dynamodb";
import type { LocalIndex, LocalTable } from "./synthesized-stacks";

const keySchema = (hashKey: string, rangeKey?: string): KeySchemaElement[] => [
  { AttributeName: hashKey, KeyType: "HASH" },
  ...(rangeKey ? [{ AttributeName: rangeKey, KeyType: "RANGE" as const }] : []),
];

const projection = (index: LocalIndex): Projection => ({
  ProjectionType: index.projectionType as ProjectionType,
  ...(index.nonKeyAttributes?.length ? { NonKeyAttributes: [...index.nonKeyAttributes] } : {}),
});

const throughput = (unit: { readCapacity?: number; writeCapacity?: number }) =>
  unit.readCapacity !== undefined
    ? { ProvisionedThroughput: { ReadCapacityUnits: unit.readCapacity, WriteCapacityUnits: unit.writeCapacity ?? 1 } }
    : {};

export function createTableInput(table: LocalTable): CreateTableCommandInput {
  const provisioned = table.billingMode === "PROVISIONED";
  return {
    TableName: table.name,
    BillingMode: (table.billingMode ?? "PAY_PER_REQUEST") as BillingMode,
    ...(provisioned ? throughput(table) : {}),
    AttributeDefinitions: table.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: keySchema(table.hashKey, table.rangeKey),
    ...(table.globalSecondaryIndexes?.length
      ? {
          GlobalSecondaryIndexes: table.globalSecondaryIndexes.map((g) => ({
            IndexName: g.name,
            KeySchema: keySchema(g.hashKey as string, g.rangeKey),
            Projection: projection(g),
            ...(provisioned ? throughput(g) : {}),
          })),
        }
      : {}),
    ...(table.localSecondaryIndexes?.length
      ? {
          LocalSecondaryIndexes: table.localSecondaryIndexes.map((l) => ({
            IndexName: l.name,
            KeySchema: keySchema(table.hashKey, l.rangeKey),
            Projection: projection(l),
          })),
        }
      : {}),
    StreamSpecification: { StreamEnabled: true, StreamViewType: table.streamViewType as StreamViewType },
    // As configured: DeleteTable is refused locally too, whatever tool points at DynamoDB Local.
    ...(table.deletionProtection && { DeletionProtectionEnabled: true }),
  };
}
