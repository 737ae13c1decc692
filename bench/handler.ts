// Handler throughput, side by side in one run: the bundled stream-handler (Powertools BatchProcessor +
// Logger, the per-record line written by handlers/log-line.ts) against a floor that only unmarshalls
// each record and writes one JSON line, for batches of 1, 100 and 1,000 records; then the bundle's
// size, zipped size and load time in a fresh process; then the idempotent handler (idempotency: true)
// against DynamoDB Local, for first deliveries and for replays, in CPU and in wall time per record.
// The machine is shared, so each figure is CPU time (not wall time) per record, the median of ROUNDS
// rounds, each round running the floor and the handler in fresh processes one after the other (the
// order alternating), and the ratio is the median of each round's handler/floor ratio.

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { deflateRawSync } from "node:zlib";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { DAN_BROWN, lambdaContext, streamEvent, streamRecord } from "../__tests__/support/records";
import { bundleHandler, findProjectRoot } from "../constructs/handler-bundle";
import { IDEMPOTENCY_KEY } from "../constructs/idempotency-table";
import { LOCAL_CREDENTIALS, localClientConfig, startEmulator } from "../emulation/emulator";
import { parseCommandLine, runCommand } from "../scripts/command-line";
import { IDEMPOTENT_HANDLER } from "../settings/trigger-settings";

const USAGE = `Usage: npm run bench:handler
  --help, -h   print this usage`;
/** How the benchmark starts each measuring child of itself: kept off the command line users see. */
const CHILD = "BENCH_HANDLER_CHILD";

const BATCHES = [1, 100, 1000];
const ROUNDS = 5;
const root = findProjectRoot();

// A ~1.2 KB MODIFY record with both images, like a typical document update.
function record(i: number) {
  const item = {
    ...DAN_BROWN,
    bookTitle: `Title ${i}`,
    subTitle: "Volume-1",
    summary: "x".repeat(300),
    pages: 689,
    price: 9.99,
    tags: ["thriller", "mystery", "bestseller"],
    publisher: { name: "Doubleday", city: "New York", founded: 1897 },
  };
  return streamRecord({
    eventName: "MODIFY",
    keys: { author: item.author, bookTitle: item.bookTitle },
    after: item,
    before: { ...item, subTitle: "" },
  });
}

async function child(kind: string, file: string, size: number): Promise<void> {
  if (kind === "idempotent" || kind === "replayed") return idempotentChild(kind, file, size);
  const event = streamEvent(Array.from({ length: size }, (_, i) => record(i)));
  const context = lambdaContext();
  const floor = async (e: typeof event) => {
    for (const r of e.Records) {
      const d = r.dynamodb!;
      process.stdout.write(
        `${JSON.stringify({ eventName: r.eventName, keys: unmarshall(d.Keys as never), newImage: d.NewImage && unmarshall(d.NewImage as never), oldImage: d.OldImage && unmarshall(d.OldImage as never) })}\n`,
      );
    }
    return { batchItemFailures: [] };
  };
  const handler = kind === "floor" ? floor : require(file).handler;
  const target = Math.max(20000, size * 20);
  for (let i = 0; i < Math.ceil(2000 / size); i++) await handler(event, context); // warm up the JIT
  const started = process.cpuUsage();
  let records = 0;
  while (records < target) {
    const response = await handler(event, context);
    if (response.batchItemFailures.length !== 0) throw new Error("unexpected failures");
    records += size;
  }
  const used = process.cpuUsage(started);
  const seconds = (used.user + used.system) / 1e6;
  writeFileSync(3, JSON.stringify({ perSecond: records / seconds, micros: (seconds * 1e6) / records }));
}

/**
 * The idempotent handler on batches of `size`: "idempotent" gives every record a new eventID (each is
 * run and its record written), "replayed" sends one batch again and again (each record found done).
 */
