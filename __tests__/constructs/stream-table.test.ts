import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { STREAM_VIEW_TYPES } from "../../settings/trigger-settings";
import { devEnvironment, only, synthesize } from "../support/stack";

describe("the books table", () => {
  const { synth, json } = synthesize();

  test("is named books with the environment suffix and keyed by author and bookTitle, both strings", () => {
    expect(synth).toHaveResourceWithProperties(DynamodbTable, {
      name: "books-dev",
      hash_key: "author",
      range_key: "bookTitle",
      attribute: [
        { name: "author", type: "S" },
        { name: "bookTitle", type: "S" },
      ],
    });
  });

  test("is billed on demand", () => {
    expect(only(json, "aws_dynamodb_table").body.billing_mode).toBe("PAY_PER_REQUEST");
  });

  test("streams new and old images by default", () => {
    const table = only(json, "aws_dynamodb_table").body;
    expect(table.stream_enabled).toBe(true);
    expect(table.stream_view_type).toBe("NEW_AND_OLD_IMAGES");
  });

  test("has point-in-time recovery and server-side encryption on", () => {
    const table = only(json, "aws_dynamodb_table").body;
    expect(table.point_in_time_recovery).toEqual({ enabled: true });
    expect(table.server_side_encryption).toEqual({ enabled: true });
  });

  test("has deletion protection off unless configured", () => {
    expect(only(json, "aws_dynamodb_table").body.deletion_protection_enabled).toBe(false);
  });
});

describe("table settings from config", () => {
  test.each(STREAM_VIEW_TYPES)("stream view type %s is emitted as given", (viewType) => {
    const { json } = synthesize(devEnvironment({}, { streamViewType: viewType }));
    expect(only(json, "aws_dynamodb_table").body.stream_view_type).toBe(viewType);
  });

  test("deletion protection can be switched on", () => {
    const { json } = synthesize(devEnvironment({}, { deletionProtection: true }));
    expect(only(json, "aws_dynamodb_table").body.deletion_protection_enabled).toBe(true);
  });

  test("a table without a sort key has no range key and one attribute", () => {
    const { json } = synthesize(devEnvironment({}, { sortKey: undefined, partitionKey: { name: "id", type: "N" } }));
    const table = only(json, "aws_dynamodb_table").body;
    expect(table.range_key).toBeUndefined();
    expect(table.attribute).toEqual([{ name: "id", type: "N" }]);
  });

  test("key type defaults to string", () => {
    const { json } = synthesize(devEnvironment({}, { partitionKey: { name: "pk" }, sortKey: { name: "sk" } }));
    expect(only(json, "aws_dynamodb_table").body.attribute).toEqual([
      { name: "pk", type: "S" },
      { name: "sk", type: "S" },
    ]);
  });
});

describe("the table's shape from config", () => {
  const shaped = () =>
    synthesize(
      devEnvironment(
        {},
        {
          globalSecondaryIndexes: [
            {
              name: "byGenre",
              partitionKey: { name: "genre" },
              sortKey: { name: "year", type: "N" },
              projection: "ALL",
            },
            { name: "byIsbn", partitionKey: { name: "isbn" }, projection: { include: ["title"] } },
          ],
          localSecondaryIndexes: [{ name: "byYear", sortKey: { name: "year", type: "N" }, projection: "KEYS_ONLY" }],
          ttlAttribute: "expiresAt",
          tableClass: "STANDARD_INFREQUENT_ACCESS",
        },
      ),
    );

  test("defines each key attribute of the table and its indexes once", () => {
    expect(only(shaped().json, "aws_dynamodb_table").body.attribute).toEqual([
      { name: "author", type: "S" },
      { name: "bookTitle", type: "S" },
      { name: "genre", type: "S" },
      { name: "year", type: "N" },
      { name: "isbn", type: "S" },
    ]);
  });

  test("emits global secondary indexes with their keys and projections", () => {
    expect(only(shaped().json, "aws_dynamodb_table").body.global_secondary_index).toEqual([
      { name: "byGenre", hash_key: "genre", range_key: "year", projection_type: "ALL" },
      { name: "byIsbn", hash_key: "isbn", projection_type: "INCLUDE", non_key_attributes: ["title"] },
    ]);
  });

  test("emits local secondary indexes on the table's partition key", () => {
    expect(only(shaped().json, "aws_dynamodb_table").body.local_secondary_index).toEqual([
      { name: "byYear", range_key: "year", projection_type: "KEYS_ONLY" },
    ]);
  });

  test("switches TTL on for the named attribute", () => {
    expect(only(shaped().json, "aws_dynamodb_table").body.ttl).toEqual({ enabled: true, attribute_name: "expiresAt" });
  });

  test("emits a table class other than STANDARD", () => {
    expect(only(shaped().json, "aws_dynamodb_table").body.table_class).toBe("STANDARD_INFREQUENT_ACCESS");
  });

  test("leaves indexes, TTL and class out when config has none", () => {
    const table = only(synthesize().json, "aws_dynamodb_table").body;
    for (const field of ["global_secondary_index", "local_secondary_index", "ttl", "table_class", "read_capacity"]) {
      expect(table[field]).toBeUndefined();
    }
  });

  test("a provisioned table and its indexes carry their capacities", () => {
    const { json } = synthesize(
      devEnvironment(
        {},
        {
          billingMode: "PROVISIONED",
          readCapacity: 5,
          writeCapacity: 2,
          globalSecondaryIndexes: [
            { name: "byGenre", partitionKey: { name: "genre" }, projection: "ALL", readCapacity: 3, writeCapacity: 1 },
          ],
        },
      ),
    );
    const table = only(json, "aws_dynamodb_table").body;
    expect(table).toMatchObject({ billing_mode: "PROVISIONED", read_capacity: 5, write_capacity: 2 });
    expect(table.global_secondary_index).toEqual([
      { name: "byGenre", hash_key: "genre", projection_type: "ALL", read_capacity: 3, write_capacity: 1 },
    ]);
  });
});
