// `npm run local`: the synthesized app on your machine. Synthesizes, starts AWS's DynamoDB Local,
// creates the tables, runs every enabled trigger against the bundled handlers and prints each
// invocation live until Ctrl-C. `npm run local -- --walkthrough` performs the first seed's three steps
// and exits 0 only if the handler received what AWS would deliver.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { LOCAL_CREDENTIALS, LOCAL_REGION, localClientConfig, type RunningEmulator, startEmulator } from "./emulator";
import { type RunningLocalApp, startLocalApp } from "./local-app";
import { announceLocalSession } from "./session-file";
import { type LocalTable, readSynthesizedApp } from "./synthesized-stacks";
import type { InvocationReport, RunnerReport } from "./trigger-runner";

const USAGE = `Usage: npm run local [-- --walkthrough] [-- --table <name>]
  (no option)      run every trigger and print each invocation until Ctrl-C
  --walkthrough    put, modify and delete the seed's book, check what the handler received, exit
  --table <name>   the table the walkthrough writes to (default: the first table named books*)`;

interface Options {
  readonly walkthrough: boolean;
  readonly table?: string;
}

function parseArgs(argv: string[]): Options {
  let walkthrough = false;
  let table: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--walkthrough") walkthrough = true;
    else if (arg === "--table" && argv[i + 1]) table = argv[++i];
    else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`unknown option ${JSON.stringify(arg)}\n${USAGE}`);
      process.exit(2);
    }
  }
  return { walkthrough, table };
}

function projectRoot(): string {
  const root = process.cwd();
  if (!existsSync(path.join(root, "cdktf.json")))
    throw new Error(`run this from the project folder (no cdktf.json in ${root})`);
  return root;
}

/** Runs cdktf.json's app command, exactly what `cdktf synth` runs, into cdktf.out. */
function synthesize(root: string): string {
  const outdir = path.join(root, "cdktf.out");
  const app = JSON.parse(readFileSync(path.join(root, "cdktf.json"), "utf8")).app;
  const run = spawnSync("sh", ["-c", app], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, CDKTF_OUTDIR: outdir },
  });
  if (run.status !== 0) throw new Error("synth failed: fix the error above and try again");
  return outdir;
}

const dim = (s: string) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

function describeInvocation(r: InvocationReport): string {
  const names = r.records.map((x) => x.eventName).join(", ");
  const head = `[${r.functionName}] ${r.records.length} record${r.records.length === 1 ? "" : "s"} in (${names})${r.attempt > 1 ? `, retry ${r.attempt - 1}` : ""}`;
  const outcome =
    r.result.kind === "error"
      ? `function error ${r.result.errorType}: ${r.result.errorMessage}`
      : r.failed.length === 0
        ? "ok"
        : `${r.failed.length} failed, retried from ${r.failed[0]}`;
  return `${head} → ${outcome} (${r.result.ms} ms)`;
}

function printReport(report: RunnerReport): void {
  if (report.kind === "invocation") {
    console.log(describeInvocation(report));
    for (const line of report.result.logs) console.log(dim(`    ${line}`));
  } else if (report.kind === "parked") {
    console.log(
      `[${report.functionName}] ${report.records.length} record(s) parked (${report.condition}) → ${report.file}`,
    );
  } else {
    console.log(`[${report.functionName}] ${report.kind} on ${report.shardId}: ${report.error}`);
  }
}

function walkthroughTable(tables: readonly LocalTable[], wanted?: string): LocalTable {
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
async function walkthrough(endpoint: string, table: LocalTable, reports: RunnerReport[]): Promise<boolean> {
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

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const root = projectRoot();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const outdir = synthesize(root);
  const app = readSynthesizedApp(outdir);
  const failureFolder = path.join(root, ".local", "failures");

  console.log("Starting DynamoDB Local ...");
  let emulator: RunningEmulator | undefined;
  let running: RunningLocalApp | undefined;
  const reports: RunnerReport[] = [];
  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      await running?.stop();
      await emulator?.stop();
    })());
  process.once("SIGINT", () => void shutdown().then(() => process.exit(130)));
  process.once("SIGTERM", () => void shutdown().then(() => process.exit(143)));

  try {
    emulator = await startEmulator(root);
    announceLocalSession(root, { endpoint: emulator.endpoint, failureFolder });
    running = await startLocalApp({
      endpoint: emulator.endpoint,
      app,
      failureFolder,
      onReport: (report) => {
        reports.push(report);
        printReport(report);
      },
    });
    console.log(
      `\nDynamoDB Local: ${emulator.endpoint} (region ${LOCAL_REGION}, access key ${LOCAL_CREDENTIALS.accessKeyId}, secret ${LOCAL_CREDENTIALS.secretAccessKey})`,
    );
    for (const [table, arn] of running.streams) console.log(`  table ${table}, stream ${arn}`);
    for (const m of app.mappings.filter((x) => x.enabled)) {
      console.log(
        `  trigger ${m.table.name} → ${m.function.name} (batch ${m.batchSize}, ${m.startingPosition}${m.filterPatterns.length ? `, ${m.filterPatterns.length} filter(s)` : ""})`,
      );
    }
    for (const d of running.disabled) console.log(`  trigger ${d} is disabled in the config: not polled`);
    console.log(
      `Failed batches are written to ${path.relative(root, failureFolder)}/<queue or bucket>/ as AWS writes them there.`,
    );

    if (options.walkthrough) {
      const passed = await walkthrough(emulator.endpoint, walkthroughTable(app.tables, options.table), reports);
      return passed ? 0 : 1;
    }
    const example = app.tables[0];
    if (example) {
      console.log(
        `\nTry it from another terminal:\n  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws dynamodb put-item --endpoint-url ${emulator.endpoint} --region ${LOCAL_REGION} \\\n    --table-name ${example.name} --item '${JSON.stringify({ [example.hashKey]: { S: "Dan Brown" }, ...(example.rangeKey && { [example.rangeKey]: { S: "The DaVinci code" } }) })}'`,
      );
    }
    console.log("\nWatching the streams; Ctrl-C to stop.\n");
    await new Promise(() => undefined);
    return 0;
  } finally {
    await shutdown();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`local: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
