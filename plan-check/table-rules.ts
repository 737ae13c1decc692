// Changes to a table's shape that the stream's records survive, but what reads or writes the table does
// not: an index dropped or rebuilt, TTL switched off or moved, billing switched; and, in the plan that
// imports an adopted table, anything besides enabling its stream.
import type { Values } from "./plan-file";
import type { Rule } from "./rule";

const TABLE = "aws_dynamodb_table";

type Index = {
  name?: unknown;
  hash_key?: unknown;
  range_key?: unknown;
  projection_type?: unknown;
  non_key_attributes?: unknown;
};

const indexes = (v: Values, block: string): Map<string, Index> =>
  new Map((Array.isArray(v[block]) ? (v[block] as Index[]) : []).map((i) => [String(i.name), i]));
/** What makes an index the index it is: changing any of it makes DynamoDB delete it and build a new one. */
const identity = (i: Index) =>
  JSON.stringify([
    i.hash_key ?? null,
    i.range_key || null,
    i.projection_type ?? null,
    [...((i.non_key_attributes as string[]) ?? [])].sort(),
  ]);

function removedIndexes(b: Values, a: Values): string[] {
  const after = indexes(a, "global_secondary_index");
  return [...indexes(b, "global_secondary_index").keys()].filter((name) => !after.has(name));
}
function rebuiltIndexes(b: Values, a: Values): string[] {
  const after = indexes(a, "global_secondary_index");
  return [...indexes(b, "global_secondary_index")]
    .filter(([name, index]) => after.has(name) && identity(after.get(name) as Index) !== identity(index))
    .map(([name]) => name);
}

const ttl = (v: Values): string | undefined => {
  const block = Array.isArray(v.ttl) ? (v.ttl[0] as { enabled?: unknown; attribute_name?: unknown }) : undefined;
  return block?.enabled === true && typeof block.attribute_name === "string" ? block.attribute_name : undefined;
};

/** What enabling a stream changes on an imported table; every other difference is a change the config made. */
const STREAM_ATTRIBUTES = new Set(["stream_enabled", "stream_view_type", "stream_arn", "stream_label"]);
function changedBesidesStream(b: Values, a: Values, unknown: Values): string[] {
  const names = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...names]
    .filter((n) => !STREAM_ATTRIBUTES.has(n) && unknown[n] !== true)
    .filter((n) => JSON.stringify(b[n] ?? null) !== JSON.stringify(a[n] ?? null))
    .sort();
}

const QUERIES = "queries, scans and writers' code that use the index";

export const TABLE_SHAPE_RULES: readonly Rule[] = [
  {
    type: TABLE,
    kind: "update",
    applies: (b, a) => removedIndexes(b, a).length > 0,
    change: "global secondary index removed",
    describe: (b, a) => `removed ${removedIndexes(b, a).join(", ")}`,
    records:
      `no stream record is lost, but the index is deleted with every item it holds: ${QUERIES} fail from then on, ` +
      "and bringing it back means a full backfill",
    safely:
      "move every reader off the index first (search the code for its name); when adopting a table, add the index " +
      "to globalSecondaryIndexes (npm run describe-table prints it) so that nothing removes it",
  },
  {
    type: TABLE,
    kind: "update",
    applies: (b, a) => rebuiltIndexes(b, a).length > 0,
    change: "global secondary index replaced",
    describe: (b, a) => `rebuilt ${rebuiltIndexes(b, a).join(", ")} (keys or projection changed)`,
    records:
      `no stream record is lost, but DynamoDB deletes the index and builds a new one: ${QUERIES} fail until the ` +
      "backfill ends (hours on a large table)",
    safely:
      "add the new shape as an index of another name, move the readers to it once it is ACTIVE, then remove the old " +
      "one in a later change",
  },
  {
    type: TABLE,
    kind: "update",
    applies: (b, a) => ttl(b) !== undefined && ttl(a) === undefined,
    change: "TTL switched off",
    describe: (b) => `ttl on ${ttl(b)} -> off`,
    records:
      "items stop expiring (storage grows, readers see items they never used to), and DynamoDB refuses to switch TTL " +
      "on again for up to an hour",
    safely: "keep ttlAttribute; to stop expiry of some items, remove the attribute from those items instead",
  },
  {
    type: TABLE,
    kind: "update",
    applies: (b, a) => ttl(b) !== undefined && ttl(a) !== undefined && ttl(b) !== ttl(a),
    change: "TTL moved to another attribute",
    describe: (b, a) => `ttl ${ttl(b)} -> ${ttl(a)}`,
    records:
      "items holding only the old attribute never expire; items whose new attribute is already past are deleted " +
      "within days, each a REMOVE record the trigger receives (from dynamodb.amazonaws.com), all at once",
    safely:
      "write the new attribute on every item first (with future times), make sure the handler treats TTL REMOVE " +
      "records as intended, then apply",
  },
  {
    type: TABLE,
    kind: "update",
    applies: (b, a) =>
      typeof b.billing_mode === "string" && typeof a.billing_mode === "string" && b.billing_mode !== a.billing_mode,
    change: "billing mode changed",
    shows: ["billing_mode"],
    records:
      "to PROVISIONED: writes beyond writeCapacity are throttled, and writers that give up lose those writes before " +
      "any record exists; DynamoDB allows one switch per 24 hours, so a wrong capacity cannot be undone at once",
    safely:
      "size readCapacity and writeCapacity from the table's peak ConsumedWriteCapacityUnits and " +
      "ConsumedReadCapacityUnits with headroom, and apply in a quiet hour",
  },
  {
    type: TABLE,
    kind: "update",
    importing: true,
    applies: (b, a, unknown) => changedBesidesStream(b, a, unknown).length > 0,
    change: "adopted table changed besides its stream",
    describe: (b, a) => `changes ${changedBesidesStream(b, a, {}).join(", ")}`,
    records:
      "the plan that imports the table changes it beyond enabling its stream: the config does not model the table " +
      "as it is, and the apply rewrites what its owners set (a dropped index or TTL deletes items or their expiry)",
    safely:
      "make the trigger entry match the table (npm run describe-table -- <describe-table JSON>) until the plan " +
      "shows 1 to import with only stream_enabled and stream_view_type changing",
  },
];
