#!/usr/bin/env node
// `npm run diff|deploy|destroy`: the cdktf CLI (or CDK Terrain's, cdktn-cli), when it can start here. cdktf-cli is an optional
// dependency: it loads a native module (@cdktf/node-pty-prebuilt-multiarch) at start-up, which ships
// prebuilt binaries for Node up to 22 only. On Node 24 without a C compiler its install fails and npm
// leaves the CLI out rather than failing `npm ci`; then these commands say so in one line and what to run
// instead, where the CLI itself would die with a stack trace. Telemetry is off unless asked for
// (CHECKPOINT_DISABLE=1): offline, the CLI's check-point call only adds an error to the output.
// Usage: node scripts/cdktf-cli.js <cdktf command> [its arguments]
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const PTY = "@cdktf/node-pty-prebuilt-multiarch";
const INSTEAD = "npm run plan -- <stack> and npm run apply -- <stack> need no CLI";

// The CLIs this project can run: CDK Terrain's (after npm run migrate:cdktn; no native module) first.
const CLIS = [
  { name: "cdktn-cli", bin: ["bin", "cdktn"], native: undefined },
  { name: "cdktf-cli", bin: ["bundle", "bin", "cdktf"], native: PTY },
];

/** The installed CLI, its folder and its start-up file, or undefined when npm left it out. */
function installedCli(from = root) {
  for (const cli of CLIS) {
    try {
      const folder = path.dirname(require.resolve(`${cli.name}/package.json`, { paths: [from] }));
      return { ...cli, folder, file: path.join(folder, ...cli.bin) };
    } catch {}
  }
  return undefined;
}

/** The installed CLI's start-up file (run it with node), or undefined. */
function cliBin(from = root) {
  return installedCli(from)?.file;
}

/** Whether the native module's package ships a binary for this Node (its ABI), as its loader looks for it. */
function hasPrebuild(ptyFolder) {
  const musl = process.platform === "linux" && fs.existsSync("/etc/alpine-release") ? ".musl" : "";
  const name = `node.abi${process.versions.modules}${musl}.node`;
  return fs.existsSync(path.join(ptyFolder, "prebuilds", `${process.platform}-${process.arch}`, name));
}

/**
 * Why the cdktf CLI cannot start with this Node, in one line, or undefined when it can. `prebuilt` says
 * whether its package has a binary for this Node: when it has, a failure is a broken install, not a
 * missing compiler.
 * @returns {{ reason: string, prebuilt: boolean } | undefined}
 */
function cliProblem(from = root) {
  const cli = installedCli(from);
  const node = `Node ${process.version}`;
  if (!cli) {
    return {
      reason: `the cdktf CLI is not installed (npm leaves out the optional cdktf-cli when its native module ${PTY} has no prebuilt binary for ${node} and cannot be compiled)`,
      prebuilt: false,
    };
  }
  if (cli.native === undefined) return undefined;
  let pty;
  try {
    pty = path.dirname(require.resolve(`${PTY}/package.json`, { paths: [cli.folder] }));
  } catch {
    return { reason: `the cdktf CLI is installed without its native module ${PTY}; run npm ci`, prebuilt: false };
  }
  // In a child: a binary built for another Node's ABI must not take this process down.
  const load = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(pty)})`], { encoding: "utf8" });
  if (load.status === 0) return undefined;
  const prebuilt = hasPrebuild(pty);
  const why = prebuilt
    ? `its native module ${PTY} does not load (${firstLine(load.stderr)}); run npm ci`
    : `its native module ${PTY} has no prebuilt binary for ${node} (ABI ${process.versions.modules}) and was not compiled for it`;
  return { reason: `the cdktf CLI cannot start: ${why}`, prebuilt };
}

function firstLine(text) {
  const line = (text ?? "").split("\n").find((l) => /Error|error/.test(l)) ?? "";
  return line.trim().slice(0, 200) || "no error text";
}

function main(args) {
  const [command] = args;
  const problem = cliProblem();
  if (problem) {
    process.stderr.write(
      `npm run ${command}: ${problem.reason}. ${INSTEAD}; or use Node 22 (.nvmrc) and run npm ci; or move to CDK Terrain (npm run migrate:cdktn), whose CLI has no native module\n`,
    );
    process.exit(1);
  }
  const bin = cliBin();
  const env = { CHECKPOINT_DISABLE: "1", ...process.env };
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: "inherit", env });
  if (run.error) {
    process.stderr.write(`npm run ${command}: cannot run the cdktf CLI: ${run.error.message}\n`);
    process.exit(1);
  }
  process.exit(run.status ?? 1);
}

if (require.main === module) main(process.argv.slice(2));

module.exports = { cliBin, cliProblem };
