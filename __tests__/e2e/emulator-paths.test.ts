// A project may live in any folder: DynamoDB Local starts, and keeps its data, under a path holding an
// emoji, a space, % and # (Java's class loader and sqlite4java both fail on such a path as it is).
import { cpSync, existsSync, readdirSync } from "node:fs";
import * as path from "node:path";
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { emulatorDir, localClientConfig, startEmulator } from "../../emulation/emulator";
import { tempDir } from "../support/stack";

test("DynamoDB Local runs from, and persists into, a project folder named with an emoji, a space, % and #", async () => {
  const root = path.join(tempDir("paths-"), "my project 😀 100% #1");
  // The emulator as the first run leaves it in this project's cache (the real files, not a link).
  cpSync(emulatorDir(path.resolve(__dirname, "../..")), emulatorDir(root), { recursive: true });
  const dbPath = path.join(root, ".local", "dynamodb 😀");

  const emulator = await startEmulator(root, { dbPath });
  const client = new DynamoDBClient(localClientConfig(emulator.endpoint));
  try {
    await client.send(
      new CreateTableCommand({
        TableName: "Books",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual(["Books"]);
  } finally {
    client.destroy();
    await emulator.stop();
  }
  expect(readdirSync(dbPath)).toContain("shared-local-instance.db");
  expect(existsSync(path.join(emulatorDir(root), "DynamoDBLocal.jar"))).toBe(true);
});
