#!/usr/bin/env node
// How the unit suite's time grows with the user's config: `jest --selectProjects unit` in a copy of the
// project holding the sample config (4 stacks), then in one holding 150 (bench/many-stacks.js), side by
// side, with the growth per stack and the test files that grow most. Each copy is the working tree as it
// is (uncommitted changes included), with its own git index for the tests that list tracked files;
// config/environments.ts here is never touched. The suites run one after the other, never together.
const { spawnSync } = require("node:child_process");
const { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { failure, parseCommandLine } = require("../scripts/command-line");
const { manyStacksConfig, STACKS } = require("./many-stacks");
const { peakMemoryTimer } = require("./synth-memory");

const USAGE = `Usage: npm run bench:tests [-- --keep]
  --keep       keep the two copies (their paths are printed) and jest's JSON reports in them
  --help, -h   print this usage`;

function options(argv) {
  try {
    const parsed = parseCommandLine(argv, { options: { keep: { type: "boolean" } }, usage: USAGE });
    if (parsed === "help") {
      console.log(USAGE);
      process.exit(0);
    }
    return { keep: parsed.values.keep === true };
  } catch (error) {
    const { code, text } = failure("bench:tests", error);
    process.stderr.write(text);
    process.exit(code);
  }
}

const root = path.resolve(__dirname, "..");
const { keep } = options(process.argv.slice(2));
// The per-stack growth issue 21 allows the unit suite.
const TARGET_PER_STACK = 0.05;
const timeBinary = peakMemoryTimer();

/** The sample config as config/environments.ts holds it (the fixture exports it under another name). */
function sampleConfig() {
  return readFileSync(path.join(root, "__tests__", "fixtures", "sample-environments.ts"), "utf8")
    .replace('"../../settings/config"', '"../settings/config"')
    .replace("sampleEnvironments", "environments");
}

/** A copy of the working tree with `config` as config/environments.ts; returns its path. */
function projectWith(config, label) {
  const at = mkdtempSync(path.join(os.tmpdir(), `bench-tests-${label}-`));
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    mkdirSync(path.dirname(path.join(at, file)), { recursive: true });
    try {
      cpSync(path.join(root, file), path.join(at, file));
    } catch (error) {
      // A file deleted but not yet staged is listed and gone: the copy leaves it out too.
      if (error.code !== "ENOENT") throw error;
    }
  }
  symlinkSync(path.join(root, "node_modules"), path.join(at, "node_modules"), "dir");
  writeFileSync(path.join(at, "config", "environments.ts"), config);
  for (const args of [
    ["init", "-q"],
    ["add", "-A"],
  ])
    spawnSync("git", args, { cwd: at });
  return at;
}

/** Runs the unit suite in `project`: wall and CPU seconds (CPU of every process it waited for), tests, files. */
function unitSuite(project) {
  const report = path.join(project, "jest-report.json");
  const jest = [process.execPath, path.join(root, "node_modules", "jest", "bin", "jest.js")];
  const args = [...jest, "--selectProjects", "unit", "--json", `--outputFile=${report}`];
  const command = timeBinary ? [timeBinary, "-f", "__cpu=%U+%S", ...args] : args;
  const started = process.hrtime.bigint();
  const run = spawnSync(command[0], command.slice(1), { cwd: project, encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = /__cpu=([\d.]+)\+([\d.]+)/.exec(run.stderr);
  const json = JSON.parse(readFileSync(report, "utf8"));
  const files = new Map(
    json.testResults.map((r) => [path.relative(project, r.name), (r.endTime - r.startTime) / 1000]),
  );
  return {
    seconds,
    cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : Number.NaN,
    tests: json.numTotalTests,
    failed: json.numFailedTests,
    files,
  };
}

const rows = [
  { label: "sample", stacks: 4, config: sampleConfig() },
  { label: `${STACKS} stacks`, stacks: STACKS, config: manyStacksConfig() },
];
const projects = [];
process.on("exit", () => {
  if (!keep) for (const at of projects) rmSync(at, { recursive: true, force: true });
});
for (const row of rows) {
  const at = projectWith(row.config, row.stacks);
  projects.push(at);
  process.stderr.write(`running the unit suite at ${row.stacks} stacks in ${at} ...\n`);
  Object.assign(row, unitSuite(at));
}

const pad = (text, width) => String(text).padStart(width);
console.log(
  `${"config".padEnd(12)}${pad("stacks", 8)}${pad("wall s", 9)}${pad("cpu s", 9)}${pad("tests", 8)}${pad("failed", 8)}`,
);
for (const r of rows)
  console.log(
    `${r.label.padEnd(12)}${pad(r.stacks, 8)}${pad(r.seconds.toFixed(1), 9)}${pad(r.cpu.toFixed(1), 9)}${pad(r.tests, 8)}${pad(r.failed, 8)}`,
  );
const [small, large] = rows;
const per = (key) => (large[key] - small[key]) / (large.stacks - small.stacks);
const verdict = per("cpu") <= TARGET_PER_STACK ? "met" : "NOT met";
console.log(
  `growth per stack: ${per("seconds").toFixed(3)} s wall, ${per("cpu").toFixed(3)} s CPU ` +
    `(target <= ${TARGET_PER_STACK} s: ${verdict} on CPU time, which a loaded machine swells least)`,
);
console.log("\ntest files growing most (wall s, each file's own run):");
const growth = [...large.files]
  .map(([file, s]) => ({ file, small: small.files.get(file) ?? 0, large: s }))
  .sort((a, b) => b.large - b.small - (a.large - a.small))
  .slice(0, 8);
for (const g of growth)
  console.log(`  ${g.file.padEnd(52)}${pad(g.small.toFixed(1), 7)} -> ${pad(g.large.toFixed(1), 7)}`);
if (keep) console.log(`\nkept: ${projects.join(" ")}`);
if (rows.some((r) => r.failed > 0)) process.exitCode = 1;
