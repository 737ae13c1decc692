import { ConfigError } from "../../settings/checks";
import { resolveConfig, type TriggerConfig } from "../../settings/config";
import { MAX_GLOBAL_SECONDARY_INDEXES, MAX_LOCAL_SECONDARY_INDEXES } from "../../settings/table-shape";
import { devEnvironment } from "../support/stack";
import { thrown } from "../support/thrown";

const resolve = (trigger: Partial<TriggerConfig>) =>
  resolveConfig([devEnvironment({}, trigger)])[0].triggers[0].settings;
const problemsOf = (trigger: Partial<TriggerConfig>) =>
  thrown(() => resolve(trigger), ConfigError).problems as string[];

const gsi = (name: string, extra: object = {}) => ({
  name,
  partitionKey: { name: `${name}Key` },
  projection: "ALL" as const,
  ...extra,
});

describe("a table's shape, resolved", () => {
  test("is on demand, STANDARD, without indexes or TTL unless configured", () => {
    const s = resolve({});
    expect(s).toMatchObject({
      billingMode: "PAY_PER_REQUEST",
      tableClass: "STANDARD",
      globalSecondaryIndexes: [],
      localSecondaryIndexes: [],
    });
    expect(s.ttlAttribute).toBeUndefined();
  });

  test("an index key without a type takes the type the same attribute has elsewhere", () => {
    const s = resolve({
      partitionKey: { name: "author", type: "N" },
      globalSecondaryIndexes: [{ name: "by-author", partitionKey: { name: "author" }, projection: "KEYS_ONLY" }],
    });
    expect(s.globalSecondaryIndexes[0].partitionKey).toEqual({ name: "author", type: "N" });
  });

  test("an include projection keeps its attributes", () => {
    const s = resolve({ globalSecondaryIndexes: [gsi("byGenre", { projection: { include: ["title", "year"] } })] });
    expect(s.globalSecondaryIndexes[0].projection).toEqual({ type: "INCLUDE", include: ["title", "year"] });
  });
});

