// Turns `aws dynamodb describe-table` output (and, when given, `describe-time-to-live`'s) into the trigger
// entry that models the table, so nobody writes an existing table's keys and indexes by hand. Pure.
import type { Projection as AwsProjection, TableDescription, TimeToLiveDescription } from "@aws-sdk/client-dynamodb";
import type { TriggerConfig } from "../settings/config";
import type { GlobalSecondaryIndex, KeyAttribute, LocalSecondaryIndex, Projection } from "../settings/table-shape";
import type { TableSource } from "../settings/table-source";
import type { StreamViewType } from "../settings/trigger-settings";

export class DescriptionError extends Error {}

export interface ToConfigOptions {
  /** "adopt" (default) or "existing". */
  readonly tableSource: Exclude<TableSource, "create">;
  /** The view type when the table's stream is off; default NEW_AND_OLD_IMAGES. */
  readonly streamViewType?: StreamViewType;
}

function keysOf(
  schema: TableDescription["KeySchema"],
  types: ReadonlyMap<string, string>,
  where: string,
): { hash: KeyAttribute; range?: KeyAttribute } {
  const key = (type: "HASH" | "RANGE"): KeyAttribute | undefined => {
    const name = schema?.find((k) => k.KeyType === type)?.AttributeName;
    if (name === undefined) return undefined;
    const attributeType = types.get(name);
    if (attributeType !== "S" && attributeType !== "N" && attributeType !== "B")
      throw new DescriptionError(`${where}: key ${name} has no S, N or B type in AttributeDefinitions`);
    return { name, type: attributeType };
  };
  const hash = key("HASH");
  if (!hash) throw new DescriptionError(`${where}: KeySchema has no HASH key`);
  const range = key("RANGE");
  return range ? { hash, range } : { hash };
}

function projectionOf(projection: AwsProjection | undefined, where: string): Projection {
  const type = projection?.ProjectionType;
  if (type === "ALL" || type === "KEYS_ONLY") return type;
  if (type === "INCLUDE") return { include: [...(projection?.NonKeyAttributes ?? [])] };
  throw new DescriptionError(
    `${where}: Projection.ProjectionType is ${JSON.stringify(type)}; expected ALL, KEYS_ONLY or INCLUDE`,
  );
}

/** The trigger entry for `described.Table` (the `describe-table` answer) and `ttl` (`describe-time-to-live`'s). */
export function tableToTriggerConfig(described: unknown, ttl: unknown, options: ToConfigOptions): TriggerConfig {
  const table = (described as { Table?: TableDescription } | null)?.Table;
  if (typeof table !== "object" || table === null || typeof table.TableName !== "string")
    throw new DescriptionError(
      "the input holds no Table with a TableName: pass what aws dynamodb describe-table prints",
    );
  const where = `table ${table.TableName}`;
  const types = new Map((table.AttributeDefinitions ?? []).map((a) => [a.AttributeName ?? "", a.AttributeType ?? ""]));
  const { hash, range } = keysOf(table.KeySchema, types, where);
  // Tables created before on-demand billing existed have no BillingModeSummary: they are provisioned.
  const billingMode = table.BillingModeSummary?.BillingMode ?? "PROVISIONED";
  const provisioned = billingMode === "PROVISIONED";
  const capacity = (throughput: { ReadCapacityUnits?: number; WriteCapacityUnits?: number } | undefined) =>
    provisioned ? { readCapacity: throughput?.ReadCapacityUnits, writeCapacity: throughput?.WriteCapacityUnits } : {};

  const gsis: GlobalSecondaryIndex[] = (table.GlobalSecondaryIndexes ?? []).map((g) => {
    const index = `${where} index ${g.IndexName}`;
    const keys = keysOf(g.KeySchema, types, index);
    return {
      name: g.IndexName ?? "",
      partitionKey: keys.hash,
      ...(keys.range ? { sortKey: keys.range } : {}),
      projection: projectionOf(g.Projection, index),
      ...capacity(g.ProvisionedThroughput),
    };
  });
  const lsis: LocalSecondaryIndex[] = (table.LocalSecondaryIndexes ?? []).map((l) => {
    const index = `${where} index ${l.IndexName}`;
    const keys = keysOf(l.KeySchema, types, index);
    if (!keys.range) throw new DescriptionError(`${index}: a local secondary index without a RANGE key`);
    return { name: l.IndexName ?? "", sortKey: keys.range, projection: projectionOf(l.Projection, index) };
  });
  const ttlDescription = (ttl as { TimeToLiveDescription?: TimeToLiveDescription } | undefined)?.TimeToLiveDescription;
  const ttlOn = ttlDescription?.TimeToLiveStatus === "ENABLED" || ttlDescription?.TimeToLiveStatus === "ENABLING";
  const stream = table.StreamSpecification;
  const streamViewType = (stream?.StreamEnabled ? stream.StreamViewType : undefined) ?? options.streamViewType;

  return {
    tableName: table.TableName,
    tableSource: options.tableSource,
    partitionKey: hash,
    ...(range ? { sortKey: range } : {}),
    ...(streamViewType ? { streamViewType: streamViewType as StreamViewType } : {}),
    ...(gsis.length ? { globalSecondaryIndexes: gsis } : {}),
    ...(lsis.length ? { localSecondaryIndexes: lsis } : {}),
    ...(ttlOn && ttlDescription?.AttributeName ? { ttlAttribute: ttlDescription.AttributeName } : {}),
    billingMode: billingMode as "PAY_PER_REQUEST" | "PROVISIONED",
    ...capacity(table.ProvisionedThroughput),
    tableClass: (table.TableClassSummary?.TableClass ?? "STANDARD") as "STANDARD" | "STANDARD_INFREQUENT_ACCESS",
  };
}
