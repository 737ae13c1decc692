// Local end-to-end speed, in one run, beside the emulator's own floor measured in the same run:
// - the floor: PutItem acknowledgement and one GetRecords round trip against DynamoDB Local;
// - latency at a steady 200 writes/s (write call → the handler's log line), through the local trigger
//   runner and the bundled handler: target p50 <= 20 ms, p95 <= 60 ms;
// - throughput with 1,000 writes at once (16 in flight), batch size 1 and 100;
// - the emulator under load: 8 tables x 1,000 writes, PutItem p50 < 10 ms (DynamoDB Local keeps it all
//   on its heap).
// Every run checks that nothing was lost.

import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from "@aws-sdk/client-dynamodb-streams";
import { environments } from "../config/environments";
import { synthesizeApp } from "../constructs/app";
import { findProjectRoot } from "../constructs/handler-bundle";
import { HEAP_MB, localClientConfig, startEmulator } from "../emulation/emulator";
import { readSynthesizedApp } from "../emulation/synthesized-stacks";
import { startLocalApp } from "../local/local-app";
import { IDLE_POLL_MS } from "../local/retry-policy";
import type { RunnerReport } from "../local/runner-reports";
import { parseCommandLine, runCommand, wholeNumber } from "../scripts/command-line";
import type { EnvironmentConfig } from "../settings/config";

const WRITES = 1000;
const IN_FLIGHT = 16;
const STEADY_RATE = 200; // writes per second in the latency run
const LOAD_TABLES = 8;
const TARGET = { p50: 20, p95: 60, putUnderLoadP50: 10 };
const root = findProjectRoot();

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const timed = async (step: () => Promise<unknown>) => {
  const started = performance.now();
  await step();
  return performance.now() - started;
};

interface Row {
  readonly label: string;
  readonly count: string;
  readonly p50: number;
  readonly p95: number;
  readonly extra?: string;
}

function item(n: number) {
  return { author: { S: `author-${n % 50}` }, bookTitle: { S: `title-${n}` }, n: { N: String(n) } };
}

/** Writes through the app's first trigger (books-shaped) with batch size `batchSize`. */
async function throughTrigger(endpoint: string, batchSize: number, tag: string, mode: "steady" | "burst") {
  const base = environments[0];
  const env: EnvironmentConfig = { ...base, triggers: [{ ...base.triggers[0], tableName: `bench${tag}`, batchSize }] };
  const work = mkdtempSync(path.join(os.tmpdir(), "bench-local-"));
  const outdir = path.join(work, "cdktf.out");
  if (synthesizeApp([env], { outdir }).exitCode !== 0) throw new Error("synth failed");
  const app = readSynthesizedApp(outdir);
  const table = app.tables[0].name;
  const handled = new Map<number, number>(); // write number → when the handler logged it
  const onReport = (report: RunnerReport) => {
    if (report.kind !== "invocation") return;
    for (const line of report.result.logs) {
      const log = JSON.parse(line);
      if (log.newImage?.n !== undefined) handled.set(log.newImage.n, Date.parse(log.timestamp));
    }
  };
  const local = await startLocalApp({ endpoint, app, failureFolder: path.join(work, "failures"), onReport });
  const db = new DynamoDBClient(localClientConfig(endpoint));
  const writtenAt = new Map<number, number>();
  const acks: number[] = [];
  const write = async (n: number) => {
    writtenAt.set(n, Date.now());
    acks.push(await timed(() => db.send(new PutItemCommand({ TableName: table, Item: item(n) }))));
  };
  const started = Date.now();
  if (mode === "steady") {
    const pending: Promise<unknown>[] = [];
    for (let n = 0; n < WRITES; n++) {
      pending.push(write(n));
      await sleep(started + ((n + 1) * 1000) / STEADY_RATE - Date.now());
    }
    await Promise.all(pending);
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < WRITES) await write(next++);
      }),
    );
  }
  const deadline = Date.now() + 60000;
  while (handled.size < WRITES && Date.now() < deadline) await sleep(20);
  const elapsed = (Math.max(...handled.values()) - started) / 1000;
  await local.stop();
  db.destroy();
  rmSync(work, { recursive: true, force: true });
  const latencies = [...handled.entries()].map(([n, at]) => at - writtenAt.get(n)!);
  return { received: handled.size, latencies, acks, perSecond: handled.size / elapsed };
}

async function createStreamTable(db: DynamoDBClient, name: string): Promise<string> {
  const out = await db.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: "author", AttributeType: "S" },
        { AttributeName: "bookTitle", AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: "author", KeyType: "HASH" },
        { AttributeName: "bookTitle", KeyType: "RANGE" },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
    }),
  );
  return out.TableDescription!.LatestStreamArn!;
}

/** The emulator alone: PutItem acknowledgements and idle GetRecords round trips. */
async function floor(endpoint: string): Promise<{ puts: number[]; reads: number[] }> {
  const db = new DynamoDBClient(localClientConfig(endpoint));
  const streams = new DynamoDBStreamsClient(localClientConfig(endpoint));
  const arn = await createStreamTable(db, "benchfloor");
  const puts: number[] = [];
  for (let n = 0; n < 200; n++)
    puts.push(await timed(() => db.send(new PutItemCommand({ TableName: "benchfloor", Item: item(n) }))));
  const shard = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription!.Shards![0];
  let iterator = (
    await streams.send(
      new GetShardIteratorCommand({ StreamArn: arn, ShardId: shard.ShardId, ShardIteratorType: "LATEST" }),
    )
  ).ShardIterator;
  const reads: number[] = [];
  for (let n = 0; n < 200; n++) {
    const started = performance.now();
    iterator = (await streams.send(new GetRecordsCommand({ ShardIterator: iterator }))).NextShardIterator;
    reads.push(performance.now() - started);
  }
  db.destroy();
  streams.destroy();
  return { puts, reads };
}

