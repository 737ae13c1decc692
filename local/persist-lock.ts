// One `npm run local -- --persist` at a time per checkout: two DynamoDB Locals on one database file
// each number their stream records from their own counter, so one session's records are never
// delivered and the other's are delivered twice (seen with two sessions side by side).

import * as path from "node:path";
import { ClaimLocks } from "../emulation/claim-locks";

const ID = "dynamodb";

/** Claims `<local>/dynamodb` for this process until it exits; throws a one-line error if another holds it. */
export function lockPersistedTables(local: string): void {
  const locks = new ClaimLocks(local);
  if (!locks.claim(ID)) {
    const holder = locks.holder(ID);
    const folder = path.join(path.basename(local), ID);
    throw new Error(
      `another npm run local -- --persist${holder ? ` (pid ${holder})` : ""} is using ${folder}: stop it first (one runner per checkout)`,
    );
  }
  process.once("exit", () => locks.release(ID));
}
