// A project for npm run plan / apply to run in, and those commands run against a fake terraform.
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { checkout } from "./checkout";
import { type FakeMode, fakeTerraform } from "./fake-terraform";
import { bundleTestEntry } from "./run-app";
import { tempDir } from "./stack";

const root = findProjectRoot();
const PLANS = path.join(root, "__tests__", "fixtures", "plans");
export const SAFE = path.join(PLANS, "batch-size-1-to-10.plan.json");
export const HAZARD = path.join(PLANS, "stream-view-type-changed.plan.json");
/** The hazards of HAZARD's plan. */
export const TABLE = "aws_dynamodb_table.trigger_table_16E138B7";
export const MAPPING = "aws_lambda_event_source_mapping.trigger_mapping_FA5D31A1";

/** The sample project at a new path, with an allow file accepting `accept` (addresses in books-dev). */
export function planProject(accept: string[] = []): string {
  const dir = checkout(path.join(tempDir("deploy-"), "project"), { sampleConfig: true });
  mkdirSync(path.join(dir, "plan-check"), { recursive: true });
  allow(dir, accept);
  return dir;
}

export function allow(dir: string, addresses: string[]): void {
  const accept = addresses.map((address) => ({ stack: "books-dev", address, reason: "tested" }));
  writeFileSync(path.join(dir, "plan-check", "allow.json"), JSON.stringify({ accept }));
}

const terraform = fakeTerraform();
export const calls = terraform.calls;

export function command(
  entry: "plan" | "apply",
  dir: string,
  args: string[],
  mode: FakeMode = "ok",
  plan = SAFE,
  env: NodeJS.ProcessEnv = {},
): SpawnSyncReturns<string> {
  const bundle = bundleTestEntry(`deploy/${entry}.ts`, `deploy-${entry}.js`);
  const { CHECKPOINT_DISABLE: _, STATE_BUCKET: __, STATE_REGION: ___, ...rest } = process.env;
  return spawnSync(process.execPath, [bundle, ...args], {
    cwd: dir,
    env: { ...rest, ...terraform.env(mode, plan), ...env },
    encoding: "utf8",
  });
}

export const folder = (dir: string) => path.join(dir, "cdktf.out", "stacks", "books-dev");
