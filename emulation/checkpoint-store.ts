// Where each trigger has read up to, kept in a JSON file so that `npm run local -- --persist` resumes
// after a restart as a deployed mapping does: from the record after its checkpoint.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";

export interface Checkpoints {
  get(functionName: string, streamArn: string, shardId: string): string | undefined;
  set(functionName: string, streamArn: string, shardId: string, sequenceNumber: string): void;
  flush(): void;
}

/** Keyed by function, stream ARN and shard: a recreated table has a new stream ARN and starts afresh. */
export class CheckpointFile implements Checkpoints {
  private readonly entries: Record<string, string>;
  private timer?: NodeJS.Timeout;

  constructor(readonly file: string) {
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

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.entries, null, 2)}\n`);
    renameSync(temporary, this.file);
  }
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
