import { existsSync } from "node:fs";
import * as path from "node:path";
import { synthesizeApp } from "../../constructs/app";
import type { EnvironmentConfig } from "../../settings/config";
import { INVALID_CASES } from "../support/invalid-configs";
import { runEntry } from "../support/run-app";
import { devEnvironment, tempDir } from "../support/stack";

describe("synthesizing an invalid config", () => {
  test.each(INVALID_CASES)("with $what fails with its message and writes nothing", ({ environments, message }) => {
    const outdir = path.join(tempDir("invalid-"), "cdktf.out");
    const lines: string[] = [];
    const result = synthesizeApp(environments as EnvironmentConfig[], { outdir, stderr: (line) => lines.push(line) });
    expect(result.exitCode).toBe(1);
    expect(lines).toEqual([`Invalid configuration: ${message}`]);
    expect(existsSync(outdir)).toBe(false);
  });
});

describe("synthesizing with half-given backend settings", () => {
  test("fails naming the missing setting, and writes nothing", () => {
    const outdir = path.join(tempDir("half-backend-"), "cdktf.out");
    const lines: string[] = [];
    const result = synthesizeApp([devEnvironment()], {
      outdir,
      stderr: (l) => lines.push(l),
      env: { STATE_BUCKET: "acme-state" },
    });
    expect(result.exitCode).toBe(1);
    expect(lines).toEqual([
      "Invalid configuration: STATE_REGION is not set, but STATE_BUCKET is; the S3 backend needs STATE_BUCKET and STATE_REGION (set neither for local state)",
    ]);
    expect(existsSync(outdir)).toBe(false);
  });
});

describe("the synth process", () => {
  test("exits non-zero on an invalid config, printing the message to stderr and writing nothing", () => {
    const outdir = path.join(tempDir("invalid-process-"), "cdktf.out");
    const run = runEntry("__tests__/fixtures/app-with-config.ts", outdir, {
      TEST_ENVIRONMENTS: JSON.stringify([devEnvironment({}, { batchSize: 0 })]),
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "Invalid configuration: dev.triggers[books].batchSize is 0; allowed: an integer from 1 to 10,000",
    );
    expect(existsSync(outdir)).toBe(false);
  });

  test("exits zero on a valid config and writes the stack", () => {
    const outdir = path.join(tempDir("valid-process-"), "cdktf.out");
    const run = runEntry("__tests__/fixtures/app-with-config.ts", outdir, {
      TEST_ENVIRONMENTS: JSON.stringify([devEnvironment()]),
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(existsSync(path.join(outdir, "stacks", "books-dev", "cdk.tf.json"))).toBe(true);
  });
});
