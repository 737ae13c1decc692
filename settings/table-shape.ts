// A table's shape beyond its keys: secondary indexes, TTL, billing and class, as config states them,
// checked against AWS's rules before anything is synthesized. Imports nothing from cdktf.
import type { Checker } from "./checks";

export const KEY_TYPES = ["S", "N", "B"] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export interface KeyAttribute {
  /** Attribute name. Required. 1–255 characters. */
  readonly name: string;
  /**
   * Attribute type. One of S, N, B.
   * @default "S", or the type the same attribute has in another key of the table
   */
  readonly type?: KeyType;
}

export const PROJECTION_TYPES = ["ALL", "KEYS_ONLY"] as const;
/** What an index copies from the table: every attribute, the keys only, or the keys and the named attributes. */
export type Projection = (typeof PROJECTION_TYPES)[number] | { readonly include: readonly string[] };

export interface GlobalSecondaryIndex {
  /** Index name. Required. 3–255 of A–Z a–z 0–9 _ . -, unique among the table's indexes. */
  readonly name: string;
  /** The index's partition key. Required. */
  readonly partitionKey: KeyAttribute;
  /**
   * The index's sort key.
   * @default - none
   */
  readonly sortKey?: KeyAttribute;
  /** What the index copies. Required. "ALL", "KEYS_ONLY" or { include: [attribute, ...] }. */
  readonly projection: Projection;
  /**
   * Read capacity units. 1–40,000. Required when billingMode is PROVISIONED, refused otherwise.
   * @default - none
   */
  readonly readCapacity?: number;
  /**
   * Write capacity units. 1–40,000. Required when billingMode is PROVISIONED, refused otherwise.
   * @default - none
   */
  readonly writeCapacity?: number;
}

export interface LocalSecondaryIndex {
  /** Index name. Required. 3–255 of A–Z a–z 0–9 _ . -, unique among the table's indexes. */
  readonly name: string;
  /** The index's sort key (its partition key is the table's). Required. */
  readonly sortKey: KeyAttribute;
  /** What the index copies. Required. "ALL", "KEYS_ONLY" or { include: [attribute, ...] }. */
  readonly projection: Projection;
}

export const BILLING_MODES = ["PAY_PER_REQUEST", "PROVISIONED"] as const;
export type BillingMode = (typeof BILLING_MODES)[number];
export const TABLE_CLASSES = ["STANDARD", "STANDARD_INFREQUENT_ACCESS"] as const;
export type TableClass = (typeof TABLE_CLASSES)[number];

export interface TableShapeSettings {
  /**
   * Global secondary indexes. At most 20.
   * @default - none
   */
  readonly globalSecondaryIndexes?: readonly GlobalSecondaryIndex[];
  /**
   * Local secondary indexes. At most 5; the table needs a sort key. Fixed when the table is created.
   * @default - none
   */
  readonly localSecondaryIndexes?: readonly LocalSecondaryIndex[];
  /**
   * The Number attribute holding each item's expiry (epoch seconds). 1–255 characters.
   * @default - none (an adopted table keeps the TTL it has)
   */
  readonly ttlAttribute?: string;
  /**
   * How the table is billed. PAY_PER_REQUEST or PROVISIONED (which needs readCapacity and writeCapacity).
   * @default PAY_PER_REQUEST
   */
  readonly billingMode?: BillingMode;
  /**
   * The table's read capacity units. 1–40,000. Required when PROVISIONED, refused otherwise.
   * @default - none
   */
  readonly readCapacity?: number;
  /**
   * The table's write capacity units. 1–40,000. Required when PROVISIONED, refused otherwise.
   * @default - none
   */
  readonly writeCapacity?: number;
  /**
   * Storage class. One of TABLE_CLASSES.
   * @default STANDARD
   */
  readonly tableClass?: TableClass;
}

export type TableShapeField = keyof TableShapeSettings;

export interface ResolvedProjection {
  readonly type: "ALL" | "KEYS_ONLY" | "INCLUDE";
  /** The non-key attributes of an INCLUDE projection; empty otherwise. */
  readonly include: readonly string[];
}

export interface ResolvedGlobalSecondaryIndex {
  readonly name: string;
  readonly partitionKey: Required<KeyAttribute>;
  readonly sortKey?: Required<KeyAttribute>;
  readonly projection: ResolvedProjection;
  readonly readCapacity?: number;
  readonly writeCapacity?: number;
}

