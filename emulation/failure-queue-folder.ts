// The queue on-failure destination, locally: each parked batch becomes one file holding exactly the SQS
// message body Lambda sends for a DynamoDB stream (a pointer to the records, not the records), in a
// folder named after the queue. Files are never deleted here: they outlive restarts, like messages in
// the queue.

import { mkdirSync } from "node:fs";
import * as path from "node:path";
import { onFailureMessage, type ParkedBatch } from "./on-failure-message";
import { writeWhole } from "./write-whole";

export class FailureQueueFolder {
  constructor(
    /** The folder standing for the queue. */
    readonly folder: string,
  ) {}

  /** Writes one message; the name starts with the first sequence number, so listing order is stream order. */
  async write(batch: ParkedBatch): Promise<string> {
    mkdirSync(this.folder, { recursive: true });
    const message = onFailureMessage(batch);
    const file = path.join(
      this.folder,
      `${message.DDBStreamBatchInfo.startSequenceNumber}-${message.requestContext.requestId.slice(0, 8)}.json`,
    );
    // The SQS body exactly: compact JSON, no trailing newline.
    writeWhole(file, JSON.stringify(message));
    return file;
  }
}
