// `npm run redrive -- books-dev --local --replay` on a trigger with idempotency: the replayed function's
// idempotency records go to the running local session's DynamoDB Local, where `npm run local` made the
// table, not to AWS; with no session running, the command says so before replaying anything.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { CreateTableCommand, DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { localClientConfig } from "../../emulation/emulator";
import { FailureBucketFolder, LOCAL_ACCOUNT_ID } from "../../emulation/failure-bucket-folder";
import { sessionsFolder } from "../../emulation/session-file";
import { runRedriveCommand } from "../../redrive/command";
import { checkout } from "../support/checkout";
import { parkedBatch } from "../support/on-failure-messages";
import { DAN_BROWN, streamRecord } from "../support/records";
import { tempDir } from "../support/stack";
import { endpoint, uniqueName } from "./support/local-trigger";

describe("npm run redrive -- --local --replay, with idempotency and failureDestination s3", () => {
  const project = checkout(path.join(tempDir("redrive-idempotent-"), "project"), { sampleConfig: true });
  const table = uniqueName("books");
  const config = path.join(project, "config", "environments.ts");
  writeFileSync(
    config,
    readFileSync(config, "utf8").replace(
      'tableName: "books",',
      `tableName: "${table}",\n  failureDestination: "s3",\n  idempotency: true,`,
    ),
  );
  const stack = `${table}-dev`;
  const functionName = `${stack}-stream-handler`;
  const bucketFolder = path.join(project, ".local", "failures", `${functionName}-failures-${LOCAL_ACCOUNT_ID}`);
  const park = () =>
    new FailureBucketFolder(bucketFolder, "mapping-uuid").write(
      parkedBatch([streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN, sequenceNumber: "42" })], {
        functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
        streamArn: `arn:aws:dynamodb:ddblocal:000000000000:table/${stack}/stream/2026-11-24T00:00:00.000`,
      }),
    );
  const redrive = async () => {
    const lines: string[] = [];
    const run = runRedriveCommand(project, { stack, local: true, replay: true }, (line) => lines.push(line));
    return { code: await run, lines };
  };
  const db = new DynamoDBClient(localClientConfig(endpoint()));
  afterAll(() => db.destroy());

  test("with no local session running, refuses to replay, naming what it needs", async () => {
    await park();
    await expect(redrive()).rejects.toThrow(
      `${functionName} keeps its idempotency records in ${functionName}-idempotency, in a running local session's DynamoDB Local: start \`npm run local\` in another terminal first`,
    );
  }, 120000);

  test("replays into the running session's idempotency table", async () => {
    // A running `npm run local` (this process stands in for it) whose DynamoDB Local holds the table.
    await db.send(
      new CreateTableCommand({
        TableName: `${functionName}-idempotency`,
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    const sessions = sessionsFolder(project);
    mkdirSync(sessions, { recursive: true });
    const session = path.join(sessions, `${process.pid}.json`);
    writeFileSync(
      session,
      JSON.stringify({
        pid: process.pid,
        endpoint: endpoint(),
        failureFolder: "",
        startedAt: new Date().toISOString(),
      }),
    );
    try {
      const { code, lines } = await redrive();
      expect({ code, lines }).toMatchObject({ code: 0 });
      expect(lines).toContain("  replayed: 1 record accepted → object deleted");
      const items = (await db.send(new ScanCommand({ TableName: `${functionName}-idempotency` }))).Items ?? [];
      expect(items.map((i) => i.status?.S)).toEqual(["COMPLETED"]);
    } finally {
      rmSync(session, { force: true });
    }
  }, 120000);
});