export interface ResolvedLocalSecondaryIndex {
  readonly name: string;
  readonly sortKey: Required<KeyAttribute>;
  readonly projection: ResolvedProjection;
}

export interface ResolvedTableShape {
  readonly globalSecondaryIndexes: readonly ResolvedGlobalSecondaryIndex[];
  readonly localSecondaryIndexes: readonly ResolvedLocalSecondaryIndex[];
  readonly ttlAttribute?: string;
  readonly billingMode: BillingMode;
  readonly readCapacity?: number;
  readonly writeCapacity?: number;
  readonly tableClass: TableClass;
}

// AWS's limits: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
export const MAX_GLOBAL_SECONDARY_INDEXES = 20;
export const MAX_LOCAL_SECONDARY_INDEXES = 5;
/** Summed over every index; an attribute projected into two indexes counts twice. */
export const MAX_PROJECTED_ATTRIBUTES = 100;
/** The default per-table quota of provisioned capacity units, each of read and write. */
export const MAX_CAPACITY_UNITS = 40000;
export const INDEX_NAME_PATTERN = /^[A-Za-z0-9_.-]{3,255}$/;
const ATTRIBUTE_NAME_PATTERN = /^.{1,255}$/s;

export function checkKey(check: Checker, field: string, key: unknown): void {
  if (!check.object(field, key, "an object { name, type? }")) return;
  check.nested(field).knownKeys(key, ["name", "type"], "a key attribute");
  check.matches(`${field}.name`, key.name, ATTRIBUTE_NAME_PATTERN, "a name of 1 to 255 characters");
  if (key.type !== undefined) check.oneOf(`${field}.type`, key.type, KEY_TYPES);
}

const PROJECTION_ALLOWED = '"ALL", "KEYS_ONLY" or { include: [attribute names] }';

function checkProjection(check: Checker, field: string, projection: unknown): void {
  if (typeof projection === "string" || typeof projection !== "object" || projection === null) {
    if (!PROJECTION_TYPES.includes(projection as "ALL")) check.fail(field, projection, PROJECTION_ALLOWED);
    return;
  }
  if (!check.object(field, projection, PROJECTION_ALLOWED)) return;
  check.nested(field).knownKeys(projection, ["include"], "a projection");
  const include = projection.include;
  if (!Array.isArray(include) || include.length === 0) {
    check.fail(`${field}.include`, include, "a list of 1 or more attribute names");
    return;
  }
  include.forEach((name, i) => {
    check.matches(`${field}.include[${i}]`, name, ATTRIBUTE_NAME_PATTERN, "a name of 1 to 255 characters");
    if (include.indexOf(name) !== i) check.fail(`${field}.include[${i}]`, name, "an attribute named once");
  });
}

const capacity = (check: Checker, field: string, value: unknown) => check.integer(field, value, 1, MAX_CAPACITY_UNITS);

function checkIndexList(
  check: Checker,
  field: string,
  value: unknown,
  max: number,
  fields: readonly string[],
  checkOne: (c: Checker, index: Record<string, unknown>) => void,
): void {
  if (!Array.isArray(value) || value.length > max) {
    const count = Array.isArray(value) ? `${value.length} indexes` : undefined;
    const allowed = `a list of at most ${max} indexes (AWS's limit per table)`;
    if (count) check.failAs(field, count, allowed);
    else check.fail(field, value, allowed);
    return;
  }
  value.forEach((index, i) => {
    const label = `${field}[${i}]`;
    if (!check.object(label, index, `an index: an object with ${fields.filter((f) => !f.endsWith("?")).join(", ")}`))
      return;
    const c = check.nested(label);
    c.knownKeys(index, fields, "an index");
    c.matches("name", index.name, INDEX_NAME_PATTERN, "3 to 255 characters of A-Z a-z 0-9 _ . - (required)");
    checkOne(c, index);
  });
}

const GSI_FIELDS = ["name", "partitionKey", "sortKey", "projection", "readCapacity", "writeCapacity"];
const LSI_FIELDS = ["name", "sortKey", "projection"];

function checkGlobalIndexes(check: Checker, field: string, value: unknown): void {
  checkIndexList(check, field, value, MAX_GLOBAL_SECONDARY_INDEXES, GSI_FIELDS, (c, index) => {
    if (index.partitionKey === undefined) c.fail("partitionKey", undefined, "an object { name, type? } (required)");
    else checkKey(c, "partitionKey", index.partitionKey);
    if (index.sortKey !== undefined) checkKey(c, "sortKey", index.sortKey);
    checkProjection(c, "projection", index.projection);
    if (index.readCapacity !== undefined) capacity(c, "readCapacity", index.readCapacity);
    if (index.writeCapacity !== undefined) capacity(c, "writeCapacity", index.writeCapacity);
  });
}

