// `npm run local -- --walkthrough`: a seed's test on the running app, then a check that the handler
// received what AWS would deliver. The first seed's on a books-shaped table (put, add an attribute,
// delete); the second's on a UsersPost-shaped one (posts written before the trigger starts, then edit,
// duplicate, delete).
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { localClientConfig } from "../emulation/emulator";
import type { LocalTable } from "../emulation/synthesized-stacks";
import type { InvocationReport, RunnerReport } from "./runner-reports";
import { EARLIER_POSTS, putEarlierPosts, USERS_POST_STEPS } from "./users-post-walkthrough";

const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

interface Step {
  readonly says: string;
  /** The stream record the step makes. */
  readonly event: "INSERT" | "MODIFY" | "REMOVE";
  readonly run: (db: DynamoDBClient, table: string) => Promise<unknown>;
}

export interface Walkthrough {
  /** The seed it comes from, in words. */
  readonly name: string;
  readonly keys: readonly [string, string];
  /** Written before the trigger starts, so the handler must never receive it. */
  readonly before?: { readonly says: string; readonly run: (db: DynamoDBClient, table: string) => Promise<void> };
  readonly steps: readonly Step[];
}

const DAN_BROWN = { author: { S: "Dan Brown" }, bookTitle: { S: "The DaVinci code" } };

export const WALKTHROUGHS: readonly Walkthrough[] = [
  {
    name: "the first seed (books)",
    keys: ["author", "bookTitle"],
    steps: [
      {
        says: 'put {author: "Dan Brown", bookTitle: "The DaVinci code"}',
        event: "INSERT",
        run: (db, table) => db.send(new PutItemCommand({ TableName: table, Item: DAN_BROWN })),
      },
      {
        says: 'add subTitle: "Volume-1"',
        event: "MODIFY",
        run: (db, table) =>
          db.send(
            new UpdateItemCommand({
              TableName: table,
              Key: DAN_BROWN,
              UpdateExpression: "SET subTitle = :s",
              ExpressionAttributeValues: { ":s": { S: "Volume-1" } },
            }),
          ),
      },
      {
        says: "delete it",
        event: "REMOVE",
        run: (db, table) => db.send(new DeleteItemCommand({ TableName: table, Key: DAN_BROWN })),
      },
    ],
  },
  {
    name: "the second seed (UsersPost)",
    keys: ["user_id", "post_id"],
    before: { says: `${EARLIER_POSTS.length} posts by John and Alice`, run: putEarlierPosts },
    steps: USERS_POST_STEPS,
  },
];

/** The walkthrough for `wanted` (default the first table named books*), chosen by the table's keys. */
export function walkthroughTable(
  tables: readonly LocalTable[],
  wanted?: string,
): { table: LocalTable; walkthrough: Walkthrough } {
  const table = wanted ? tables.find((t) => t.name === wanted) : tables.find((t) => t.name.startsWith("books"));
  if (!table)
    throw new Error(
      `no table ${wanted ?? "named books*"} in the synthesized stacks (tables: ${tables.map((t) => t.name).join(", ")})`,
    );
  const walkthrough = WALKTHROUGHS.find((w) => w.keys[0] === table.hashKey && w.keys[1] === table.rangeKey);
  if (!walkthrough) {
    const needs = WALKTHROUGHS.map((w) => w.keys.join("/")).join(" or ");
    throw new Error(`${table.name} is keyed by ${table.hashKey}/${table.rangeKey}; the walkthrough needs ${needs}`);
  }
  return { table, walkthrough };
}

/** Writes what the table holds before the trigger starts, if the walkthrough has any. */
export async function beforeWalkthrough(endpoint: string, table: LocalTable, w: Walkthrough): Promise<void> {
  if (!w.before) return;
  const db = new DynamoDBClient(localClientConfig(endpoint));
  console.log(`\nBefore the trigger starts, ${table.name} holds ${w.before.says}.`);
  await w.before.run(db, table.name);
  db.destroy();
}

/** The seed's test: INSERT with a new image, MODIFY with both, REMOVE with the old one, and nothing else. */
export async function walkthrough(
  endpoint: string,
  table: LocalTable,
  reports: RunnerReport[],
  w: Walkthrough = WALKTHROUGHS[0],
): Promise<boolean> {
  const db = new DynamoDBClient(localClientConfig(endpoint));
  console.log(`\nWalkthrough of ${w.name} on ${table.name}:`);
  for (const [i, step] of w.steps.entries()) {
    console.log(`  ${i + 1}. ${step.says}`);
    await step.run(db, table.name);
  }
  console.log("");
  db.destroy();

  const received = () =>
    reports
      .filter(
        (r): r is InvocationReport =>
          r.kind === "invocation" &&
          r.tableName === table.name &&
          r.result.kind === "returned" &&
          r.failed.length === 0,
      )
      .flatMap((r) => r.records);
  const deadline = Date.now() + 15000;
  while (received().length < w.steps.length && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));

  const records = received();
  const checks = w.steps.map(({ event: eventName }) => ({
    eventName,
    newImage: eventName !== "REMOVE",
    oldImage: eventName !== "INSERT",
  }));
  console.log("\nWhat the handler received:");
  let ok = records.length === checks.length;
  checks.forEach((expected, i) => {
    const r = records[i];
    const good =
      r !== undefined &&
      r.eventName === expected.eventName &&
      (r.dynamodb?.NewImage !== undefined) === expected.newImage &&
      (r.dynamodb?.OldImage !== undefined) === expected.oldImage;
    ok &&= good;
    const images = r
      ? [r.dynamodb?.NewImage && "NewImage", r.dynamodb?.OldImage && "OldImage"].filter(Boolean).join(" + ") ||
        "keys only"
      : "nothing";
    const want = [expected.newImage && "NewImage", expected.oldImage && "OldImage"].filter(Boolean).join(" + ");
    console.log(
      `  ${good ? "ok  " : "FAIL"} ${i + 1}. ${r?.eventName ?? "(no record)"} with ${images}${good ? "" : `; expected ${expected.eventName} with ${want}`}`,
    );
    if (r) console.log(dim(`       ${JSON.stringify(r.dynamodb)}`));
  });
  if (records.length > checks.length)
    console.log(`  FAIL: ${records.length - checks.length} more records than the ${checks.length} changes`);
  console.log(ok ? "\nWalkthrough passed." : "\nWalkthrough FAILED.");
  return ok;
}