/**
 * 8 tables with streams, 1,000 writes of 1 KB each (16 in flight), and after each table 100 PutItems one
 * at a time: their acknowledgement is the emulator's latency as the data grows.
 */
async function underLoad(endpoint: string): Promise<{ probes: number[][] }> {
  const db = new DynamoDBClient(localClientConfig(endpoint));
  const probes: number[][] = [];
  for (let t = 0; t < LOAD_TABLES; t++) {
    const name = `benchload${t}`;
    await createStreamTable(db, name);
    let next = 0;
    const write = (n: number) =>
      db.send(new PutItemCommand({ TableName: name, Item: { ...item(n), text: { S: "x".repeat(1000) } } }));
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < WRITES) await write(next++);
      }),
    );
    const probe: number[] = [];
    for (let n = WRITES; n < WRITES + 100; n++) probe.push(await timed(() => write(n)));
    probes.push(probe);
  }
  db.destroy();
  return { probes };
}

const row = (label: string, count: string, values: number[], extra?: string): Row => ({
  label,
  count,
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  extra,
});
const verdict = (ok: boolean) => (ok ? "met" : "NOT met");

const USAGE = `Usage: npm run bench:local [-- --heap-mb <MB>]
  --heap-mb <MB>   DynamoDB Local's Java heap (default ${HEAP_MB})
  --help, -h       print this usage`;

async function main(): Promise<number> {
  const parsed = parseCommandLine(process.argv.slice(2), { options: { "heap-mb": { type: "string" } }, usage: USAGE });
  if (parsed === "help") {
    console.log(USAGE);
    return 0;
  }
  const given = parsed.values["heap-mb"];
  const heapMb = given === undefined ? HEAP_MB : wholeNumber("--heap-mb", given, { usage: USAGE });
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const emulator = await startEmulator(root, { heapMb });
  try {
    const base = await floor(emulator.endpoint);
    const steady = await throughTrigger(emulator.endpoint, 1, "a", "steady");
    const burst1 = await throughTrigger(emulator.endpoint, 1, "b", "burst");
    const burst100 = await throughTrigger(emulator.endpoint, 100, "c", "burst");
    const load = await underLoad(emulator.endpoint);

    const floorSum = base.puts.map((p, i) => p + base.reads[i % base.reads.length]);
    const steadyOk = percentile(steady.latencies, 50) <= TARGET.p50 && percentile(steady.latencies, 95) <= TARGET.p95;
    const lastProbe = load.probes[load.probes.length - 1];
    const loadOk = percentile(lastProbe, 50) < TARGET.putUnderLoadP50;
    const rows: Row[] = [
      row("floor: PutItem ack", `${base.puts.length}`, base.puts),
      row("floor: GetRecords round trip", `${base.reads.length}`, base.reads),
      row("floor: ack + round trip (write to readable)", `${floorSum.length}`, floorSum),
      row(
        `steady ${STEADY_RATE}/s: write to handler, batch 1`,
        `${steady.received}/${WRITES}`,
        steady.latencies,
        `target p50 <= ${TARGET.p50}, p95 <= ${TARGET.p95}: ${verdict(steadyOk)}`,
      ),
      row(`steady ${STEADY_RATE}/s: its PutItem acks`, `${steady.acks.length}`, steady.acks),
      row(
        "burst of 1,000 (16 in flight), batch 1",
        `${burst1.received}/${WRITES}`,
        burst1.latencies,
        `${burst1.perSecond.toFixed(0)} records/s`,
      ),
      row(
        "burst of 1,000 (16 in flight), batch 100",
        `${burst100.received}/${WRITES}`,
        burst100.latencies,
        `${burst100.perSecond.toFixed(0)} records/s`,
      ),
      row(`PutItem ack after 1 table x ${WRITES} writes (1 KB)`, `${load.probes[0].length}`, load.probes[0]),
      row(
        `PutItem ack after ${LOAD_TABLES} tables x ${WRITES} writes (1 KB)`,
        `${lastProbe.length}`,
        lastProbe,
        `target p50 < ${TARGET.putUnderLoadP50}: ${verdict(loadOk)}`,
      ),
    ];
    const pad = (s: unknown, n: number) => String(s).padEnd(n);
    const ms = (n: number) => n.toFixed(n < 10 ? 1 : 0);
    console.log(
      `Local end-to-end, DynamoDB Local with a ${heapMb} MB heap; the runner polls again at once while records flow, every ${IDLE_POLL_MS} ms when idle`,
    );
    console.log(`${pad("what", 48)}${pad("n", 11)}${pad("p50 ms", 8)}${pad("p95 ms", 8)}`);
    for (const r of rows)
      console.log(`${pad(r.label, 48)}${pad(r.count, 11)}${pad(ms(r.p50), 8)}${pad(ms(r.p95), 8)}${r.extra ?? ""}`);
    const lost = [steady, burst1, burst100].some((r) => r.received !== WRITES);
    console.log(
      `targets: nothing lost: ${verdict(!lost)}; steady ${STEADY_RATE}/s p50 <= ${TARGET.p50} ms and p95 <= ${TARGET.p95} ms: ${verdict(steadyOk)}; PutItem p50 < ${TARGET.putUnderLoadP50} ms after ${LOAD_TABLES} x ${WRITES} writes: ${verdict(loadOk)}`,
    );
    console.log(
      "(a burst queues records behind one batch at a time per shard, as Lambda does: its latency is backlog, not polling)",
    );
  } finally {
    await emulator.stop();
  }
  return 0;
}

runCommand("bench:local", main);
