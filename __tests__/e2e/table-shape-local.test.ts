import * as path from "node:path";
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { synthesizeApp } from "../../constructs/app";
import { localClientConfig } from "../../emulation/emulator";
import { readSynthesizedApp } from "../../emulation/synthesized-stacks";
import { createTable } from "../../local/local-app";
import { devEnvironment, tempDir } from "../support/stack";
import { endpoint } from "./support/local-trigger";

describe("npm run local creates a table's indexes and TTL as synthesized", () => {
  const tableName = `shaped${Date.now()}`;
  const outdir = path.join(tempDir("local-shape-"), "cdktf.out");
  const environment = devEnvironment(
    {},
    {
      tableName,
      globalSecondaryIndexes: [
        { name: "byGenre", partitionKey: { name: "genre" }, projection: { include: ["title"] } },
      ],
      localSecondaryIndexes: [{ name: "byYear", sortKey: { name: "year", type: "N" }, projection: "KEYS_ONLY" }],
      ttlAttribute: "expiresAt",
    },
  );
  const db = new DynamoDBClient(localClientConfig(endpoint()));
  afterAll(() => db.destroy());

  test("every index, its keys and projection, and TTL on its attribute", async () => {
    expect(synthesizeApp([environment], { outdir }).exitCode).toBe(0);
    const [table] = readSynthesizedApp(outdir).tables;
    await createTable(db, table);
    const described = (await db.send(new DescribeTableCommand({ TableName: table.name }))).Table!;
    expect(described.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.KeySchema, g.Projection])).toEqual([
      [
        "byGenre",
        [{ AttributeName: "genre", KeyType: "HASH" }],
        { ProjectionType: "INCLUDE", NonKeyAttributes: ["title"] },
      ],
    ]);
    expect(described.LocalSecondaryIndexes?.map((l) => [l.IndexName, l.KeySchema, l.Projection])).toEqual([
      [
        "byYear",
        [
          { AttributeName: "author", KeyType: "HASH" },
          { AttributeName: "year", KeyType: "RANGE" },
        ],
        { ProjectionType: "KEYS_ONLY" },
      ],
    ]);
    const ttl = await db.send(new DescribeTimeToLiveCommand({ TableName: table.name }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: "ENABLED", AttributeName: "expiresAt" });
  });
});
