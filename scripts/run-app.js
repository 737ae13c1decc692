#!/usr/bin/env node
// cdktf.json's `app`, also run in-process by `npm run synth` (scripts/synth.js): runs main.ts as one
// esbuild bundle holding cdktf and the providers, rebuilt only when one of the files it was built from
// changed (size or modification time, as make decides).
// Loading one prebuilt file is about twice as fast as resolving hundreds of modules, and type checking
// is left to `tsc --noEmit`.
const { spawnSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const os = require("node:os");
const path = require("node:path");
const vm = require("node:vm");
const { describeThrown } = require("./thrown-at");

const root = path.resolve(__dirname, "..");
const outdir = path.join(root, ".build", "app");
const bundle = path.join(outdir, "main.js");
const sourceMap = `${bundle}.map`;
const stampFile = path.join(outdir, "inputs.json");
// V8 rejects a code cache made under other flags, and the cdktf CLI runs the app with
// NODE_OPTIONS=--max-old-space-size=16384: one cache shared with `npm run synth` was rejected and
// rewritten by each in turn. Each set of Node options keeps a cache of its own.
function codeCacheName() {
  const options = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" ").trim();
  if (options === "") return "main.code-cache";
  return `main.${createHash("sha256").update(options).digest("hex").slice(0, 16)}.code-cache`;
}
const codeCacheFile = path.join(outdir, codeCacheName());
// The source map is read only when the app throws, to name the line of config or code that threw.
// cdktf's JSON writer is swapped for an equivalent one, and archiver for a module loading it when first
// used (constructs/stable-stringify.ts and lazy-archiver.ts say why).
const ARGS = [
  "main.ts",
  "--bundle",
  "--minify",
  "--sourcemap=external",
  "--platform=node",
  "--target=node20",
  "--log-level=warning",
  "--alias:json-stable-stringify=./constructs/stable-stringify.ts",
  "--alias:archiver=./constructs/lazy-archiver.ts",
];

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
  if (JSON.stringify(stamp.args) !== JSON.stringify(ARGS) || !fs.existsSync(bundle) || !fs.existsSync(sourceMap))
    return false;
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
  // esbuild has printed why; one stopped by a signal (a Ctrl-C reaches it too) ends the synth as that signal.
  if (run.signal) process.exit(128 + os.constants.signals[run.signal]);
  if (run.status !== 0) process.exit(run.status ?? 1);
  const inputs = Object.keys(JSON.parse(fs.readFileSync(meta, "utf8")).inputs).sort();
  fs.rmSync(meta);
  const stamp = { args: ARGS, inputs: Object.fromEntries(inputs.map((file) => [file, stat(file)])) };
  fs.renameSync(`${temporary}.map`, sourceMap);
  fs.renameSync(temporary, bundle);
  fs.writeFileSync(`${stampFile}.${id}`, JSON.stringify(stamp));
  fs.renameSync(`${stampFile}.${id}`, stampFile);
}

// V8's code cache of the bundle, taken after a run so that it holds every function the synth compiled:
// with it, loading and compiling the bundle takes about 45 ms less (a third of the app's own time).
// V8 checks a cache against the source's length only, so the file starts with the SHA-256 of the bundle
// it was made from, and a cache of any other bundle is never used.
function readCodeCache(hash) {
  try {
    const file = fs.readFileSync(codeCacheFile);
    return file.subarray(0, hash.length).equals(hash) ? file.subarray(hash.length) : undefined;
  } catch {
    return undefined;
  }
}

function writeCodeCache(hash, data) {
  const temporary = `${codeCacheFile}.${process.pid}.${Date.now()}`;
  fs.writeFileSync(temporary, Buffer.concat([hash, data]));
  fs.renameSync(temporary, codeCacheFile);
}

/** Runs the bundle as require() would, compiling it with the code cache when there is a valid one. */
function runBundle() {
  const source = fs.readFileSync(bundle, "utf8");
  const hash = createHash("sha256").update(source).digest();
  const cachedData = readCodeCache(hash);
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const module = new Module(bundle, null);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(outdir);
  try {
    script
      .runInThisContext()
      .call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, outdir);
  } catch (error) {
    throw new AppError(describeThrown(error, { bundle, root, fallback: "main.ts" }));
  }
  if (!cachedData || script.cachedDataRejected) writeCodeCache(hash, script.createCachedData());
}

/** The app threw: `message` is the one line to print (where, and what). */
class AppError extends Error {}

// cdktf removes a stack's previous bundle before it copies the new one, and writes cdk.tf.json last: a
// stop in between leaves a cdk.tf.json zipping a file that is gone. The synth is synchronous and takes a
// fraction of a second, so a Ctrl-C (or kill) is answered once it has written everything, with the exit
// code the signal would have given.
function holdStopSignals() {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => process.exit(128 + os.constants.signals[signal]));
  }
  // Signal listeners do not keep Node running: one turn of the event loop after the synth delivers a
  // signal that arrived during it.
  setImmediate(() => {});
}

/**
 * Synthesizes: runs the bundle of main.ts in this process, rebuilding it first when it is stale.
 * Whatever the app throws is printed as one line (see describeThrown), with exit code 1.
 */
function runApp() {
  if (!upToDate()) build();
  try {
    runBundle();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}

/** The lock file of one output folder (in .build: the folder itself may not exist yet). */
function outputLockFile(outdir) {
  const id = createHash("sha256").update(path.resolve(outdir)).digest("hex").slice(0, 16);
  return path.join(root, ".build", "locks", `synth-${id}.lock`);
}

function lockHolder(lock) {
  try {
    return fs.readFileSync(lock, "utf8");
  } catch {
    return undefined; // released meanwhile
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/**
 * Runs `run` while holding the output folder's lock: two synths into one folder (two terminals, a
 * synth beside `npm run local`) would delete each other's files, as cdktf empties a stack's folder
 * before writing it. The second waits, saying so, then synthesizes. A lock whose process is gone
 * (killed) is taken over.
 */
function withOutputLock(outdir, run) {
  const lock = outputLockFile(outdir);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let waited = 0;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    const holder = lockHolder(lock);
    if (holder === undefined) continue;
    const pid = Number(holder);
    // An empty file is a lock being written; one still empty after a few seconds was left by a crash.
    const stale = Number.isInteger(pid) && pid > 0 ? !isRunning(pid) : waited > 50;
    if (stale) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (waited === 0) process.stderr.write(`Waiting for another synth (pid ${holder || "?"}) writing ${outdir}\n`);
    waited++;
    Atomics.wait(pause, 0, 0, 100);
  }
  // Released however this process ends: a failed synth exits from inside `run`.
  const release = () => fs.rmSync(lock, { force: true });
  process.once("exit", release);
  try {
    return run();
  } finally {
    release();
    process.removeListener("exit", release);
  }
}

module.exports = { runApp, holdStopSignals, withOutputLock, outputLockFile };
if (require.main === module) {
  holdStopSignals();
  withOutputLock(process.env.CDKTF_OUTDIR ?? "cdktf.out", runApp);
}
