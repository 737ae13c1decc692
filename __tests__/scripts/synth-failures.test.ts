// However `npm run synth` fails, it says so in one line and leaves the file system as it found it: a
// config that throws while it loads (named by file, line and column), an output folder that cannot be
// made or written, a second synth into the same folder (which waits for the first).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { checkout } from "../support/checkout";
import { tempDir } from "../support/stack";

const project = checkout(path.join(tempDir("synth-failures-"), "project"), { sampleConfig: true });
const configFile = path.join(project, "config", "environments.ts");
const sampleConfig = readFileSync(configFile, "utf8");

function synth(args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [path.join(project, "scripts", "synth.js"), ...args], {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
}

/** The sample config with `from` replaced by `to`; the 1-based line and column of `mark` in it. */
function configWith(from: string | RegExp, to: string, mark: string): { line: number; column: number } {
  const text = sampleConfig.replace(from, to);
  expect(text).not.toBe(sampleConfig);
  writeFileSync(configFile, text);
  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.includes(mark));
  return { line: line + 1, column: lines[line].indexOf(mark) + 1 };
}

// Restored only when changed: a rewritten config, even unchanged, rebuilds the app's bundle.
afterEach(() => {
  if (readFileSync(configFile, "utf8") !== sampleConfig) writeFileSync(configFile, sampleConfig);
});

describe("a config that throws while it loads", () => {
  test("a name that is not defined is named with the config's file, line and column, and nothing is written", () => {
    const at = configWith(/triggers: \[books, usersPost\]/, "triggers: [books, userPost]", "userPost");
    const run = synth();
    expect(run.stderr).toBe(
      `config/environments.ts:${at.line}:${at.column}: ReferenceError: userPost is not defined\n`,
    );
    expect(run.status).toBe(1);
    expect(existsSync(path.join(project, "cdktf.out"))).toBe(false);
  });

  test("an unset variable read in the config is named the same way", () => {
    const at = configWith(
      'region: "us-east-1",',
      'region: "us-east-1", tags: { extra: process.env.EXTRA!.split(",")[0] },',
      "split",
    );
    const run = synth([], { EXTRA: undefined });
    expect(run.stderr).toBe(
      `config/environments.ts:${at.line}:${at.column}: TypeError: Cannot read properties of undefined (reading 'split')\n`,
    );
    expect(run.status).toBe(1);
    expect(existsSync(path.join(project, "cdktf.out"))).toBe(false);
  });

  test("a thrown value that is not an Error is shown as it is", () => {
    configWith(/^export const environments/m, 'throw "no environments today";\nexport const environments', "throw");
    const run = synth();
    // A thrown string carries no stack to say where.
    expect(run.stderr).toBe('main.ts: the app threw "no environments today"\n');
    expect(run.status).toBe(1);
  });
});

describe("the output folder", () => {
  test("of a refused config is not created, nor are its parents", () => {
    configWith("batchSize: 1,", "batchSize: 0,", "batchSize");
    const parent = path.join(tempDir("synth-refused-"), "new");
    const run = synth(["--output", path.join(parent, "deep", "cdktf.out")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Invalid configuration .*\n {2}- dev\.triggers\[books\]\.batchSize is 0;/);
    expect(existsSync(parent)).toBe(false);
  });

  test("is created with its parents for a valid config", () => {
    const outdir = path.join(tempDir("synth-parents-"), "a", "b", "cdktf.out");
    const run = synth(["--output", outdir]);
    expect([run.status, run.stderr]).toEqual([0, ""]);
    expect(readdirSync(path.join(outdir, "stacks")).length).toBeGreaterThan(0);
  });

  test("named by --output as an existing file is refused in one line, the file untouched", () => {
    const file = path.join(tempDir("synth-file-"), "cdktf.out");
    writeFileSync(file, "keep me");
    const run = synth(["--output", file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `the output folder ${file} cannot be created (EEXIST: a file is in the way; name a folder)\n`,
    );
    expect(readFileSync(file, "utf8")).toBe("keep me");
  });

  test("below a file is refused in one line", () => {
    const file = path.join(tempDir("synth-file-"), "f");
    writeFileSync(file, "");
    const run = synth(["--output", path.join(file, "out")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^the output folder .*\/f\/out cannot be created \(ENOTDIR: a file is in the way/);
  });

  // sysfs refuses new files even to root, as a read-only mount would.
  test.each([
    ["a folder that cannot be written", "/sys/kernel", "written"],
    ["a folder that cannot be created", "/sys/kernel/cdktf.out", "created"],
  ])("in %s is refused in one line, before anything is written", (_, outdir, what) => {
    const run = synth(["--output", outdir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`^the output folder ${outdir} cannot be ${what} \\((EPERM|EACCES|EROFS)\\)\\n$`),
    );
  });
});

describe("two synths into one output folder", () => {
  const { outputLockFile } = require(path.join(project, "scripts", "run-app.js"));

  /** Resolves with the child's stderr once it contains `text`, or rejects when the child ends first. */
  function stderrShows(child: ChildProcess, text: string): Promise<string> {
    let seen = "";
    return new Promise((resolve, reject) => {
      child.stderr!.on("data", (chunk) => {
        seen += chunk;
        if (seen.includes(text)) resolve(seen);
      });
      child.on("exit", (code) => reject(new Error(`ended (exit ${code}) without waiting; stderr: ${seen}`)));
    });
  }

  test("the second waits for the first, saying so, then synthesizes", async () => {
    const outdir = path.join(tempDir("synth-twice-"), "cdktf.out");
    // This test process plays the first synth: it holds the folder's lock.
    const lock = outputLockFile(outdir);
    mkdirSync(path.dirname(lock), { recursive: true });
    writeFileSync(lock, String(process.pid));
    const second = spawn(process.execPath, [path.join(project, "scripts", "synth.js"), "--output", outdir], {
      cwd: project,
    });
    const exited = new Promise<number | null>((resolve) => second.on("exit", resolve));
    try {
      expect(await stderrShows(second, "Waiting for another synth")).toBe(
        `Waiting for another synth (pid ${process.pid}) writing ${outdir}\n`,
      );
      expect(existsSync(outdir)).toBe(false);
    } finally {
      rmSync(lock, { force: true });
    }
    expect(await exited).toBe(0);
    expect(readdirSync(path.join(outdir, "stacks")).length).toBeGreaterThan(0);
    expect(existsSync(lock)).toBe(false);
  });

  test("a lock left by a synth that was killed is taken over", () => {
    const outdir = path.join(tempDir("synth-stale-"), "cdktf.out");
    const lock = outputLockFile(outdir);
    mkdirSync(path.dirname(lock), { recursive: true });
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    writeFileSync(lock, dead);
    const run = synth(["--output", outdir]);
    expect([run.status, run.stderr]).toEqual([0, ""]);
    expect(existsSync(lock)).toBe(false);
  });
});
