// Handler throughput, side by side in one run: the bundled stream-handler (Powertools BatchProcessor +
// Logger) against a floor that only unmarshalls each record and writes one JSON line, for batches of
// 1, 100 and 1,000 records; then the bundle's size, zipped size and load time in a fresh process.
// Usage: npm run bench:handler

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { deflateRawSync } from "node:zlib";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { DAN_BROWN, lambdaContext, streamEvent, streamRecord } from "../__tests__/support/records";
import { bundleHandler, findProjectRoot } from "../lib/handler-bundle";

const BATCHES = [1, 100, 1000];
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
  const started = process.hrtime.bigint();
  let records = 0;
  while (records < target) {
    const response = await handler(event, context);
    if (response.batchItemFailures.length !== 0) throw new Error("unexpected failures");
    records += size;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  writeFileSync(3, JSON.stringify({ perSecond: records / seconds, micros: (seconds * 1e6) / records }));
}

function runChild(kind: string, file: string, size: number, level = "INFO"): { perSecond: number; micros: number } {
  const result = spawnSync(process.execPath, [__filename, "--child", kind, file, String(size)], {
    stdio: ["ignore", "ignore", "inherit", "pipe"], // log lines go to /dev/null, as the reference figures did
    env: { ...process.env, POWERTOOLS_SERVICE_NAME: "bench", POWERTOOLS_LOG_LEVEL: level },
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

async function main(): Promise<void> {
  if (process.argv[2] === "--child") return child(process.argv[3], process.argv[4], Number(process.argv[5]));
  const bundle = bundleHandler("handlers/stream-handler.ts", root);
  const pad = (s: unknown, n: number) => String(s).padEnd(n);
  console.log(`Handler benchmark: Node ${process.version}, ~1.2 KB MODIFY records, stdout to /dev/null`);
  console.log(
    'µs per record (records per second); ratio to the floor. "lines off": logLevel WARN, the per-record line suppressed',
  );
  console.log(
    `${pad("batch", 7)}${pad("floor", 18)}${pad("handler", 18)}${pad("ratio", 8)}${pad("lines off", 18)}ratio`,
  );
  const ratios: number[] = [];
  const cell = (r: { micros: number; perSecond: number }) => `${r.micros.toFixed(1)} (${Math.round(r.perSecond)})`;
  for (const size of BATCHES) {
    const floor = runChild("floor", bundle.file, size);
    const ours = runChild("handler", bundle.file, size);
    const quiet = runChild("handler", bundle.file, size, "WARN");
    const ratio = ours.micros / floor.micros;
    ratios.push(ratio);
    console.log(
      `${pad(size, 7)}${pad(cell(floor), 18)}${pad(cell(ours), 18)}${pad(`${ratio.toFixed(2)}x`, 8)}${pad(cell(quiet), 18)}${(quiet.micros / floor.micros).toFixed(2)}x`,
    );
  }
  const zipped = deflateRawSync(require("node:fs").readFileSync(bundle.file), { level: 9 }).length + 120;
  console.log(`\nbundle: ${bundle.bytes} bytes (${(bundle.bytes / 1024).toFixed(1)} KB), zipped about ${zipped} bytes`);
  console.log(`load in a fresh node process (median of 7): ${loadMillis(bundle.file).toFixed(1)} ms`);
  console.log(`bundle: ${path.relative(root, bundle.file)}`);
  const worst = Math.max(...ratios.slice(1));
  console.log(
    `targets: bundle <= 40 KB: ${bundle.bytes <= 40 * 1024 ? "met" : "NOT met"}; per-record cost within 2x of the floor (batches of 100 and 1,000): ${worst <= 2 ? "met" : "NOT met"} (${worst.toFixed(2)}x)`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
