// cdktf.json's app command keeps a prebuilt bundle of main.ts, and V8's code cache of it; it must never
// synthesize stale code.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { checkout } from "../support/checkout";
import { runAppCommand } from "../support/run-app";
import { tempDir } from "../support/stack";

const batchSizeOf = (project: string) =>
  Object.values<any>(
    JSON.parse(readFileSync(path.join(project, "cdktf.out", "stacks", "books-dev", "cdk.tf.json"), "utf8")).resource
      .aws_lambda_event_source_mapping,
  )[0].batch_size;

describe("the app command", () => {
  const project = checkout(path.join(tempDir("app-command-"), "project"), { sampleConfig: true });
  const bundle = path.join(project, ".build", "app", "main.js");
  const codeCache = path.join(project, ".build", "app", "main.code-cache");
  /** The SHA-256 a code cache starts with: the bundle it was made from. */
  const cachedBundleHash = () => readFileSync(codeCache).subarray(0, 32).toString("hex");
  const bundleHash = () => createHash("sha256").update(readFileSync(bundle)).digest("hex");

  test("builds the bundle on its first run", () => {
    expect(runAppCommand(project, "cdktf.out").status).toBe(0);
    expect(statSync(bundle).size).toBeGreaterThan(0);
    expect(batchSizeOf(project)).toBe(1);
    expect(cachedBundleHash()).toBe(bundleHash());
  });

  test("reuses the bundle when no input changed", () => {
    const built = statSync(bundle).mtimeMs;
    expect(runAppCommand(project, "cdktf.out").status).toBe(0);
    expect(statSync(bundle).mtimeMs).toBe(built);
  });

  test("rebuilds after an edit that keeps the file's size, and synthesizes the edit", () => {
    const config = path.join(project, "config", "environments.ts");
    const text = readFileSync(config, "utf8");
    const edited = text.replace("batchSize: 1,", "batchSize: 7,");
    expect(edited.length).toBe(text.length);
    writeFileSync(config, edited);
    expect(runAppCommand(project, "cdktf.out").status).toBe(0);
    expect(batchSizeOf(project)).toBe(7);
  });

  test("replaces the code cache when the bundle changes, so a cache of another bundle is never used", () => {
    expect(cachedBundleHash()).toBe(bundleHash());
  });

  test("keeps a code cache of its own for the cdktf CLI's Node options, leaving the plain one in use", () => {
    const cli = { NODE_OPTIONS: "--max-old-space-size=16384" };
    const plain = statSync(codeCache).mtimeMs;
    expect(runAppCommand(project, "cdktf.out", cli).status).toBe(0);
    const caches = () => readdirSync(path.dirname(codeCache)).filter((f) => f.endsWith(".code-cache"));
    expect(caches()).toHaveLength(2);
    const own = path.join(path.dirname(codeCache), caches().find((f) => f !== "main.code-cache") as string);
    expect(readFileSync(own).subarray(0, 32).toString("hex")).toBe(bundleHash());
    const made = statSync(own).mtimeMs;
    expect(runAppCommand(project, "cdktf.out").status).toBe(0);
    expect(runAppCommand(project, "cdktf.out", cli).status).toBe(0);
    // Each run found its cache valid, so neither was written again.
    expect([statSync(codeCache).mtimeMs, statSync(own).mtimeMs]).toEqual([plain, made]);
  });

  test("ignores and replaces a code cache whose bundle hash does not match", () => {
    writeFileSync(codeCache, Buffer.concat([Buffer.alloc(32), readFileSync(codeCache).subarray(32)]));
    expect(runAppCommand(project, "cdktf.out").status).toBe(0);
    expect(batchSizeOf(project)).toBe(7);
    expect(cachedBundleHash()).toBe(bundleHash());
  });
});