function checkLocalIndexes(check: Checker, field: string, value: unknown): void {
  checkIndexList(check, field, value, MAX_LOCAL_SECONDARY_INDEXES, LSI_FIELDS, (c, index) => {
    if (index.sortKey === undefined) c.fail("sortKey", undefined, "an object { name, type? } (required)");
    else checkKey(c, "sortKey", index.sortKey);
    checkProjection(c, "projection", index.projection);
  });
}

/** How each table-shape field's value is checked on its own; completeTableShape checks them together. */
export const TABLE_SHAPE_CHECKS: { readonly [F in TableShapeField]-?: (c: Checker, f: string, v: unknown) => void } = {
  globalSecondaryIndexes: checkGlobalIndexes,
  localSecondaryIndexes: checkLocalIndexes,
  ttlAttribute: (c, f, v) => c.matches(f, v, ATTRIBUTE_NAME_PATTERN, "an attribute name of 1 to 255 characters"),
  billingMode: (c, f, v) => c.oneOf(f, v, BILLING_MODES),
  readCapacity: capacity,
  writeCapacity: capacity,
  tableClass: (c, f, v) => c.oneOf(f, v, TABLE_CLASSES),
};

/** The fields that describe one table: they belong on a trigger, never in triggerDefaults. */
export const TABLE_ONLY_FIELDS: readonly TableShapeField[] = [
  "globalSecondaryIndexes",
  "localSecondaryIndexes",
  "ttlAttribute",
];

// Reached with unchecked values too (their problems are already reported): it must not throw on them.
function resolveProjection(projection: unknown): ResolvedProjection {
  if (typeof projection === "string") return { type: projection as "ALL", include: [] };
  const include = (projection as { include?: unknown } | null)?.include;
  return { type: "INCLUDE", include: Array.isArray(include) ? Array.from(include) : [] };
}

/**
 * Completes a table's shape (field values already checked one by one) and checks what only the whole
 * table can tell: indexes need the table's billing, LSIs a table sort key, names are unique, one attribute
 * has one type wherever it is a key, and the projected attributes fit AWS's limit.
 */
