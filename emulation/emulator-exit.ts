// DynamoDB Local dying under the runner (killed, out of memory): said once, in one line, with what was
// lost and what to do, instead of poll errors every 30 s that never name the cause.
import type { ChildProcess } from "node:child_process";

/** Calls `onExit` once, saying how, if `child` exits while `expected()` is false. */
export function onUnexpectedExit(child: ChildProcess, expected: () => boolean, onExit: (how: string) => void): void {
  child.once("exit", (code, signal) => {
    if (!expected()) onExit(signal ? `was killed (${signal})` : `exited with code ${code}`);
  });
}

/** The line `npm run local` prints when DynamoDB Local is gone; it then stops its triggers and exits. */
export function emulatorGoneLine(pid: number, how: string, dbPath?: string): string {
  const data = dbPath
    ? `its tables and items are kept in ${dbPath}`
    : "its tables, items and streams were in memory and are gone";
  const again = dbPath ? "npm run local -- --persist" : "npm run local";
  return `DynamoDB Local (pid ${pid}) ${how}: ${data}. The triggers have stopped; run ${again} again to start it`;
}
