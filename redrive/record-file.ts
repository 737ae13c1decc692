// --out FILE.jsonl: the parked records as Lambda would deliver them, one JSON line each, so they can be
// kept after the stream forgets them. The file is started afresh by each run.

import { closeSync, openSync, writeSync } from "node:fs";
import type { DynamoDBRecord } from "aws-lambda";

export class RecordFile {
  private readonly fd: number;
  written = 0;

  constructor(readonly file: string) {
    this.fd = openSync(file, "w");
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
