#!/usr/bin/env node
// cdktf.json's `app`: runs main.ts as one esbuild bundle holding cdktf and the providers, rebuilt only
// when one of the files it was built from changed (size or modification time, as make decides).
// Loading one prebuilt file is about twice as fast as resolving hundreds of modules, and type checking
// is left to `tsc --noEmit`.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const outdir = path.join(root, ".build", "app");
const bundle = path.join(outdir, "main.js");
const stampFile = path.join(outdir, "inputs.json");
const ARGS = ["main.ts", "--bundle", "--minify", "--platform=node", "--target=node20", "--log-level=warning"];

function stat(file) {
  try {
    const s = fs.statSync(path.join(root, file));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return "missing";
  }
}

function upToDate() {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile, "utf8"));
  } catch {
    return false;
  }
  if (JSON.stringify(stamp.args) !== JSON.stringify(ARGS) || !fs.existsSync(bundle)) return false;
  return Object.entries(stamp.inputs).every(([file, seen]) => stat(file) === seen);
}

function esbuildBinary() {
  const native = path.join(root, "node_modules", "@esbuild", `${process.platform}-${process.arch}`, "bin", "esbuild");
  return fs.existsSync(native) ? native : path.join(root, "node_modules", ".bin", "esbuild");
}

function build() {
  fs.mkdirSync(outdir, { recursive: true });
  // Written aside and renamed: parallel synths (test workers) never read a half-written bundle.
  const id = `${process.pid}.${Date.now()}`;
  const temporary = path.join(outdir, `main.${id}.js`);
  const meta = path.join(outdir, `meta.${id}.json`);
  const run = spawnSync(esbuildBinary(), [...ARGS, `--outfile=${temporary}`, `--metafile=${meta}`], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  const inputs = Object.keys(JSON.parse(fs.readFileSync(meta, "utf8")).inputs).sort();
  fs.rmSync(meta);
  const stamp = { args: ARGS, inputs: Object.fromEntries(inputs.map((file) => [file, stat(file)])) };
  fs.renameSync(temporary, bundle);
  fs.writeFileSync(`${stampFile}.${id}`, JSON.stringify(stamp));
  fs.renameSync(`${stampFile}.${id}`, stampFile);
}

if (!upToDate()) build();
require(bundle);
