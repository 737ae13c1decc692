// The local runner's failure folder (.local/failures/<queue>/), one message body per file. A message is
// claimed by creating <locks>/<file>.lock exclusively, holding the claimer's pid; a lock whose pid is
// gone is taken over. Locks live outside the queue folder, which holds messages only.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { isAlive } from "../local/session-file";
import type { ClaimedMessage, FailureSource } from "./failure-source";

export class FileFailureSource implements FailureSource {
  readonly busy: string[] = [];
  private pending?: string[];

  constructor(
    /** The folder standing for the queue. */
    private readonly folder: string,
    private readonly locks: string,
  ) {}

  get where(): string {
    return this.folder;
  }

  async next(): Promise<ClaimedMessage | undefined> {
    // Listed once: messages parked during the run are left for the next one.
    this.pending ??= existsSync(this.folder)
      ? readdirSync(this.folder)
          .filter((name) => name.endsWith(".json"))
          .sort()
      : [];
    for (let name = this.pending.shift(); name !== undefined; name = this.pending.shift()) {
      if (!this.lock(name)) {
        this.busy.push(name);
        continue;
      }
      try {
        return { id: name, body: readFileSync(path.join(this.folder, name), "utf8") };
      } catch {
        this.unlock(name); // removed by another redrive between the listing and the lock
      }
    }
    return undefined;
  }

  async remove(message: ClaimedMessage): Promise<void> {
    rmSync(path.join(this.folder, message.id), { force: true });
    this.unlock(message.id);
  }

  async keep(message: ClaimedMessage): Promise<void> {
    this.unlock(message.id);
  }

  async close(): Promise<void> {}

  private lockFile(name: string): string {
    return path.join(this.locks, `${name}.lock`);
  }

  private lock(name: string): boolean {
    mkdirSync(this.locks, { recursive: true });
    const file = this.lockFile(name);
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

  private unlock(name: string): void {
    rmSync(this.lockFile(name), { force: true });
  }
}
