// Local end-to-end speed, in one run: 1,000 writes to DynamoDB Local through the local trigger runner
// and the bundled handler. Latency (from the write call to the handler's log line, p50 and p95) is
// measured with writes at a steady rate the trigger keeps up with, so it shows the polling pace; then
// throughput with all 1,000 writes at once (16 in flight), for the app's batch size 1 and for 100.
// Every run checks that nothing was lost. Usage: npm run bench:local

import { mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DynamoDBClient, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { environments } from "../config/environments";
import { synthesizeApp } from "../lib/app";
import type { EnvironmentConfig } from "../lib/config";
import { findProjectRoot } from "../lib/handler-bundle";
import { localClientConfig, startEmulator } from "../local/emulator";
import { startLocalApp } from "../local/local-app";
import { readSynthesizedApp } from "../local/synthesized-stacks";
import type { RunnerReport } from "../local/trigger-runner";

const WRITES = 1000;
const IN_FLIGHT = 16;
const STEADY_RATE = 200; // writes per second in the latency run
const root = findProjectRoot();

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function run(endpoint: string, label: string, batchSize: number, tag: string, mode: "steady" | "burst") {
  const base = environments[0];
  const trigger = { ...base.triggers[0], tableName: `bench${tag}`, batchSize };
  const env: EnvironmentConfig = { ...base, triggers: [trigger] };
  const work = mkdtempSync(path.join(os.tmpdir(), "bench-local-"));
  const outdir = path.join(work, "cdktf.out");
  if (synthesizeApp([env], { outdir }).exitCode !== 0) throw new Error("synth failed");
  const app = readSynthesizedApp(outdir);
  const table = app.tables[0];
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
  const started = Date.now();
  let next = 0;
  const write = (n: number) => {
    writtenAt.set(n, Date.now());
    return db.send(
      new PutItemCommand({
        TableName: table.name,
        Item: {
          [table.hashKey]: { S: `author-${n % 50}` },
          [table.rangeKey!]: { S: `title-${n}` },
          n: { N: String(n) },
        },
      }),
    );
  };
  if (mode === "steady") {
    const pending: Promise<unknown>[] = [];
    for (let n = 0; n < WRITES; n++) {
      pending.push(write(n));
      await new Promise((resolve) => setTimeout(resolve, started + ((n + 1) * 1000) / STEADY_RATE - Date.now()));
    }
    await Promise.all(pending);
  } else {
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < WRITES) await write(next++);
      }),
    );
  }
  const deadline = Date.now() + 60000;
  while (handled.size < WRITES && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const elapsed = (Math.max(...handled.values()) - started) / 1000;
  await local.stop();
  db.destroy();
  rmSync(work, { recursive: true, force: true });
  const latencies = [...handled.entries()].map(([n, at]) => at - writtenAt.get(n)!).sort((a, b) => a - b);
  return {
    label,
    received: handled.size,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    perSecond: handled.size / elapsed,
  };
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const emulator = await startEmulator(root);
  try {
    const rows = [
      await run(emulator.endpoint, `steady ${STEADY_RATE}/s, app config (batch 1)`, 1, "a", "steady"),
      await run(emulator.endpoint, "burst, app config (batch 1)", 1, "b", "burst"),
      await run(emulator.endpoint, "burst, batch size 100", 100, "c", "burst"),
    ];
    const pad = (s: unknown, n: number) => String(s).padEnd(n);
    console.log(
      `Local end-to-end: ${WRITES} writes per row, DynamoDB Local + local trigger runner (polls every 250 ms when idle)`,
    );
    console.log(`${pad("writes, config", 40)}${pad("received", 11)}${pad("p50 ms", 8)}${pad("p95 ms", 8)}records/s`);
    for (const r of rows)
      console.log(
        `${pad(r.label, 40)}${pad(`${r.received}/${WRITES}`, 11)}${pad(r.p50, 8)}${pad(r.p95, 8)}${r.perSecond.toFixed(0)}`,
      );
    const lost = rows.some((r) => r.received !== WRITES);
    console.log(
      `targets: nothing lost: ${lost ? "NOT met" : "met"}; p50 <= 300 ms at a steady rate: ${rows[0].p50 <= 300 ? "met" : "NOT met"}`,
    );
    console.log(
      "(a burst queues records behind one batch at a time per shard, as Lambda does: its latency is backlog, not polling)",
    );
  } finally {
    await emulator.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
