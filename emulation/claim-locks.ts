// One holder at a time, among processes run from this checkout (a redrive per parked message or object,
// one persisted session per .local/dynamodb): a claim is a lock file created exclusively in a folder of
// its own, holding the claimer's pid; a lock whose pid is gone (its process died) is taken over.

import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { isAlive } from "./session-file";

export class ClaimLocks {
  constructor(
    /** Outside the folder of what is claimed, which holds messages or objects only. */
    readonly folder: string,
  ) {}

  /** True when this process now holds the claim; false when a live process does. */
  claim(id: string): boolean {
    mkdirSync(this.folder, { recursive: true });
    const file = this.lockFile(id);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(file, String(process.pid), { flag: "wx" });
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        if (this.heldByLiveProcess(file)) return false;
        rmSync(file, { force: true }); // its holder died mid-replay
      }
    }
    return false;
  }

  /** The pid written in the claim's lock file, if any. */
  holder(id: string): number | undefined {
    try {
      const pid = Number(readFileSync(this.lockFile(id), "utf8").trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  release(id: string): void {
    rmSync(this.lockFile(id), { force: true });
  }

  /** An object key holds slashes: encoded, every id is one file name (a queue file's name stays as it is). */
  private lockFile(id: string): string {
    return path.join(this.folder, `${encodeURIComponent(id)}.lock`);
  }

  private heldByLiveProcess(file: string): boolean {
    try {
      const holder = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(holder) && holder > 0) return isAlive(holder);
      // Empty: created but its pid not written yet, unless it has stayed so for a while.
      return Date.now() - statSync(file).mtimeMs < 10_000;
    } catch {
      return false; // released meanwhile
    }
  }
}
