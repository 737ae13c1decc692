// The items panel's calls: list a table a page at a time, put an item, delete one by its key. Keys
// travel in request bodies as DynamoDB JSON ({"author": {"S": "Dan Brown"}}), never joined into a URL,
// and are checked against the synthesized key schema before anything is sent. No table is deleted or
// emptied from here.
import { DeleteItemCommand, type DynamoDBClient, PutItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import type { LocalTable } from "../../emulation/synthesized-stacks";

type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

export const PAGE_SIZE = 25;

/** A request the page made wrongly: answered 400 with this one-line message. */
export class BadRequest extends Error {}

export function tableNamed(tables: readonly LocalTable[], name: unknown): LocalTable {
  const table = tables.find((t) => t.name === name);
  if (!table)
    throw new BadRequest(
      `table ${JSON.stringify(name)} is not one this session runs: ${tables.map((t) => t.name).join(", ")}`,
    );
  return table;
}

function keyNames(table: LocalTable): string[] {
  return [table.hashKey, ...(table.rangeKey ? [table.rangeKey] : [])];
}

/** The item's key attributes, each present and of its schema type; refused in one line otherwise. */
export function keyOf(table: LocalTable, item: unknown): Item {
  if (typeof item !== "object" || item === null) throw new BadRequest("expected an item as DynamoDB JSON");
  const key: Item = {};
  for (const name of keyNames(table)) {
    const type = table.attributes.find((a) => a.name === name)?.type ?? "S";
    const value = (item as Item)[name];
    const given = value && typeof value === "object" ? (value as Record<string, unknown>)[type] : undefined;
    if (typeof given !== "string" || given === "" || (type === "N" && !Number.isFinite(Number(given))))
      throw new BadRequest(
        `key ${name} is ${JSON.stringify(value)}; allowed: {"${type}": ${type === "N" ? "a number as text" : "a non-empty string"}}`,
      );
    key[name] = { [type]: given };
  }
  return key;
}

export async function listItems(db: DynamoDBClient, table: LocalTable, startKey?: unknown) {
  const out = await db.send(
    new ScanCommand({
      TableName: table.name,
      Limit: PAGE_SIZE,
      ...(startKey !== undefined && startKey !== null && { ExclusiveStartKey: keyOf(table, startKey) as never }),
    }),
  );
  return { items: out.Items ?? [], nextKey: out.LastEvaluatedKey ?? null };
}

export async function putItem(db: DynamoDBClient, table: LocalTable, item: unknown): Promise<void> {
  keyOf(table, item);
  await db.send(new PutItemCommand({ TableName: table.name, Item: item as never }));
}

export async function deleteItem(db: DynamoDBClient, table: LocalTable, key: unknown): Promise<void> {
  await db.send(new DeleteItemCommand({ TableName: table.name, Key: keyOf(table, key) as never }));
}
