import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { readlinkSync } from "node:fs";
import * as path from "node:path";
import { buildSync } from "esbuild";
import { findProjectRoot } from "../../lib/handler-bundle";
import { emulatorDir } from "../../local/emulator";

const root = findProjectRoot();

/** DynamoDB Local processes started from this checkout (others, of other checkouts or tests, run in their own folder). */
function javaPids(): string[] {
  const out = spawnSync("pgrep", ["-f", "DynamoDBLocal.jar"], { encoding: "utf8" }).stdout;
  const ours = (pid: string) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`) === emulatorDir(root);
    } catch {
      return false; // gone meanwhile
    }
  };
  return out.split("\n").filter(Boolean).filter(ours);
}

describe("npm run local -- --walkthrough", () => {
  const cli = path.join(root, ".build", "test", "local-cli.js");
  let run: SpawnSyncReturns<string>;
  let before: string[];
  let after: string[];

  beforeAll(() => {
    buildSync({
      entryPoints: [path.join(root, "local/cli.ts")],
      bundle: true,
      platform: "node",
      packages: "external",
      outfile: cli,
      logLevel: "silent",
    });
    before = javaPids();
    run = spawnSync(process.execPath, [cli, "--walkthrough"], { cwd: root, encoding: "utf8", timeout: 60000 });
    after = javaPids();
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
    expect(after.filter((pid) => !before.includes(pid))).toEqual([]);
  });

  test("rejects an unknown option with the usage", () => {
    const bad = spawnSync(process.execPath, [cli, "--walkthru"], { cwd: root, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown option "--walkthru"');
    expect(bad.stderr).toContain("Usage: npm run local");
  });
});
