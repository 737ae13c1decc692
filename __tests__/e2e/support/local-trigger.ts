// Synthesizes a config, runs it against the shared DynamoDB Local with the local trigger runner, and
// collects what every invocation received, answered and logged.

import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import {
  DeleteItemCommand,
  DeleteTableCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";
import { synthesizeApp } from "../../../constructs/app";
import { localClientConfig } from "../../../emulation/emulator";
import { readSynthesizedApp } from "../../../emulation/synthesized-stacks";
import { type RunningLocalApp, startLocalApp } from "../../../local/local-app";
import type { InvocationReport, ParkedReport, RunnerReport } from "../../../local/runner-reports";
import type { EnvironmentConfig, TriggerConfig } from "../../../settings/config";
import { tempDir } from "../../support/stack";

export type LogLine = Record<string, any>;

export function endpoint(): string {
  const value = process.env.DYNAMODB_LOCAL_ENDPOINT;
  if (!value)
    throw new Error("DYNAMODB_LOCAL_ENDPOINT is not set: the e2e project's global set-up starts DynamoDB Local");
  return value;
}

/** A table name no other test uses: every test shares one emulator. */
export function uniqueName(base: string): string {
  return `${base}${randomBytes(3).toString("hex")}`;
}

/** A books-shaped trigger (author / bookTitle, as in the first seed) on a table no other test uses. */
export function booksTrigger(base: string, overrides: Partial<TriggerConfig> = {}): TriggerConfig {
  return {
    tableName: uniqueName(base),
    partitionKey: { name: "author" },
    sortKey: { name: "bookTitle" },
    ...overrides,
  };
}

/** A book item numbered `n`, for the books-shaped trigger. */
export const book = (n: number, extra: Record<string, unknown> = {}) => ({
  author: `Author ${n}`,
  bookTitle: `Title ${n}`,
  ...extra,
});

export class LocalTrigger {
  readonly reports: RunnerReport[] = [];
  readonly db = new DynamoDBClient(localClientConfig(endpoint()));
  private running?: RunningLocalApp;
  readonly tableName: string;
  readonly failureFolder: string;
  /** Where the stack is synthesized to (cdktf.out). */
  readonly outdir = path.join(tempDir("e2e-synth-"), "cdktf.out");

  constructor(readonly trigger: TriggerConfig) {
    // An existing or adopted table is named exactly; a new one gets the environment's suffix.
    const exact = trigger.tableSource === "existing" || trigger.tableSource === "adopt";
    this.tableName = exact ? trigger.tableName : `${trigger.tableName}-e2e`;
    this.failureFolder = path.join(tempDir("failures-"), "failures");
  }

  async start(): Promise<this> {
    const outdir = this.outdir;
    const environment: EnvironmentConfig = {
      environment: "e2e",
      project: "e2e",
      region: "eu-west-1",
      triggers: [this.trigger],
    };
    const lines: string[] = [];
    if (synthesizeApp([environment], { outdir, stderr: (l) => lines.push(l) }).exitCode !== 0)
      throw new Error(lines.join("\n"));
    this.running = await startLocalApp({
      endpoint: endpoint(),
      app: readSynthesizedApp(outdir),
      failureFolder: this.failureFolder,
      onReport: (report) => this.reports.push(report),
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
    this.db.destroy();
  }

  /** Stops the runner and deletes the table, its stream with it: nothing can be read from it any more. */
  async deleteTable(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
    await this.db.send(new DeleteTableCommand({ TableName: this.tableName }));
  }

  put(item: Record<string, unknown>) {
    return this.db.send(new PutItemCommand({ TableName: this.tableName, Item: marshall(item) }));
  }

  update(key: Record<string, unknown>, set: Record<string, unknown>) {
    const names = Object.keys(set);
    return this.db.send(
      new UpdateItemCommand({
        TableName: this.tableName,
        Key: marshall(key),
        UpdateExpression: `SET ${names.map((_, i) => `#n${i} = :v${i}`).join(", ")}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#n${i}`, n])),
        ExpressionAttributeValues: marshall(Object.fromEntries(names.map((n, i) => [`:v${i}`, set[n]]))),
      }),
    );
  }

  delete(key: Record<string, unknown>) {
    return this.db.send(new DeleteItemCommand({ TableName: this.tableName, Key: marshall(key) }));
  }

  get invocations(): InvocationReport[] {
    return this.reports.filter((r): r is InvocationReport => r.kind === "invocation");
  }

  get parked(): ParkedReport[] {
    return this.reports.filter((r): r is ParkedReport => r.kind === "parked");
  }

  /** Every JSON line the handler logged, in order. */
  get logLines(): LogLine[] {
    return this.invocations.flatMap((i) => i.result.logs.map((l) => JSON.parse(l) as LogLine));
  }

  /** The handler's per-record lines (the default handler logs one per change). */
  get changeLines(): LogLine[] {
    return this.logLines.filter((l) => typeof l.message === "string" && l.message.startsWith("item "));
  }

  /** The on-failure messages written to the local failure folder. */
  failureMessages(): Record<string, any>[] {
    if (!existsSync(this.failureFolder)) return [];
    return readdirSync(this.failureFolder).flatMap((queue) =>
      readdirSync(path.join(this.failureFolder, queue)).map((f) =>
        JSON.parse(readFileSync(path.join(this.failureFolder, queue, f), "utf8")),
      ),
    );
  }

  async waitFor(what: string, condition: () => boolean, timeoutMs = 20000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${what}; reports: ${JSON.stringify(this.reports.slice(-3)).slice(0, 2000)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
