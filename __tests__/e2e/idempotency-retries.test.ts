// handlers/idempotency.ts against DynamoDB Local, as Powertools really writes its records: a record whose
// work failed runs again on its retry, one cut short by a timeout runs again once the invocation's time
// is up, and one that succeeded does not run again.
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { Context } from "aws-lambda";
import { LOCAL_CREDENTIALS, LOCAL_REGION, localClientConfig } from "../../emulation/emulator";
import type { ChangeHandler, ChangeLogger } from "../../handlers/contract";
import { idempotentChanges } from "../../handlers/idempotency";
import type { StreamChange } from "../../handlers/stream-change";
import { lambdaContext } from "../support/records";
import { endpoint, uniqueName } from "./support/local-trigger";

const logger: ChangeLogger = { info: () => {} };
const change = (eventID: string): StreamChange => ({
  eventName: "INSERT",
  sequenceNumber: eventID,
  eventID,
  keys: { id: eventID },
  expiredByTtl: false,
});
/** A context whose invocation has `ms` left. */
const context = (ms: number): Context => ({ ...lambdaContext(), getRemainingTimeInMillis: () => ms });

let table: string;
const db = new DynamoDBClient(localClientConfig(endpoint()));

beforeAll(async () => {
  // Powertools' persistence layer makes its own client: pointed at DynamoDB Local as Lambda's would be at AWS.
  process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint();
  process.env.AWS_REGION = LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  table = uniqueName("idem-retries");
  await db.send(
    new CreateTableCommand({
      TableName: table,
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    }),
  );
});

/** One invocation's idempotent handler, as a cold or warm Lambda would build it. */
function invocation(work: ChangeHandler, msLeft = 30_000) {
  const idempotent = idempotentChanges(work, { IDEMPOTENCY_TABLE_NAME: table, IDEMPOTENCY_TTL_SECONDS: "3600" });
  idempotent.registerContext(context(msLeft));
  return idempotent.handleChange;
}

test("a record whose work threw runs again on its retry, then not a third time", async () => {
  const runs: string[] = [];
  const failing: ChangeHandler = () => {
    runs.push("failed");
    throw new Error("downstream unavailable");
  };
  await expect(invocation(failing)(change("fail-then-ok"), logger)).rejects.toThrow("downstream unavailable");
  await invocation(() => void runs.push("ok"))(change("fail-then-ok"), logger);
  await invocation(() => void runs.push("again"))(change("fail-then-ok"), logger);
  expect(runs).toEqual(["failed", "ok"]);
});

test("a record cut short by a timeout runs again once the invocation's time is up", async () => {
  let release: () => void = () => {};
  let started: () => void = () => {};
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  const runs: string[] = [];
  // The first invocation has 1 ms left: its work hangs, as a function the timeout kills would.
  const hanging = invocation(
    () =>
      new Promise<void>((resolve) => {
        runs.push("cut short");
        release = resolve;
        started();
      }),
    1,
  )(change("timed-out"), logger);
  await running; // Powertools runs the work only once its INPROGRESS item is written
  await invocation(() => void runs.push("retried"))(change("timed-out"), logger);
  release();
  await Promise.resolve(hanging).catch(() => undefined);
  expect(runs).toEqual(["cut short", "retried"]);
});
