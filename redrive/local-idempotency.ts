// With --local --replay on a trigger with idempotency, the function keeps its idempotency records in the
// table `npm run local` made in its DynamoDB Local: the replay must reach that session's endpoint (without
// it Powertools' client would look for the table in AWS, and every record would fail).

import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { LOCAL_CREDENTIALS, localClientConfig } from "../emulation/emulator";
import type { LocalSession } from "../emulation/session-file";
import type { LocalFunction } from "../emulation/synthesized-stacks";
import { IDEMPOTENCY_TABLE_VARIABLE } from "../handlers/idempotency-variables";

export type LocalDynamoDB = {
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
};

/** The DynamoDB Local holding `fn`'s idempotency table; undefined for a function without idempotency. */
export async function idempotencyEndpoint(
  fn: LocalFunction,
  sessions: readonly LocalSession[],
): Promise<LocalDynamoDB | undefined> {
  const table = fn.environment[IDEMPOTENCY_TABLE_VARIABLE];
  if (!table) return undefined;
  const needed = `${fn.name} keeps its idempotency records in ${table}, in a running local session's DynamoDB Local`;
  if (sessions.length === 0) throw new Error(`${needed}: start \`npm run local\` in another terminal first`);
  for (const session of sessions) {
    const client = new DynamoDBClient(localClientConfig(session.endpoint));
    try {
      await client.send(new DescribeTableCommand({ TableName: table }));
      return { endpoint: session.endpoint, ...LOCAL_CREDENTIALS };
    } catch {
      // not this session's table, or the session is stopping
    } finally {
      client.destroy();
    }
  }
  throw new Error(`${needed}, and no running session has it: start \`npm run local\` for this stack first`);
}
