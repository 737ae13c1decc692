// Runs redrive the way `npm run redrive -- <stack> --local` does, against a LocalTrigger's failure folder
// (its queue's or its bucket's) and the shared DynamoDB Local, with the lines it prints collected.
import * as path from "node:path";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { localClientConfig } from "../../../local/emulator";
import { FileFailureSource } from "../../../redrive/file-source";
import type { RecordFile } from "../../../redrive/record-file";
import { type RedriveSummary, redrive } from "../../../redrive/redrive";
import { localInvoker } from "../../../redrive/replay";
import { type RedriveTarget, readRedriveTarget } from "../../../redrive/stack-target";
import { tempDir } from "../../support/stack";
import { endpoint, type LocalTrigger } from "./local-trigger";

export class LocalRedrive {
  readonly target: RedriveTarget;
  /** The queue's or the bucket's folder. */
  readonly queueFolder: string;
  readonly lines: string[] = [];
  /** How many times redrive asked for a stream to read records from. */
  streamLookups = 0;
  private readonly locks = tempDir("redrive-locks-");
  private readonly streams = new DynamoDBStreamsClient(localClientConfig(endpoint()));

  constructor(local: LocalTrigger) {
    this.target = readRedriveTarget(local.outdir, local.tableName);
    this.queueFolder = path.join(local.failureFolder, this.target.failureBucket ?? this.target.failureQueue);
  }

  async run(options: { replay: boolean; out?: RecordFile; max?: number }): Promise<RedriveSummary> {
    const invoker = options.replay ? localInvoker(this.target.function) : undefined;
    try {
      return await redrive({
        source: new FileFailureSource(this.queueFolder, this.locks, this.target.failureBucket ? "bucket" : "queue"),
        target: this.target,
        streams: async () => {
          this.streamLookups += 1;
          return this.streams;
        },
        invoker,
        out: options.out,
        max: options.max,
        local: true,
        log: (line) => this.lines.push(line),
      });
    } finally {
      await invoker?.close();
    }
  }

  close(): void {
    this.streams.destroy();
  }
}
