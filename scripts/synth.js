#!/usr/bin/env node
// `npm run synth`: what `cdktf synth` does, without the CLI. The CLI spends about 90% of its 2.5 s
// loading its own modules (most of them for other commands) before it runs cdktf.json's `app`; here the
// app runs in this process, with the environment the CLI gives it, and the CLI's steps around it are
// repeated: stacks no longer synthesized are removed from the output folder, annotations are printed
// and an error annotation fails the synth. `__tests__/scripts/synth.test.ts` checks the output is byte
// for byte the CLI's. `cdktf diff`, `deploy` and `destroy` still go through the CLI and cdktf.json.
const fs = require("node:fs");
const path = require("node:path");
const { failure, parseCommandLine } = require("./command-line");
const { holdStopSignals, runApp, withOutputLock } = require("./run-app");

const USAGE = `Usage: npm run synth [-- --output <dir>]
  --output <dir>, -o <dir>   write the stacks into <dir> (default: cdktf.json's output, else cdktf.out)
  --help, -h                 print this usage`;

const root = path.resolve(__dirname, "..");
const RUNNER = "node scripts/run-app.js";
// The CLI's names, from cdktf's App and Manifest (not imported: loading cdktf here would double its cost).
const CONTEXT_ENV = "CDKTF_CONTEXT_JSON";
const MANIFEST = "manifest.json";
const STACKS = "stacks";

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function readConfig() {
  const file = path.join(root, "cdktf.json");
  try {
    return { output: "cdktf.out", ...JSON.parse(fs.readFileSync(file, "utf8")) };
  } catch (error) {
    return fail(`cannot read ${file}: ${error.message}`);
  }
}

/** The output folder the command line names (undefined: cdktf.json's), or "help". */
function synthOptions(args) {
  const parsed = parseCommandLine(args, { options: { output: { type: "string", short: "o" } }, usage: USAGE });
  if (parsed === "help") return "help";
  return parsed.values.output === undefined ? undefined : path.resolve(parsed.values.output);
}

/** Folders under <outdir>/stacks, as the CLI lists them before it runs the app. */
function stackFolders(outdir) {
  const stacks = path.join(outdir, STACKS);
  if (!fs.existsSync(stacks)) return [];
  return fs
    .readdirSync(stacks)
    .map((name) => path.join(stacks, name))
    .filter((dir) => fs.lstatSync(dir).isDirectory());
}

/** The environment `cdktf synth` runs the app with (cli-core's SynthStack.synth and commons' config). */
function setCliEnvironment(config, outdir) {
  // Terraform variables are for plan and apply only; the CLI hides them from the app.
  for (const key of Object.keys(process.env)) if (key.startsWith("TF_VAR_")) delete process.env[key];
  const context = config.context ?? (process.env[CONTEXT_ENV] ? JSON.parse(process.env[CONTEXT_ENV]) : {});
  const relativeModules = (config.terraformModules ?? []).filter((m) => /^\.\.?\//.test(m.source ?? m));
  process.env[CONTEXT_ENV] = JSON.stringify({ ...context, cdktfRelativeModules: relativeModules });
  process.env.CDKTF_OUTDIR = outdir;
  // The app writes error annotations into the manifest instead of throwing; they are reported below.
  process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
  process.env.SYNTH_HCL_OUTPUT = "false";
}

function readStacks(outdir) {
  const file = path.join(outdir, MANIFEST);
  if (!fs.existsSync(file)) fail(`synthesis failed: the app did not call synth(), so ${file} was not created`);
  return Object.values(JSON.parse(fs.readFileSync(file, "utf8")).stacks);
}

/** Prints annotations as the CLI does; true when one is an error. */
function printAnnotations(stacks) {
  let error = false;
  for (const stack of stacks) {
    for (const a of stack.annotations ?? []) {
      error ||= a.level === "@cdktf/error";
      const level = { "@cdktf/info": "INFO", "@cdktf/warn": "WARN", "@cdktf/error": "ERROR" }[a.level] ?? a.level;
      console.log(`${level} [${a.constructPath}]: ${a.message}`);
      if (a.level === "@cdktf/error" && a.stacktrace) console.log(a.stacktrace.join("\n"));
    }
  }
  return error;
}

function synth(args) {
  let explicit;
  try {
    explicit = synthOptions(args);
  } catch (error) {
    const { code, text } = failure("synth", error);
    process.stderr.write(text);
    process.exit(code);
  }
  if (explicit === "help") return console.log(USAGE);
  const config = readConfig();
  if (config.app !== RUNNER) {
    fail(`cdktf.json's app is "${config.app}"; npm run synth runs "${RUNNER}" only (use npx cdktf synth)`);
  }
  process.chdir(root);
  const outdir = explicit ?? config.output;
  // Not created here: the app creates it (and its parents) once the config is valid, so a refused
  // config writes nothing.
  setCliEnvironment(config, outdir);
  withOutputLock(outdir, () => synthInto(outdir));
}

function synthInto(outdir) {
  const before = stackFolders(outdir);
  runApp();
  if (process.exitCode) return; // the app has said why; the CLI, too, stops before cleaning up

  const stacks = readStacks(outdir);
  if (printAnnotations(stacks)) {
    fail(
      "Error: While synthesizing one or more error annotations have been encountered. Please check the log output above.",
    );
  }
  if (stacks.length === 0) console.error("ERROR: No Terraform code synthesized.");
  const names = new Set(stacks.map((s) => s.name));
  for (const dir of before) if (!names.has(path.basename(dir))) fs.rmSync(dir, { recursive: true });
  console.log(`Generated Terraform code for the stacks: ${stacks.map((s) => s.name).join(", ")}`);
}

holdStopSignals();
synth(process.argv.slice(2));