async function idempotentChild(kind: string, file: string, size: number): Promise<void> {
  const handler = require(file).handler;
  const context = lambdaContext();
  let batch = 0;
  const next = () => {
    batch += 1;
    const records = Array.from({ length: size }, (_, i) => ({ ...record(i), eventID: `${kind}-${batch}-${i}` }));
    return streamEvent(records);
  };
  const replay = next();
  const event = () => (kind === "replayed" ? replay : next());
  await handler(replay, context); // the replayed batch is done once before it is measured; warms up too
  const target = 2000;
  const started = process.cpuUsage();
  const wall = process.hrtime.bigint();
  let records = 0;
  while (records < target) {
    const response = await handler(event(), context);
    if (response.batchItemFailures.length !== 0) throw new Error("unexpected failures");
    records += size;
  }
  const used = process.cpuUsage(started);
  const seconds = (used.user + used.system) / 1e6;
  const wallMicros = Number(process.hrtime.bigint() - wall) / 1e3 / records;
  writeFileSync(3, JSON.stringify({ perSecond: records / seconds, micros: (seconds * 1e6) / records, wallMicros }));
}

interface Figure {
  readonly perSecond: number;
  readonly micros: number;
  readonly wallMicros?: number;
}

function runChild(
  kind: string,
  file: string,
  size: number,
  level = "INFO",
  extraEnv: Record<string, string> = {},
): Figure {
  const result = spawnSync(process.execPath, [__filename], {
    stdio: ["ignore", "ignore", "inherit", "pipe"], // log lines go to /dev/null, as the reference figures did
    env: {
      ...process.env,
      ...extraEnv,
      [CHILD]: JSON.stringify({ kind, file, size }),
      POWERTOOLS_SERVICE_NAME: "bench",
      POWERTOOLS_LOG_LEVEL: level,
    },
  });
  if (result.status !== 0) throw new Error(`${kind} child failed`);
  return JSON.parse(result.output[3]!.toString());
}

function loadMillis(file: string): number {
  const samples = Array.from({ length: 7 }, () => {
    const r = spawnSync(
      process.execPath,
      [
        "-e",
        `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stderr.write(String(Number(process.hrtime.bigint()-t)/1e6))`,
      ],
      { encoding: "utf8" },
    );
    return Number(r.stderr);
  });
  return samples.sort((a, b) => a - b)[3];
}

async function main(): Promise<number> {
  const childOf = process.env[CHILD];
  if (childOf !== undefined) {
    const { kind, file, size } = JSON.parse(childOf);
    await child(kind, file, size);
    return 0;
  }
  if (parseCommandLine(process.argv.slice(2), { options: {}, usage: USAGE }) === "help") {
    console.log(USAGE);
    return 0;
  }
  const bundle = bundleHandler("handlers/stream-handler.ts", root);
  const pad = (s: unknown, n: number) => String(s).padEnd(n);
  console.log(
    `Handler benchmark: Node ${process.version}, ~1.2 KB MODIFY records, stdout to /dev/null, median of ${ROUNDS} paired rounds`,
  );
  console.log(
    'CPU µs per record (records per CPU second); ratio to the floor. "lines off": logLevel WARN, the per-record line suppressed',
  );
  console.log(
    `${pad("batch", 7)}${pad("floor", 18)}${pad("handler", 18)}${pad("ratio", 8)}${pad("lines off", 18)}ratio`,
  );
  const ratios = new Map<number, number>();
  const cell = (r: Figure) => `${r.micros.toFixed(1)} (${Math.round(r.perSecond)})`;
  for (const size of BATCHES) {
    const rounds = Array.from({ length: ROUNDS }, (_, round) => {
      // Alternate which runs first, so a drift in the machine's load does not favour either.
      const run = (kind: string, level?: string) => runChild(kind, bundle.file, size, level);
      const [floor, ours] = round % 2 === 0 ? [run("floor"), run("handler")] : [run("handler"), run("floor")].reverse();
      return { floor, ours, quiet: run("handler", "WARN") };
    });
    const floor = medianFigure(rounds.map((r) => r.floor));
    const ours = medianFigure(rounds.map((r) => r.ours));
    const quiet = medianFigure(rounds.map((r) => r.quiet));
    const ratio = median(rounds.map((r) => r.ours.micros / r.floor.micros));
    const quietRatio = median(rounds.map((r) => r.quiet.micros / r.floor.micros));
    ratios.set(size, ratio);
    console.log(
      `${pad(size, 7)}${pad(cell(floor), 18)}${pad(cell(ours), 18)}${pad(`${ratio.toFixed(2)}x`, 8)}${pad(cell(quiet), 18)}${quietRatio.toFixed(2)}x`,
    );
  }
  const zipped = deflateRawSync(require("node:fs").readFileSync(bundle.file), { level: 9 }).length + 120;
  console.log(`\nbundle: ${bundle.bytes} bytes (${(bundle.bytes / 1024).toFixed(1)} KB), zipped about ${zipped} bytes`);
  console.log(`load in a fresh node process (median of 7): ${loadMillis(bundle.file).toFixed(1)} ms`);
  console.log(`bundle: ${path.relative(root, bundle.file)}`);
  const worst = Math.max(ratios.get(100)!, ratios.get(1000)!);
  console.log(
    `targets: bundle <= 40 KB: ${bundle.bytes <= 40 * 1024 ? "met" : "NOT met"}; per-record cost within 2x of the floor (batches of 100 and 1,000): ${worst <= 2 ? "met" : "NOT met"} (${worst.toFixed(2)}x)`,
  );
  await idempotencyFigures(bundle.file);
  return 0;
}

