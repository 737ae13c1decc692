// --out FILE.jsonl: the parked records as Lambda would deliver them, one JSON line each, so they can be
// kept after the stream forgets them. The file must be new: a later run, when the stream may hold
// nothing any more, would otherwise empty the only copy.

import { closeSync, openSync, writeSync } from "node:fs";
import type { DynamoDBRecord } from "aws-lambda";

export class RecordFile {
  private readonly fd: number;
  written = 0;

  constructor(readonly file: string) {
    try {
      this.fd = openSync(file, "wx");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST")
        throw new Error(
          `--out ${file} already exists: redrive never overwrites saved records; name a new file, or delete this one first`,
        );
      throw new Error(`--out ${file}: cannot create it (${code ?? (error as Error).message})`);
    }
  }

  write(records: readonly DynamoDBRecord[]): void {
    if (records.length === 0) return;
    writeSync(this.fd, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
    this.written += records.length;
  }

  close(): void {
    closeSync(this.fd);
  }
}
