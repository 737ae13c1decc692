#!/usr/bin/env node
// Synth speed, side by side in one run: this project's `app` command (what `cdktf synth` runs, handler
// bundling included), as usual and right after an edit, against the cdktf template's way
// (type-checking ts-node) on the same main.ts, and the cost of importing @cdktf/provider-aws from its root. Prints medians of wall time and peak RSS of
// the largest process. Usage: npm run bench [-- --runs 5]
const { spawnSync } = require("node:child_process");
const { existsSync, mkdtempSync, readFileSync, rmSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const timeBinary = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

function measure(command, before) {
  if (before) before();
  const outdir = mkdtempSync(path.join(os.tmpdir(), "bench-synth-"));
  const env = { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" };
  const started = process.hrtime.bigint();
  const args = timeBinary ? [timeBinary, "-f", "__peak_kb=%M", "sh", "-c", command] : ["sh", "-c", command];
  const result = spawnSync(args[0], args.slice(1), { cwd: root, env, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(outdir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`${command} failed:\n${result.stderr}`);
  const peak = /__peak_kb=(\d+)/.exec(result.stderr);
  return { seconds, mb: peak ? Number(peak[1]) / 1024 : NaN };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function bench(label, command, n, before) {
  measure(command); // warm the file cache so every row is measured alike
  const samples = Array.from({ length: n }, () => measure(command, before));
  return { label, seconds: median(samples.map((s) => s.seconds)), mb: median(samples.map((s) => s.mb)), n };
}

const app = JSON.parse(readFileSync(path.join(root, "cdktf.json"), "utf8")).app;
// Measured on purpose: the cost this project avoids by importing lib/<resource> modules only.
const ROOT_PACKAGE = ["@cdktf", "provider-aws"].join("/");
// Forgets the app bundle, as after an edit: the next synth rebuilds it.
const forgetBundle = () => rmSync(path.join(root, ".build", "app", "inputs.json"), { force: true });
const rows = [
  bench("app command, what `cdktf synth` runs", app, runs),
  bench("app command right after an edit (bundle rebuilt)", app, runs, forgetBundle),
  bench(
    "cdktf template way: npx ts-node main.ts (type checking)",
    "npx ts-node main.ts",
    Math.max(3, Math.ceil(runs / 2)),
  ),
  bench("import of @cdktf/provider-aws root alone", `node -e 'require(${JSON.stringify(ROOT_PACKAGE)})'`, runs),
  bench(
    "import of the six per-resource modules used",
    `node -e '${[
      "dynamodb-table",
      "iam-role",
      "iam-role-policy",
      "lambda-function",
      "lambda-event-source-mapping",
      "cloudwatch-log-group",
    ]
      .map((m) => `require("@cdktf/provider-aws/lib/${m}")`)
      .join(";")}'`,
    runs,
  ),
];

const pad = (s, n) => String(s).padEnd(n);
console.log(`Synth benchmark: ${os.cpus().length} cores, Node ${process.version}, median of n runs`);
console.log(`${pad("what", 60)}${pad("n", 4)}${pad("wall s", 9)}${pad("peak MB", 9)}`);
for (const r of rows) {
  console.log(
    `${pad(r.label, 60)}${pad(r.n, 4)}${pad(r.seconds.toFixed(2), 9)}${pad(Number.isNaN(r.mb) ? "n/a" : r.mb.toFixed(0), 9)}`,
  );
}
const [ours, afterEdit, template] = rows;
console.log(
  `\napp command vs template way: ${(template.seconds / ours.seconds).toFixed(1)}x faster, ${(template.mb / ours.mb).toFixed(1)}x less memory`,
);
console.log(`right after an edit: ${(template.seconds / afterEdit.seconds).toFixed(1)}x faster`);
console.log(
  `targets: app command <= 1 s and <= 150 MB, >= 8x faster than the template way: ${
    ours.seconds <= 1 && (Number.isNaN(ours.mb) || ours.mb <= 150) && template.seconds / ours.seconds >= 8
      ? "met"
      : "NOT met"
  }`,
);