/** idempotency: true, against DynamoDB Local: what each record costs beside the plain handler and the floor. */
async function idempotencyFigures(plainFile: string): Promise<void> {
  const idempotent = bundleHandler(IDEMPOTENT_HANDLER, root);
  const emulator = await startEmulator(root);
  try {
    const db = new DynamoDBClient(localClientConfig(emulator.endpoint));
    const TableName = "bench-idempotency";
    await db.send(
      new CreateTableCommand({
        TableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [{ AttributeName: IDEMPOTENCY_KEY, AttributeType: "S" }],
        KeySchema: [{ AttributeName: IDEMPOTENCY_KEY, KeyType: "HASH" }],
      }),
    );
    db.destroy();
    const env = {
      IDEMPOTENCY_TABLE_NAME: TableName,
      IDEMPOTENCY_TTL_SECONDS: "3600",
      AWS_ENDPOINT_URL_DYNAMODB: emulator.endpoint,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    };
    const size = 100;
    const floor = runChild("floor", plainFile, size);
    const plain = runChild("handler", plainFile, size);
    const first = runChild("idempotent", idempotent.file, size, "INFO", env);
    const replayed = runChild("replayed", idempotent.file, size, "INFO", env);
    const cell = (f: Figure) =>
      `${f.micros.toFixed(1)} µs CPU${f.wallMicros ? `, ${f.wallMicros.toFixed(0)} µs wall` : ""}`;
    console.log(
      `\nidempotency: true, batches of ${size}, DynamoDB Local on this machine (PutItem and UpdateItem per new record, one PutItem refused per replayed one):`,
    );
    console.log(`  floor ${cell(floor)}; handler ${cell(plain)}`);
    console.log(
      `  idempotent, first delivery: ${cell(first)} per record (${(first.micros / floor.micros).toFixed(1)}x the floor)`,
    );
    console.log(`  idempotent, replayed:       ${cell(replayed)} per record (work skipped)`);
    console.log(`  bundle: ${idempotent.bytes} bytes (${(idempotent.bytes / 1024).toFixed(1)} KB)`);
  } finally {
    await emulator.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function medianFigure(figures: Figure[]): Figure {
  const micros = median(figures.map((f) => f.micros));
  return { micros, perSecond: 1e6 / micros };
}

runCommand("bench:handler", main);
