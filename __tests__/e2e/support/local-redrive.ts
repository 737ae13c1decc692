// Runs redrive the way `npm run redrive -- <stack> --local` does, against a LocalTrigger's failure folder
// (its queue's or its bucket's) and the shared DynamoDB Local, with the lines it prints collected.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { localClientConfig } from "../../../emulation/emulator";
import { FileFailureSource } from "../../../redrive/file-source";
import type { RecordFile } from "../../../redrive/record-file";
import { type RedriveSummary, redrive } from "../../../redrive/redrive";
import { localInvoker } from "../../../redrive/replay";
import { type RedriveTarget, readRedriveTarget } from "../../../redrive/stack-target";
import { fixedFlag, processedLog } from "../../fixtures/handlers/fail-until-fixed";
import { tempDir } from "../../support/stack";
import { book, endpoint, type LocalTrigger } from "./local-trigger";

/** The handler that fails books marked `flaky` until fix() is called. */
export const FAIL_UNTIL_FIXED = "__tests__/fixtures/handlers/fail-until-fixed.ts";

export class LocalRedrive {
  readonly target: RedriveTarget;
  /** The queue's or the bucket's folder. */
  readonly queueFolder: string;
  readonly lines: string[] = [];
  /** How many times redrive asked for a stream to read records from. */
  streamLookups = 0;
  private readonly locks = tempDir("redrive-locks-");
  private readonly streams = new DynamoDBStreamsClient(localClientConfig(endpoint()));

  /** Where the fail-until-fixed handler keeps its flag and its log: beside cdktf.out. */
  private readonly handlerFolder: string;

  constructor(local: LocalTrigger) {
    this.target = readRedriveTarget(local.outdir, local.tableName);
    this.queueFolder = path.join(local.failureFolder, this.target.failureBucket ?? this.target.failureQueue);
    this.handlerFolder = path.dirname(local.outdir);
  }

  /** With the fail-until-fixed handler: how many times it processed each author, whoever ran it. */
  processed(): Map<string, number> {
    const file = processedLog(this.handlerFolder, this.target.function.name);
    const counts = new Map<string, number>();
    if (!existsSync(file)) return counts;
    for (const line of readFileSync(file, "utf8").trim().split("\n")) {
      const { author } = JSON.parse(line);
      counts.set(author, (counts.get(author) ?? 0) + 1);
    }
    return counts;
  }

  /** The fix: the fail-until-fixed handler accepts what it failed so far. */
  fix(): void {
    writeFileSync(fixedFlag(this.handlerFolder, this.target.function.name), "");
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
    rmSync(fixedFlag(this.handlerFolder, this.target.function.name), { force: true });
    rmSync(processedLog(this.handlerFolder, this.target.function.name), { force: true });
  }
}

/** Five books, the third flaky: with FAIL_UNTIL_FIXED and one retry, four are processed and one parked. */
export async function parkTheThirdOfFive(local: LocalTrigger, redriver: LocalRedrive): Promise<void> {
  for (const n of [1, 2]) await local.put(book(n));
  await local.put(book(3, { flaky: true }));
  for (const n of [4, 5]) await local.put(book(n));
  await local.waitFor(
    "four books processed and one parked",
    () => redriver.processed().size >= 4 && local.parked.length >= 1,
  );
}
