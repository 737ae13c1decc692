import { readFileSync } from "node:fs";
import * as path from "node:path";
import { run } from "../../describe-table/cli";
import { tableToTriggerConfig } from "../../describe-table/to-config";
import { resolveConfig } from "../../settings/config";
import { synthesize } from "../support/stack";

const fixture = (name: string) => path.join(__dirname, "..", "fixtures", "describe-table", name);
const described = JSON.parse(readFileSync(fixture("users-post.json"), "utf8"));
const ttl = JSON.parse(readFileSync(fixture("users-post-ttl.json"), "utf8"));
const table = described.Table;

describe("a described table, as a trigger entry", () => {
  const entry = tableToTriggerConfig(described, ttl, { tableSource: "adopt" });

  test("names the table exactly and adopts it unless told otherwise", () => {
    expect(entry).toMatchObject({ tableName: table.TableName, tableSource: "adopt" });
  });

  test("takes keys and their types from KeySchema and AttributeDefinitions", () => {
    expect(entry.partitionKey).toEqual({ name: "user_id", type: "S" });
    expect(entry.sortKey).toEqual({ name: "post_id", type: "S" });
  });

  test("takes every index with its keys and projection", () => {
    expect(entry.globalSecondaryIndexes).toEqual([
      { name: "byCreated", partitionKey: { name: "created", type: "N" }, projection: { include: ["post_content"] } },
    ]);
    expect(entry.localSecondaryIndexes).toEqual([
      { name: "byUserCreated", sortKey: { name: "created", type: "N" }, projection: "KEYS_ONLY" },
    ]);
  });

  test("takes TTL from describe-time-to-live, and none without it", () => {
    expect(entry.ttlAttribute).toBe("expires_at");
    expect(tableToTriggerConfig(described, undefined, { tableSource: "adopt" }).ttlAttribute).toBeUndefined();
  });

  test("takes billing and class, with capacities only when provisioned", () => {
    expect(entry).toMatchObject({ billingMode: "PAY_PER_REQUEST", tableClass: "STANDARD" });
    expect(entry.readCapacity).toBeUndefined();
    const provisioned = {
      Table: {
        ...table,
        BillingModeSummary: undefined,
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 3 },
        GlobalSecondaryIndexes: [
          {
            ...table.GlobalSecondaryIndexes[0],
            ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 1 },
          },
        ],
      },
    };
    const p = tableToTriggerConfig(provisioned, undefined, { tableSource: "existing" });
    expect(p).toMatchObject({ billingMode: "PROVISIONED", readCapacity: 5, writeCapacity: 3 });
    expect(p.globalSecondaryIndexes?.[0]).toMatchObject({ readCapacity: 2, writeCapacity: 1 });
  });

  test("takes the stream's view type when the stream is on", () => {
    const streaming = {
      Table: { ...table, StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_IMAGE" } },
    };
    expect(tableToTriggerConfig(streaming, undefined, { tableSource: "adopt" }).streamViewType).toBe("NEW_IMAGE");
  });

  test("synthesizes the table as described", () => {
    const { json } = synthesize(
      { environment: "dev", project: "p", region: "us-east-1", triggers: [entry] },
      "UsersPost-dev",
    );
    const body = Object.values(json.resource.aws_dynamodb_table)[0] as Record<string, unknown>;
    expect(body).toMatchObject({
      name: "UsersPost",
      hash_key: "user_id",
      range_key: "post_id",
      global_secondary_index: [
        { name: "byCreated", hash_key: "created", projection_type: "INCLUDE", non_key_attributes: ["post_content"] },
      ],
      local_secondary_index: [{ name: "byUserCreated", range_key: "created", projection_type: "KEYS_ONLY" }],
      ttl: { enabled: true, attribute_name: "expires_at" },
    });
    expect(() =>
      resolveConfig([{ environment: "dev", project: "p", region: "us-east-1", triggers: [entry] }]),
    ).not.toThrow();
  });
});

describe("npm run describe-table", () => {
  test("prints the entry as JSON, reading describe-table from a file", () => {
    const outcome = run([fixture("users-post.json"), "--ttl", fixture("users-post-ttl.json")]);
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout)).toEqual(tableToTriggerConfig(described, ttl, { tableSource: "adopt" }));
  });

  test("reads stdin when no file is given", () => {
    const outcome = run(["--source", "existing"], () => JSON.stringify(described));
    expect(JSON.parse(outcome.stdout).tableSource).toBe("existing");
  });

  test.each([
    [["--source", "create"], '--source is "create"; allowed: adopt, existing'],
    [
      ["--stream-view-type", "ALL"],
      '--stream-view-type is "ALL"; allowed: KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES',
    ],
  ])("refuses %j in one line", (args, message) => {
    expect(run(args, () => JSON.stringify(described))).toEqual({
      code: 2,
      stdout: "",
      stderr: `describe-table: ${message}\n`,
    });
  });

  test("refuses input that is not JSON, naming it", () => {
    expect(run([], () => "Table: x").stderr).toMatch(/^describe-table: describe-table output \(stdin\) is not JSON: /);
  });

  test("refuses JSON that is not describe-table's", () => {
    expect(run([], () => "{}").stderr).toBe(
      "describe-table: the input holds no Table with a TableName: pass what aws dynamodb describe-table prints\n",
    );
  });

  test("refuses a table the config check would refuse, with the check's words", () => {
    const twentyOne = {
      Table: {
        ...table,
        GlobalSecondaryIndexes: Array.from({ length: 21 }, (_, i) => ({
          ...table.GlobalSecondaryIndexes[0],
          IndexName: `index${i}`,
        })),
      },
    };
    expect(run([], () => JSON.stringify(twentyOne)).stderr).toMatch(
      /cannot be modelled as is: .*globalSecondaryIndexes is 21 indexes/,
    );
  });
});
