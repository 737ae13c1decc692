// Deletion protection as configured, applied to the local table too: a tool pointed at DynamoDB Local
// (a GUI's delete button) cannot drop a protected table and leave its trigger polling a dead stream.
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { localClientConfig } from "../../emulation/emulator";
import type { LocalTable } from "../../emulation/synthesized-stacks";
import { createTable } from "../../local/local-app";
import { endpoint } from "./support/local-trigger";

const table = (name: string, deletionProtection: boolean): LocalTable => ({
  stack: name,
  address: "aws_dynamodb_table.table",
  name,
  hashKey: "id",
  attributes: [{ name: "id", type: "S" }],
  streamViewType: "NEW_AND_OLD_IMAGES",
  deletionProtection,
});

describe("a local table's deletion protection", () => {
  const db = new DynamoDBClient(localClientConfig(endpoint()));
  afterAll(() => db.destroy());

  test("refuses DeleteTable when the config protects the table", async () => {
    const name = `protected-${process.pid}`;
    await createTable(db, table(name, true));
    await expect(db.send(new DeleteTableCommand({ TableName: name }))).rejects.toThrow(/protected against deletion/);
  });

  test("allows it when the config does not", async () => {
    const name = `unprotected-${process.pid}`;
    await createTable(db, table(name, false));
    await expect(db.send(new DeleteTableCommand({ TableName: name }))).resolves.toBeDefined();
  });
});
