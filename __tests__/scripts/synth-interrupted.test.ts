// Ctrl-C during `npm run synth` must not leave a stack half-written: cdktf removes a stack's previous
// bundle before it copies the new one and writes cdk.tf.json last, so a stop in between left a
// cdk.tf.json zipping a file that was no longer there.
import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { checkout } from "../support/checkout";
import { expectSameFiles, snapshot } from "../support/file-tree";
import { tempDir } from "../support/stack";

// What a stop leaves is a property of the code: the synths are of the sample config, in a checkout, so
// their cost stays the same whatever config/environments.ts holds.
const sample = checkout(path.join(tempDir("synth-interrupted-sample-"), "project"), { sampleConfig: true });

/**
 * Runs npm run synth into `outdir`; with `interrupt`, a SIGINT arrives as the first file is copied or
 * written there (a bundle the previous synth left unchanged is neither).
 */
function synth(outdir: string, interrupt = false) {
  const work = tempDir("synth-interrupted-");
  const hook = path.join(work, "interrupt.js");
  writeFileSync(
    hook,
    `const fs = require("node:fs");
const into = (file) => String(file).startsWith(${JSON.stringify(outdir)});
const copy = fs.copyFileSync;
fs.copyFileSync = function (from, to, ...rest) {
  if (into(to)) process.kill(process.pid, "SIGINT");
  return copy.call(this, from, to, ...rest);
};
const write = fs.writeFileSync;
fs.writeFileSync = function (file, ...rest) {
  if (into(file)) process.kill(process.pid, "SIGINT");
  return write.call(this, file, ...rest);
};
`,
  );
  const preload = interrupt ? ["--require", hook] : [];
  return spawnSync(process.execPath, [...preload, path.join(sample, "scripts", "synth.js"), "--output", outdir], {
    cwd: sample,
    encoding: "utf8",
  });
}

/** Every stack's copy of the handler in `outdir`. */
function assetFiles(outdir: string): string[] {
  const stacks = path.join(outdir, "stacks");
  return readdirSync(stacks).flatMap((stack) => {
    const assets = path.join(stacks, stack, "assets");
    return readdirSync(assets).flatMap((folder) =>
      readdirSync(path.join(assets, folder)).map((hash) => path.join(assets, folder, hash, "index.js")),
    );
  });
}

test.each([
  ["the bundles the previous synth left", false],
  ["bundles to remove and copy again", true],
])("Ctrl-C while npm run synth writes (%s) finishes the output first, then exits 130", (_, stale) => {
  const work = tempDir("synth-interrupted-");
  const whole = path.join(work, "whole");
  const interrupted = path.join(work, "interrupted");
  expect(synth(whole).status).toBe(0);
  expect(synth(interrupted).status).toBe(0);
  if (stale) for (const file of assetFiles(interrupted)) writeFileSync(file, "an older bundle");

  const run = synth(interrupted, true);

  expect({ status: run.status, signal: run.signal }).toEqual({ status: 130, signal: null });
  expectSameFiles(snapshot(interrupted), snapshot(whole));
});

test("Ctrl-C while the app is built exits 130, as a stop does, not 1 as a failed build", () => {
  const work = tempDir("synth-interrupted-");
  const project = checkout(path.join(work, "project"), { sampleConfig: true });
  // A Ctrl-C reaches esbuild too (the whole process group): it ends by the signal, with no status.
  const hook = path.join(work, "stopped-esbuild.js");
  writeFileSync(
    hook,
    `const childProcess = require("node:child_process");
const spawn = childProcess.spawnSync;
childProcess.spawnSync = function (command, ...rest) {
  if (String(command).includes("esbuild")) return { status: null, signal: "SIGINT", stdout: "", stderr: "" };
  return spawn.call(this, command, ...rest);
};
`,
  );
  const run = spawnSync(process.execPath, ["--require", hook, path.join(project, "scripts", "synth.js")], {
    cwd: project,
    encoding: "utf8",
  });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 130, stderr: "" });
});
