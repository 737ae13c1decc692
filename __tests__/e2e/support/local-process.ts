// `npm run local` as a user runs it, on a config of the test's choosing: a throwaway project folder
// whose cdktf.json runs the app on TEST_ENVIRONMENTS, and the CLI started there as a child process.
import { type ChildProcess, spawn } from "node:child_process";
import { symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { findProjectRoot } from "../../../constructs/handler-bundle";
import { localClientConfig } from "../../../emulation/emulator";
import type { EnvironmentConfig } from "../../../settings/config";
import { bundleTestEntry } from "../../support/run-app";
import { tempDir } from "../../support/stack";

const root = findProjectRoot();

/** A project folder whose app synthesizes `environments`; DynamoDB Local comes from the real cache. */
export function throwawayProject(environments: EnvironmentConfig[]): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = tempDir("local-project-");
  const app = bundleTestEntry("__tests__/fixtures/app-with-config.ts");
  writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: `node ${app}` }));
  symlinkSync(path.join(root, ".cache"), path.join(dir, ".cache"));
  return { dir, env: { TEST_ENVIRONMENTS: JSON.stringify(environments) } };
}

export class LocalProcess {
  stdout = "";
  stderr = "";
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  private db?: DynamoDBClient;

  constructor(project: { dir: string; env: NodeJS.ProcessEnv }, args: string[] = []) {
    const cli = bundleTestEntry("local/cli.ts", "local-cli.js");
    this.child = spawn(process.execPath, [cli, ...args], {
      cwd: project.dir,
      env: { ...process.env, ...project.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout!.on("data", (chunk) => (this.stdout += chunk));
    this.child.stderr!.on("data", (chunk) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.child.once("exit", (code) => resolve(code)));
  }

  /** Waits for `what` in the output; the default allows for a start (synth, DynamoDB Local) on a loaded machine. */
  async waitFor(what: RegExp, timeoutMs = 90000, count = 1): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const seen = () => (this.stdout.match(new RegExp(what.source, "g")) ?? []).length;
    while (seen() < count) {
      if (Date.now() > deadline || this.child.exitCode !== null)
        throw new Error(`no ${what} in the output:\n${this.stdout}\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  get endpoint(): string {
    const match = /DynamoDB Local: (http:\/\/127\.0\.0\.1:\d+)/.exec(this.stdout);
    if (!match) throw new Error(`no endpoint in the output:\n${this.stdout}`);
    return match[1];
  }

  private client(): DynamoDBClient {
    this.db ??= new DynamoDBClient(localClientConfig(this.endpoint));
    return this.db;
  }

  put(table: string, item: Record<string, unknown>) {
    return this.client().send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
  }

  async get(table: string, key: Record<string, unknown>) {
    return (await this.client().send(new GetItemCommand({ TableName: table, Key: marshall(key) }))).Item;
  }

  /** Sends Ctrl-C; resolves with the exit code and how long the exit took. */
  async interrupt(): Promise<{ code: number | null; ms: number }> {
    this.db?.destroy();
    this.db = undefined;
    const started = Date.now();
    this.child.kill("SIGINT");
    const code = await this.exited;
    return { code, ms: Date.now() - started };
  }
}

/** Whether the process with this id still runs. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The DynamoDB Local process id the CLI says it stopped. */
export function stoppedEmulatorPid(stdout: string): number {
  const match = /DynamoDB Local \(pid (\d+)\)/.exec(stdout);
  if (!match) throw new Error(`the output names no DynamoDB Local it stopped:\n${stdout}`);
  return Number(match[1]);
}