export function completeTableShape(
  settings: TableShapeSettings,
  tableKeys: { readonly partitionKey?: KeyAttribute; readonly sortKey?: KeyAttribute },
  check: Checker,
): ResolvedTableShape {
  const billingMode = settings.billingMode ?? "PAY_PER_REQUEST";
  // Densified: a sparse list's holes must reach the checks as undefined, not be skipped by map.
  const gsis = Array.isArray(settings.globalSecondaryIndexes) ? Array.from(settings.globalSecondaryIndexes) : [];
  const lsis = Array.isArray(settings.localSecondaryIndexes) ? Array.from(settings.localSecondaryIndexes) : [];

  // Every key attribute and where it is first given a type: a key without a type takes that one.
  const keys: { field: string; key: KeyAttribute | undefined }[] = [
    { field: "partitionKey", key: tableKeys.partitionKey },
    { field: "sortKey", key: tableKeys.sortKey },
    ...gsis.flatMap((g, i) => [
      { field: `globalSecondaryIndexes[${i}].partitionKey`, key: g?.partitionKey },
      { field: `globalSecondaryIndexes[${i}].sortKey`, key: g?.sortKey },
    ]),
    ...lsis.map((l, i) => ({ field: `localSecondaryIndexes[${i}].sortKey`, key: l?.sortKey })),
  ];
  const typed = new Map<string, { type: KeyType; field: string }>();
  for (const { field, key } of keys) {
    if (typeof key?.name !== "string" || key.type === undefined) continue;
    const earlier = typed.get(key.name);
    if (!earlier) typed.set(key.name, { type: key.type, field });
    else if (earlier.type !== key.type)
      check.fail(`${field}.type`, key.type, `${JSON.stringify(earlier.type)}, the type ${earlier.field} gives it`);
  }
  const complete = (key: KeyAttribute): Required<KeyAttribute> => ({
    name: key.name,
    type: key.type ?? typed.get(key.name)?.type ?? "S",
  });

  const names = new Map<string, string>();
  const uniqueName = (field: string, name: unknown) => {
    if (typeof name !== "string") return;
    const earlier = names.get(name);
    if (earlier) check.fail(`${field}.name`, name, `a name no other index of the table has (${earlier} has it)`);
    else names.set(name, field);
  };

  const provisioned = billingMode === "PROVISIONED";
  const capacityRule = (field: string, value: unknown) => {
    if (provisioned && value === undefined)
      check.fail(field, undefined, "a number of capacity units (required when billingMode is PROVISIONED)");
    if (!provisioned && value !== undefined)
      check.fail(field, value, 'nothing unless billingMode is "PROVISIONED" (on demand has no capacity to set)');
  };
  capacityRule("readCapacity", settings.readCapacity);
  capacityRule("writeCapacity", settings.writeCapacity);

  let projected = 0;
  const globalSecondaryIndexes = gsis.map((g, i): ResolvedGlobalSecondaryIndex => {
    const field = `globalSecondaryIndexes[${i}]`;
    uniqueName(field, g?.name);
    capacityRule(`${field}.readCapacity`, g?.readCapacity);
    capacityRule(`${field}.writeCapacity`, g?.writeCapacity);
    if (g?.sortKey?.name !== undefined && g.sortKey.name === g.partitionKey?.name)
      check.fail(`${field}.sortKey.name`, g.sortKey.name, `a name different from ${field}.partitionKey.name`);
    const projection = resolveProjection(g?.projection ?? "ALL");
    projected += projection.include.length;
    return {
      name: g?.name,
      partitionKey: complete(g?.partitionKey ?? { name: "" }),
      ...(g?.sortKey ? { sortKey: complete(g.sortKey) } : {}),
      projection,
      ...(g?.readCapacity !== undefined ? { readCapacity: g.readCapacity } : {}),
      ...(g?.writeCapacity !== undefined ? { writeCapacity: g.writeCapacity } : {}),
    };
  });
  if (lsis.length > 0 && tableKeys.sortKey === undefined)
    check.failAs(
      "localSecondaryIndexes",
      `${lsis.length} index${lsis.length === 1 ? "" : "es"} on a table without a sort key`,
      "local secondary indexes only on a table with a sortKey (AWS requires one)",
    );
  const localSecondaryIndexes = lsis.map((l, i): ResolvedLocalSecondaryIndex => {
    const field = `localSecondaryIndexes[${i}]`;
    uniqueName(field, l?.name);
    if (l?.sortKey?.name !== undefined && l.sortKey.name === tableKeys.partitionKey?.name)
      check.fail(`${field}.sortKey.name`, l.sortKey.name, "a name different from the table's partitionKey.name");
    const projection = resolveProjection(l?.projection ?? "ALL");
    projected += projection.include.length;
    return { name: l?.name, sortKey: complete(l?.sortKey ?? { name: "" }), projection };
  });
  if (projected > MAX_PROJECTED_ATTRIBUTES)
    check.failAs(
      "projection.include (summed over every index)",
      `${projected} attributes`,
      `at most ${MAX_PROJECTED_ATTRIBUTES} (AWS's limit; an attribute projected into two indexes counts twice)`,
    );

  return {
    globalSecondaryIndexes,
    localSecondaryIndexes,
    ...(settings.ttlAttribute !== undefined ? { ttlAttribute: settings.ttlAttribute } : {}),
    billingMode,
    ...(settings.readCapacity !== undefined ? { readCapacity: settings.readCapacity } : {}),
    ...(settings.writeCapacity !== undefined ? { writeCapacity: settings.writeCapacity } : {}),
    tableClass: settings.tableClass ?? "STANDARD",
  };
}

/** The attribute definitions a table needs: each key attribute of the table and its indexes, once, in order. */
export function attributeDefinitions(
  partitionKey: Required<KeyAttribute>,
  sortKey: Required<KeyAttribute> | undefined,
  shape: Pick<ResolvedTableShape, "globalSecondaryIndexes" | "localSecondaryIndexes">,
): Required<KeyAttribute>[] {
  const all = [
    partitionKey,
    sortKey,
    ...shape.globalSecondaryIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
    ...shape.localSecondaryIndexes.map((l) => l.sortKey),
  ].filter((k): k is Required<KeyAttribute> => k !== undefined);
  const seen = new Set<string>();
  return all.filter((k) => !seen.has(k.name) && seen.add(k.name));
}
