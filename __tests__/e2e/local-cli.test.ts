import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import * as path from "node:path";
import { checkout } from "../support/checkout";
import { bundleTestEntry } from "../support/run-app";
import { tempDir } from "../support/stack";
import { alive, stoppedEmulatorPid } from "./support/local-process";

describe("npm run local -- --walkthrough", () => {
  // The sample's books table is what the walkthrough writes to, whatever the user's config holds.
  const root = checkout(path.join(tempDir("local-cli-"), "project"), { sampleConfig: true, emulator: true });
  let cli: string;
  let run: SpawnSyncReturns<string>;

  beforeAll(() => {
    cli = bundleTestEntry("local/cli.ts", "local-cli.js");
    run = spawnSync(process.execPath, [cli, "--walkthrough"], { cwd: root, encoding: "utf8", timeout: 60000 });
  });

  test("exits 0 and says the walkthrough passed", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Walkthrough passed.");
  });

  test("shows the three records the handler received, each as AWS delivers it", () => {
    expect(run.stdout).toMatch(/ok {3}1\. INSERT with NewImage\n/);
    expect(run.stdout).toMatch(/ok {3}2\. MODIFY with NewImage \+ OldImage\n/);
    expect(run.stdout).toMatch(/ok {3}3\. REMOVE with OldImage\n/);
  });

  test("tells the user the endpoint and where failed batches go", () => {
    expect(run.stdout).toMatch(/DynamoDB Local: http:\/\/127\.0\.0\.1:\d+ /);
    expect(run.stdout).toContain("Failed batches are written to .local/failures/<queue or bucket>/");
  });

  test("leaves no DynamoDB Local process of its own behind", () => {
    expect(alive(stoppedEmulatorPid(run.stdout))).toBe(false);
  });

  test("refuses a --table the stacks lack before it starts DynamoDB Local or any trigger", () => {
    const other = spawnSync(process.execPath, [cli, "--walkthrough", "--table", "nosuch-dev"], {
      cwd: root,
      encoding: "utf8",
      timeout: 60000,
    });
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/^local: no table nosuch-dev in the synthesized stacks \(tables: /);
    expect(other.stdout).not.toContain("Starting DynamoDB Local");
  });

  test("runs the second seed on a table keyed user_id/post_id: posts first, then edit, duplicate, delete", () => {
    const second = spawnSync(process.execPath, [cli, "--walkthrough", "--table", "UsersPost-dev"], {
      cwd: root,
      encoding: "utf8",
      timeout: 60000,
    });
    expect(second.stderr).toBe("");
    expect(second.status).toBe(0);
    expect(second.stdout).toContain("Before the trigger starts, UsersPost-dev holds 3 posts by John and Alice.");
    expect(second.stdout).toMatch(/ok {3}1\. MODIFY with NewImage \+ OldImage\n/);
    expect(second.stdout).toMatch(/ok {3}2\. INSERT with NewImage\n/);
    expect(second.stdout).toMatch(/ok {3}3\. REMOVE with OldImage\n/);
    expect(second.stdout).toContain("Walkthrough passed.");
  });

  test("rejects an unknown option with the usage", () => {
    const bad = spawnSync(process.execPath, [cli, "--walkthru"], { cwd: root, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown option "--walkthru"');
    expect(bad.stderr).toContain("Usage: npm run local");
  });
});
