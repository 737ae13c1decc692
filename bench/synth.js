#!/usr/bin/env node
// Synth speed, side by side in one run: `npm run synth` (the README's main job: the app without the
// cdktf CLI) against `npx cdktf synth` (the CLI, which loads its own modules first), both as usual and
// right after an edit; then the cdktf template's way (type-checking ts-node) on the same main.ts, and
// the cost of importing @cdktf/provider-aws from its root. Rows are measured in turns (one run of each
// per round), so a busy moment of the shared machine hits every row alike. Prints medians of wall time
// and the peak RSS of the largest process.
const { spawnSync } = require("node:child_process");
const { existsSync, mkdtempSync, readdirSync, rmSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { failure, parseCommandLine, wholeNumber } = require("../scripts/command-line");
const { manyStacksProject, STACKS } = require("./many-stacks");
const { peakMemoryTimer, synthVerdict } = require("./synth-memory");

const USAGE = `Usage: npm run bench [-- --runs N]
  --runs N     paired rounds measured, the median reported (default 5)
  --help, -h   print this usage`;

/** The rounds to run, from the command line; exits on --help or a bad command line. */
function roundsWanted(argv) {
  try {
    const parsed = parseCommandLine(argv, { options: { runs: { type: "string" } }, usage: USAGE });
    if (parsed === "help") {
      console.log(USAGE);
      process.exit(0);
    }
    return parsed.values.runs === undefined ? 5 : wholeNumber("--runs", parsed.values.runs, { usage: USAGE });
  } catch (error) {
    const { code, text } = failure("bench", error);
    process.stderr.write(text);
    process.exit(code);
  }
}

const root = path.resolve(__dirname, "..");
const runs = roundsWanted(process.argv.slice(2));
const timeBinary = peakMemoryTimer();
const TARGET = { seconds: 0.4, mb: 100 };
// A team's config: 150 stacks in a second, within 150 MB.
const MANY_TARGET = { seconds: 1.0, mb: 150 };

/** Runs `command` once in `cwd` with {out} replaced by a fresh output folder; wall seconds and peak MB. */
function measure(command, cwd = root) {
  const outdir = mkdtempSync(path.join(os.tmpdir(), "bench-synth-"));
  const line = command.replaceAll("{out}", outdir);
  const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
  const started = process.hrtime.bigint();
  const args = timeBinary ? [timeBinary, "-f", "__peak_kb=%M __cpu=%U+%S", "sh", "-c", line] : ["sh", "-c", line];
  const result = spawnSync(args[0], args.slice(1), { cwd, env, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  rmSync(outdir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`${line} failed:\n${result.stderr}`);
  const peak = /__peak_kb=(\d+)/.exec(result.stderr);
  // CPU seconds too: on a machine other work is loading, wall time swells and CPU time much less.
  const cpu = /__cpu=([\d.]+)\+([\d.]+)/.exec(result.stderr);
  return { seconds, mb: peak ? Number(peak[1]) / 1024 : NaN, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Forgets the app bundle and its code caches (one per set of Node options: the CLI's has its own), as
// after an edit: the next synth rebuilds both.
const forgetBundle = () => {
  const app = path.join(root, ".build", "app");
  const caches = existsSync(app) ? readdirSync(app).filter((file) => file.endsWith(".code-cache")) : [];
  for (const file of ["inputs.json", ...caches]) rmSync(path.join(app, file), { force: true });
};
// Measured on purpose: the cost this project avoids by importing lib/<resource> modules only.
const ROOT_PACKAGE = ["@cdktf", "provider-aws"].join("/");
const RESOURCES = [
  "dynamodb-table",
  "iam-role",
  "iam-role-policy",
  "lambda-function",
  "lambda-event-source-mapping",
  "cloudwatch-log-group",
];

const manyStacks = manyStacksProject(root);
process.on("exit", () => rmSync(manyStacks, { recursive: true, force: true }));

const rows = [
  { label: "npm run synth (the README's main job)", command: "npm run -s synth -- --output {out}" },
  { label: "npx cdktf synth (the CLI)", command: "npx cdktf synth --output {out}" },
  {
    label: `npm run synth, ${STACKS} stacks (3 envs x 50 tables)`,
    command: "npm run -s synth -- --output {out}",
    cwd: manyStacks,
  },
  { label: "npm run synth right after an edit", command: "npm run -s synth -- --output {out}", before: forgetBundle },
  { label: "npx cdktf synth right after an edit", command: "npx cdktf synth --output {out}", before: forgetBundle },
  { label: "cdktf template way: npx ts-node main.ts", command: "CDKTF_OUTDIR={out} npx ts-node main.ts" },
  { label: "import of @cdktf/provider-aws root alone", command: `node -e 'require(${JSON.stringify(ROOT_PACKAGE)})'` },
  {
    label: "import of the six per-resource modules used",
    command: `node -e '${RESOURCES.map((m) => `require("@cdktf/provider-aws/lib/${m}")`).join(";")}'`,
  },
];

for (const row of rows) measure(row.command, row.cwd); // warm the file cache so every row is measured alike
for (const row of rows) row.samples = [];
for (let round = 0; round < runs; round++) {
  for (const row of rows) {
    if (row.before) row.before();
    row.samples.push(measure(row.command, row.cwd));
  }
}
for (const row of rows) {
  row.seconds = median(row.samples.map((s) => s.seconds));
  row.mb = median(row.samples.map((s) => s.mb));
  row.cpu = median(row.samples.map((s) => s.cpu));
}

const pad = (s, n) => String(s).padEnd(n);
const mb = (r) => (Number.isNaN(r.mb) ? "n/a" : r.mb.toFixed(0));
console.log(`Synth benchmark: ${os.cpus().length} cores, Node ${process.version}, median of ${runs} paired runs`);
console.log(`${pad("what", 48)}${pad("wall s", 9)}${pad("cpu s", 9)}${pad("peak MB", 9)}`);
const cpu = (r) => (Number.isNaN(r.cpu) ? "n/a" : r.cpu.toFixed(2));
for (const r of rows)
  console.log(`${pad(r.label, 48)}${pad(r.seconds.toFixed(2), 9)}${pad(cpu(r), 9)}${pad(mb(r), 9)}`);

const [ours, cli, many, oursAfterEdit, cliAfterEdit] = rows;
console.log(
  `\nnpm run synth vs npx cdktf synth: ${(cli.seconds / ours.seconds).toFixed(1)}x faster, ` +
    `${(cli.mb / ours.mb).toFixed(1)}x less memory; right after an edit ` +
    `${(cliAfterEdit.seconds / oursAfterEdit.seconds).toFixed(1)}x faster`,
);
console.log(
  `target: npm run synth <= ${TARGET.seconds} s and <= ${TARGET.mb} MB ` +
    `(${ours.seconds.toFixed(2)} s, ${mb(ours)} MB): ${synthVerdict(ours, TARGET)}`,
);
console.log(
  `target: ${STACKS} stacks <= ${MANY_TARGET.seconds} s and <= ${MANY_TARGET.mb} MB ` +
    `(${many.seconds.toFixed(2)} s, ${mb(many)} MB, ${((many.seconds / STACKS) * 1000).toFixed(1)} ms a stack): ` +
    synthVerdict(many, MANY_TARGET),
);
