// `npm run local -- --walkthrough`: the first seed's three steps (put, add an attribute, delete) on a
// books-shaped table, then a check that the handler received what AWS would deliver.
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { localClientConfig } from "../emulation/emulator";
import type { LocalTable } from "../emulation/synthesized-stacks";
import type { InvocationReport, RunnerReport } from "./trigger-runner";

const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

export function walkthroughTable(tables: readonly LocalTable[], wanted?: string): LocalTable {
  const table = wanted ? tables.find((t) => t.name === wanted) : tables.find((t) => t.name.startsWith("books"));
  if (!table)
    throw new Error(
      `no table ${wanted ?? "named books*"} in the synthesized stacks (tables: ${tables.map((t) => t.name).join(", ")})`,
    );
  if (table.hashKey !== "author" || table.rangeKey !== "bookTitle") {
    throw new Error(
      `${table.name} is keyed by ${table.hashKey}/${table.rangeKey}; the walkthrough needs author/bookTitle`,
    );
  }
  return table;
}

/** The seed's test: INSERT with a new image, MODIFY with both, REMOVE with the old one. */
export async function walkthrough(endpoint: string, table: LocalTable, reports: RunnerReport[]): Promise<boolean> {
  const db = new DynamoDBClient(localClientConfig(endpoint));
  const key = { author: { S: "Dan Brown" }, bookTitle: { S: "The DaVinci code" } };
  console.log(`\nWalkthrough on ${table.name}:`);
  console.log('  1. put {author: "Dan Brown", bookTitle: "The DaVinci code"}');
  await db.send(new PutItemCommand({ TableName: table.name, Item: key }));
  console.log('  2. add subTitle: "Volume-1"');
  await db.send(
    new UpdateItemCommand({
      TableName: table.name,
      Key: key,
      UpdateExpression: "SET subTitle = :s",
      ExpressionAttributeValues: { ":s": { S: "Volume-1" } },
    }),
  );
  console.log("  3. delete it\n");
  await db.send(new DeleteItemCommand({ TableName: table.name, Key: key }));
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
  while (received().length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

  const records = received();
  const checks = [
    { eventName: "INSERT", newImage: true, oldImage: false },
    { eventName: "MODIFY", newImage: true, oldImage: true },
    { eventName: "REMOVE", newImage: false, oldImage: true },
  ];
  console.log("\nWhat the handler received:");
  let ok = records.length === 3;
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
  if (records.length > 3) console.log(`  FAIL: ${records.length - 3} more records than the three changes`);
  console.log(ok ? "\nWalkthrough passed." : "\nWalkthrough FAILED.");
  return ok;
}
