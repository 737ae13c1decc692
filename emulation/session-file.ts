// A running `npm run local` announces itself in .local/sessions/<pid>.json (its DynamoDB Local endpoint
// and failure folder), so other commands, such as `npm run redrive -- --local`, can find it. The file
// is removed when the process exits; one left by a killed process is ignored because its pid is gone.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";

export interface LocalSession {
  readonly pid: number;
  readonly endpoint: string;
  /** Where its on-failure messages go: <folder>/<queue name>/. */
  readonly failureFolder: string;
  readonly startedAt: string;
}

export function sessionsFolder(projectRoot: string): string {
  return path.join(projectRoot, ".local", "sessions");
}

/** Records this process as a running local session until it exits. */
export function announceLocalSession(projectRoot: string, session: { endpoint: string; failureFolder: string }): void {
  const folder = sessionsFolder(projectRoot);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${process.pid}.json`);
  const content: LocalSession = { pid: process.pid, ...session, startedAt: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  process.once("exit", () => rmSync(file, { force: true }));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The sessions whose process is still running, oldest first. */
export function runningLocalSessions(projectRoot: string): LocalSession[] {
  const folder = sessionsFolder(projectRoot);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .flatMap((name) => {
      try {
        return [JSON.parse(readFileSync(path.join(folder, name), "utf8")) as LocalSession];
      } catch {
        return []; // being written, or not ours
      }
    })
    .filter((s) => Number.isInteger(s.pid) && typeof s.endpoint === "string" && isAlive(s.pid))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
