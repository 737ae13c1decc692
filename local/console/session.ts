// The console beside a running `npm run local`: its own DynamoDB clients on the session's DynamoDB
// Local, the runner's reports turned into cards, and the address to print.
import * as path from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { localClientConfig } from "../../emulation/emulator";
import type { SynthesizedApp } from "../../emulation/synthesized-stacks";
import { findProjectRoot } from "../../settings/project-root";
import type { RunnerReport } from "../runner-reports";
import { cardsOf } from "./cards";
import { startConsole } from "./server";

export interface ConsoleSession {
  readonly url: string;
  /** Set when the port asked for was taken and another was used. */
  readonly portTaken?: number;
  /** Feeds one runner report to the page. */
  report(report: RunnerReport): void;
  /** Says on the page how the last rebuild of the handlers went. */
  build(ok: boolean, text: string): void;
  close(): Promise<void>;
}

export async function startConsoleSession(options: {
  readonly app: SynthesizedApp;
  readonly endpoint: string;
  readonly root: string;
  readonly port?: number;
}): Promise<ConsoleSession> {
  const config = localClientConfig(options.endpoint);
  const db = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const local = path.join(options.root, ".local");
  const running = await startConsole(
    {
      app: options.app,
      db,
      streams,
      folders: { failureFolder: path.join(local, "failures"), locksFolder: path.join(local, "redrive-locks") },
    },
    // The page's files sit beside this module's source, in the template (the bundle runs from .build/).
    { port: options.port, assets: path.join(findProjectRoot(), "local", "console") },
  );
  return {
    url: running.url,
    ...(running.portTaken !== undefined && { portTaken: running.portTaken }),
    report: (report) => {
      for (const card of cardsOf(report)) running.events.add(card);
    },
    build: (ok, text) => running.events.add({ type: "build", ok, text }),
    async close() {
      await running.close();
      db.destroy();
      streams.destroy();
    },
  };
}
