// Where each trigger has read up to, kept in a JSON file so that `npm run local -- --persist` resumes
// after a restart as a deployed mapping does: from the record after its checkpoint.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { RETRY_BACKOFF, retryDelayMs } from "./retry-policy";

export interface Checkpoints {
  get(functionName: string, streamArn: string, shardId: string): string | undefined;
  set(functionName: string, streamArn: string, shardId: string, sequenceNumber: string): void;
  flush(): void;
}

export interface CheckpointFileOptions {
  /** Writes the file's text; a test makes it fail as a full disk does. */
  readonly write?: (file: string, text: string) => void;
  /** Told once, in one line, when saving starts failing; the runner carries on. */
  readonly onError?: (line: string) => void;
}

/** Keyed by function, stream ARN and shard: a recreated table has a new stream ARN and starts afresh. */
export class CheckpointFile implements Checkpoints {
  private readonly entries: Record<string, string>;
  private timer?: NodeJS.Timeout;
  /** Saves failed in a row; a failing save is retried with backoff, said once. */
  private failures = 0;

  constructor(
    readonly file: string,
    private readonly options: CheckpointFileOptions = {},
  ) {
    this.entries = existsSync(file) ? readEntries(file) : {};
  }

  private key(functionName: string, streamArn: string, shardId: string): string {
    return `${functionName} ${streamArn} ${shardId}`;
  }

  get(functionName: string, streamArn: string, shardId: string): string | undefined {
    return this.entries[this.key(functionName, streamArn, shardId)];
  }

  set(functionName: string, streamArn: string, shardId: string, sequenceNumber: string): void {
    this.entries[this.key(functionName, streamArn, shardId)] = sequenceNumber;
    // Written at most every 200 ms while records flow, and once more on stop.
    this.timer ??= setTimeout(() => this.flush(), 200);
  }

  /** Writes now. A failure (a full disk) is reported, never thrown: records are delivered all the same. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.tmp`;
      (this.options.write ?? writeFileSync)(temporary, `${JSON.stringify(this.entries, null, 2)}\n`);
      renameSync(temporary, this.file);
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      if (this.failures === 1) this.options.onError?.(cannotSave(this.file, error));
      // Tried again later whether or not more records come; unref'd, so it never keeps a stopped runner up.
      this.timer = setTimeout(() => this.flush(), retryDelayMs(this.failures, RETRY_BACKOFF)).unref();
    }
  }
}

function cannotSave(file: string, error: unknown): string {
  const cause = error instanceof Error ? error.message : String(error);
  return `checkpoints cannot be saved to ${file}: ${cause}; retrying with backoff. Free space or make the folder writable: until then a restart delivers again what was read since the last save`;
}

/** What flush() wrote: sequence numbers by key. Anything else is refused, never half-used. */
function readEntries(file: string): Record<string, string> {
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    entries = undefined;
  }
  const valid =
    typeof entries === "object" &&
    entries !== null &&
    !Array.isArray(entries) &&
    Object.values(entries).every((value) => typeof value === "string" && /^[0-9]+$/.test(value));
  if (!valid)
    throw new Error(
      `${file} is not a checkpoint file written by npm run local: delete it, and each trigger starts again from its starting position`,
    );
  return entries as Record<string, string>;
}
