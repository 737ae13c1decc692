// The user's app (config/environments.ts), synthesized once per test run by cdktf.json's app command and
// shared by every test of the user's config: the suite's time then grows with the config by one synth,
// not by one synth per test file. Each kind is made by the first test that asks for it, under the run's
// temporary folder (so never stale: a new run synthesizes afresh), and read by the others.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { appStacks } from "./app-config";
import { runAppCommand } from "./run-app";
import type { TerraformJson } from "./stack";

/** The S3 backend the "s3" synth is made with: no key prefix, so each stack's key is under its project. */
export const SHARED_STATE = { bucket: "acme-terraform-state", region: "eu-west-1" } as const;

const ENV = {
  local: { STATE_BUCKET: "", STATE_REGION: "", STATE_KEY_PREFIX: "", STATE_LOCK_TABLE: "" },
  s3: {
    STATE_BUCKET: SHARED_STATE.bucket,
    STATE_REGION: SHARED_STATE.region,
    STATE_KEY_PREFIX: "",
    STATE_LOCK_TABLE: "",
  },
} as const;

/** "local": state on disk, as with no STATE_* settings; "s3": the SHARED_STATE backend. */
export type AppSynthKind = keyof typeof ENV;

export interface AppSynth {
  /** The output folder, as `npm run synth` leaves it; read it, never write into it. */
  readonly outdir: string;
  /** Every stack's cdk.tf.json, by name, in config order, without cdktf's "//" metadata (as Testing.synth). */
  readonly stacks: ReadonlyMap<string, TerraformJson>;
}

// A worker waiting for another's synth checks this often, for at most this long.
const POLL_MS = 100;
const WAIT_MS = 10 * 60 * 1000;

const read = new Map<AppSynthKind, AppSynth>();

/** The user's app synthesized as `kind`: once per test run, whichever test file asks first. */
export function appSynth(kind: AppSynthKind = "local"): AppSynth {
  const known = read.get(kind);
  if (known) return known;
  const outdir = synthesizedOnce(kind);
  const stacks = new Map(
    appStacks.map(({ name }) => [
      name,
      JSON.parse(readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8"), withoutMetadata),
    ]),
  );
  const synth = { outdir, stacks };
  read.set(kind, synth);
  return synth;
}

function withoutMetadata(key: string, value: unknown): unknown {
  return key === "//" ? undefined : value;
}

/** Synthesizes into the run's folder for `kind` unless another test file did or is doing so; waits for it. */
function synthesizedOnce(kind: AppSynthKind): string {
  const base = path.join(
    process.env.STREAM_TRIGGER_TEST_TMP ?? path.join(findProjectRoot(), ".build", "test"),
    "app-synth",
  );
  const outdir = path.join(base, kind);
  const done = `${outdir}.done.json`;
  mkdirSync(base, { recursive: true });
  if (claim(`${outdir}.lock`)) {
    rmSync(outdir, { recursive: true, force: true });
    const run = runAppCommand(findProjectRoot(), outdir, ENV[kind]);
    // Written whole, then renamed: a waiting worker never reads half of it.
    writeFileSync(`${done}.part`, JSON.stringify({ status: run.status, stderr: run.stderr }));
    renameSync(`${done}.part`, done);
  }
  const deadline = Date.now() + WAIT_MS;
  while (!existsSync(done)) {
    if (Date.now() > deadline) throw new Error(`the shared ${kind} synth did not finish in ${WAIT_MS / 1000} s`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, POLL_MS);
  }
  const { status, stderr } = JSON.parse(readFileSync(done, "utf8"));
  if (status !== 0) throw new Error(`the shared ${kind} synth of config/environments.ts failed (${status}): ${stderr}`);
  return outdir;
}

/** True for the one caller that creates the lock folder: mkdir is atomic across processes. */
function claim(lock: string): boolean {
  try {
    mkdirSync(lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}