describe("a table's shape, refused", () => {
  test("a misspelt index field, with a suggestion", () => {
    expect(problemsOf({ globalSecondaryIndexes: [{ ...gsi("byGenre"), projecton: "ALL" } as never] })).toContain(
      "dev.triggers[books].globalSecondaryIndexes[0].projecton is not a field of an index (did you mean projection?); allowed: projection, or another field of an index",
    );
  });

  test("a projection other than ALL, KEYS_ONLY or include", () => {
    expect(problemsOf({ globalSecondaryIndexes: [gsi("byGenre", { projection: "SOME" })] })).toEqual([
      'dev.triggers[books].globalSecondaryIndexes[0].projection is "SOME"; allowed: "ALL", "KEYS_ONLY" or { include: [attribute names] }',
    ]);
  });

  test("an index without a projection", () => {
    const { projection: _, ...noProjection } = gsi("byGenre");
    expect(problemsOf({ globalSecondaryIndexes: [noProjection as never] })[0]).toMatch(
      /globalSecondaryIndexes\[0\]\.projection is undefined; allowed/,
    );
  });

  test(`more than ${MAX_GLOBAL_SECONDARY_INDEXES} global secondary indexes`, () => {
    const many = Array.from({ length: MAX_GLOBAL_SECONDARY_INDEXES + 1 }, (_, i) => gsi(`index${i}`));
    expect(problemsOf({ globalSecondaryIndexes: many })).toEqual([
      `dev.triggers[books].globalSecondaryIndexes is ${many.length} indexes; allowed: a list of at most ${MAX_GLOBAL_SECONDARY_INDEXES} indexes (AWS's limit per table)`,
    ]);
  });

  test(`more than ${MAX_LOCAL_SECONDARY_INDEXES} local secondary indexes`, () => {
    const many = Array.from({ length: MAX_LOCAL_SECONDARY_INDEXES + 1 }, (_, i) => ({
      name: `local${i}`,
      sortKey: { name: `s${i}` },
      projection: "KEYS_ONLY" as const,
    }));
    expect(problemsOf({ localSecondaryIndexes: many })[0]).toMatch(/localSecondaryIndexes is 6 indexes/);
  });

  test("more than 100 projected attributes summed over every index", () => {
    const include = Array.from({ length: 51 }, (_, i) => `a${i}`);
    const problems = problemsOf({
      globalSecondaryIndexes: [gsi("one", { projection: { include } }), gsi("two", { projection: { include } })],
    });
    expect(problems).toEqual([
      "dev.triggers[books].projection.include (summed over every index) is 102 attributes; allowed: at most 100 (AWS's limit; an attribute projected into two indexes counts twice)",
    ]);
  });

  test("an index name outside AWS's rules", () => {
    expect(problemsOf({ globalSecondaryIndexes: [gsi("x!")] })[0]).toMatch(
      /globalSecondaryIndexes\[0\]\.name is "x!"; allowed: 3 to 255 characters/,
    );
  });

  test("two indexes of one name", () => {
    const problems = problemsOf({
      globalSecondaryIndexes: [gsi("byGenre")],
      localSecondaryIndexes: [{ name: "byGenre", sortKey: { name: "year" }, projection: "ALL" }],
    });
    expect(problems).toEqual([
      'dev.triggers[books].localSecondaryIndexes[0].name is "byGenre"; allowed: a name no other index of the table has (globalSecondaryIndexes[0] has it)',
    ]);
  });

  test("a local secondary index on a table without a sort key", () => {
    expect(
      problemsOf({
        sortKey: undefined,
        localSecondaryIndexes: [{ name: "byYear", sortKey: { name: "year" }, projection: "ALL" }],
      }),
    ).toEqual([
      "dev.triggers[books].localSecondaryIndexes is 1 index on a table without a sort key; allowed: local secondary indexes only on a table with a sortKey (AWS requires one)",
    ]);
  });

  test("one attribute given two types", () => {
    expect(
      problemsOf({
        partitionKey: { name: "author", type: "S" },
        globalSecondaryIndexes: [gsi("byAuthor", { partitionKey: { name: "author", type: "N" } })],
      }),
    ).toEqual([
      'dev.triggers[books].globalSecondaryIndexes[0].partitionKey.type is "N"; allowed: "S", the type partitionKey gives it',
    ]);
  });

  test("PROVISIONED without the table's capacities", () => {
    expect(problemsOf({ billingMode: "PROVISIONED" })).toEqual([
      "dev.triggers[books].readCapacity is undefined; allowed: a number of capacity units (required when billingMode is PROVISIONED)",
      "dev.triggers[books].writeCapacity is undefined; allowed: a number of capacity units (required when billingMode is PROVISIONED)",
    ]);
  });

  test("PROVISIONED without an index's capacities", () => {
    const problems = problemsOf({
      billingMode: "PROVISIONED",
      readCapacity: 5,
      writeCapacity: 5,
      globalSecondaryIndexes: [gsi("byGenre", { readCapacity: 1 })],
    });
    expect(problems).toEqual([
      "dev.triggers[books].globalSecondaryIndexes[0].writeCapacity is undefined; allowed: a number of capacity units (required when billingMode is PROVISIONED)",
    ]);
  });

  test("capacities on an on-demand table", () => {
    expect(problemsOf({ readCapacity: 5 })).toEqual([
      'dev.triggers[books].readCapacity is 5; allowed: nothing unless billingMode is "PROVISIONED" (on demand has no capacity to set)',
    ]);
  });

  test("an unknown billing mode or table class", () => {
    expect(problemsOf({ billingMode: "ON_DEMAND" as never, tableClass: "IA" as never })).toEqual([
      'dev.triggers[books].billingMode is "ON_DEMAND"; allowed: one of "PAY_PER_REQUEST", "PROVISIONED"',
      'dev.triggers[books].tableClass is "IA"; allowed: one of "STANDARD", "STANDARD_INFREQUENT_ACCESS"',
    ]);
  });

  test("indexes and TTL in triggerDefaults, which describe one table", () => {
    const problems = thrown(
      () => resolveConfig([devEnvironment({ triggerDefaults: { ttlAttribute: "expires" } as never })]),
      ConfigError,
    ).problems;
    expect(problems[0]).toMatch(/^dev\.triggerDefaults\.ttlAttribute is not a field of triggerDefaults/);
  });
});
