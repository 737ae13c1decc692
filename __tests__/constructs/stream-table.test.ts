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
