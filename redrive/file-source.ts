// The local runner's failure folders: a queue's (.local/failures/<queue>/, one message body per file,
// flat) or a bucket's (.local/failures/<bucket>/<object key>, one object per file, in the key's
// folders). Each is claimed through a lock file (claim-locks.ts) before it is read.

import { type Dirent, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import * as path from "node:path";
import { ClaimLocks } from "../emulation/claim-locks";
import type { ClaimedOnFailureMessage, FailureSource } from "./failure-source";

/** "queue": `*.json` files in the folder; "bucket": every file below it, by key. */
export type FolderLayout = "queue" | "bucket";

const why = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/**
 * Keys below `folder` ("a/b/c"); files being written (`.partial`) are not objects yet. Anything else
 * that is not a folder (a link, say) is listed as an object: reading it says whether it is one.
 */
function objectKeys(folder: string, unreadable: string[], prefix = ""): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(folder, prefix), { withFileTypes: true });
  } catch (error) {
    unreadable.push(`${prefix || "."}: the folder cannot be listed (${why(error)})`);
    return [];
  }
  return entries.flatMap((entry) => {
    const key = `${prefix}${entry.name}`;
    if (entry.isDirectory()) return objectKeys(folder, unreadable, `${key}/`);
    return entry.name.endsWith(".partial") ? [] : [key];
  });
}

export class FileFailureSource implements FailureSource {
  readonly busy: string[] = [];
  readonly unreadable: string[] = [];
  private pending?: string[];
  private readonly locks: ClaimLocks;

  constructor(
    /** The folder standing for the queue or the bucket. */
    private readonly folder: string,
    /** Where the lock files go (claim-locks.ts). */
    locksFolder: string,
    private readonly layout: FolderLayout = "queue",
  ) {
    this.locks = new ClaimLocks(locksFolder);
  }

  get where(): string {
    return this.folder;
  }

  get noun(): "message" | "object" {
    return this.layout === "bucket" ? "object" : "message";
  }

  async next(): Promise<ClaimedOnFailureMessage | undefined> {
    // Listed once: what is parked during the run is left for the next one.
    this.pending ??= this.list();
    for (let id = this.pending.shift(); id !== undefined; id = this.pending.shift()) {
      if (!this.locks.claim(id)) {
        this.busy.push(id);
        continue;
      }
      try {
        return { id, body: readFileSync(this.file(id), "utf8") };
      } catch (error) {
        this.locks.release(id);
        // ENOENT: removed by another redrive between the listing and the lock.
        if (why(error) !== "ENOENT") this.unreadable.push(`${id}: cannot be read (${why(error)})`);
      }
    }
    return undefined;
  }

  async remove(message: ClaimedOnFailureMessage): Promise<void> {
    // The key's folders stay: the runner may be parking into one of them right now.
    rmSync(this.file(message.id), { force: true });
    this.locks.release(message.id);
  }

  async keep(message: ClaimedOnFailureMessage): Promise<void> {
    this.locks.release(message.id);
  }

  async close(): Promise<void> {}

  /** The ids of the parked messages (objects) there now, in stream order. */
  list(): string[] {
    if (!existsSync(this.folder)) return [];
    if (this.layout === "bucket") return objectKeys(this.folder, this.unreadable).sort();
    try {
      return readdirSync(this.folder)
        .filter((name) => name.endsWith(".json"))
        .sort();
    } catch (error) {
      this.unreadable.push(`${this.folder}: the folder cannot be listed (${why(error)})`);
      return [];
    }
  }

  private file(id: string): string {
    return path.join(this.folder, ...id.split("/"));
  }
}
