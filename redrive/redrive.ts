// One redrive run: for each parked message, fetch the records it points to (an S3 object holds them
// itself), show and save them, and with an invoker replay them; delete the message (or object) only when
// every record was accepted. Whatever was not
// replayed (records lost, a failed or partial replay, a message held elsewhere) makes the run fail.

import type { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord } from "aws-lambda";
import { passesFilters } from "../emulation/event-filter";
import { type OnFailureMessage, readOnFailureMessage } from "../emulation/on-failure-message";
import { toLambdaRecord } from "../emulation/stream-records";
import type { ClaimedOnFailureMessage, FailureSource } from "./failure-source";
import type { RecordFile } from "./record-file";
import { type Invoker, replay } from "./replay";
import { lostLine, records, sequenceRange, summaryLine } from "./report";
import type { RedriveTarget } from "./stack-target";
import { type MissingRange, readSequenceRange } from "./stream-range";

export interface RedriveRun {
  readonly source: FailureSource;
  readonly target: RedriveTarget;
  /** The client that reads this stream, or a reason why none can. */
  readonly streams: (streamArn: string) => Promise<DynamoDBStreamsClient | { unreachable: string }>;
  /** Absent: show (and save) only. */
  readonly invoker?: Invoker;
  readonly out?: RecordFile;
  /** At most this many messages. */
  readonly max?: number;
  /** Local streams live as long as their session; AWS trims after 24 h. */
  readonly local: boolean;
  readonly log: (line: string) => void;
  readonly now?: () => number;
}

export interface RedriveSummary {
  messages: number;
  /** Deleted: every record accepted. */
  removed: number;
  kept: number;
  /** Records read back from the stream. */
  found: number;
  /** Records the function accepted. */
  replayed: number;
  lost: number;
  /** Messages found but not readable (the local folders). */
  unreadable: number;
  /** One line per thing not replayed; empty when all went well. */
  readonly problems: string[];
}

export async function redrive(run: RedriveRun): Promise<RedriveSummary> {
  const summary: RedriveSummary = {
    messages: 0,
    removed: 0,
    kept: 0,
    found: 0,
    replayed: 0,
    lost: 0,
    unreadable: 0,
    problems: [],
  };
  const now = run.now ?? Date.now;
  try {
    while (run.max === undefined || summary.messages < run.max) {
      const message = await run.source.next();
      if (!message) break;
      summary.messages += 1;
      let remove = false;
      try {
        remove = await handle(run, message, summary, now);
      } catch (error) {
        // One message's trouble (a throttled read, a refused call) ends neither the run nor the message.
        summary.problems.push(`${message.id}: ${error instanceof Error ? error.message : error}`);
        run.log(`  ${error instanceof Error ? error.message : error} → ${run.source.noun} kept`);
      } finally {
        if (remove) {
          await run.source.remove(message);
          summary.removed += 1;
        } else {
          await run.source.keep(message);
          summary.kept += 1;
        }
      }
    }
  } finally {
    await run.source.close();
  }
  for (const id of run.source.busy) summary.problems.push(`${id}: being replayed by another redrive, skipped`);
  for (const line of run.source.unreadable ?? []) summary.problems.push(line);
  summary.unreadable = run.source.unreadable?.length ?? 0;
  return summary;
}

/** Returns whether the message may be removed. */
async function handle(run: RedriveRun, message: ClaimedOnFailureMessage, summary: RedriveSummary, now: () => number) {
  const problem = (text: string) => {
    summary.problems.push(`${message.id}: ${text}`);
    run.log(`  ${text} → ${run.source.noun} kept`);
  };
  const pointer = readOnFailureMessage(message.body);
  if ("invalid" in pointer) {
    run.log(`[${summary.messages}] ${message.id}`);
    problem(`not an on-failure message from a DynamoDB stream: ${pointer.invalid}`);
    return false;
  }
  run.log(`[${summary.messages}] ${summaryLine(pointer, now(), run.local)}`);
  const foreign = otherStack(pointer, run.target);
  if (foreign) {
    problem(
      `not this stack's: ${foreign}; ${run.target.stack} redrives ${run.target.table.name}'s records into ${run.target.function.name}`,
    );
    return false;
  }

  // An S3 object holds the batch as Lambda delivered it; a queue message only points into the stream.
  const { delivered, missing } = pointer.records
    ? { delivered: [...pointer.records], missing: [] }
    : await fetchBatch(run, pointer);
  summary.found += delivered.length;
  run.out?.write(delivered);
  const short = pointer.batchSize - delivered.length;
  if (missing.length > 0) {
    summary.lost += Math.max(short, 0);
    problem(lostLine(missing, short));
  } else if (short > 0) {
    problem(`found ${records(delivered.length)} of ${pointer.batchSize} in the range (have the filters changed?)`);
  }
  if (!run.invoker) return false;
  if (delivered.length === 0) return false;

  const outcome = await replay(run.invoker, delivered, run.target.reportBatchItemFailures);
  for (const line of outcome.logs) run.log(`    ${line}`);
  if (outcome.kind === "accepted") {
    summary.replayed += delivered.length;
    if (missing.length > 0 || short > 0) return false;
    run.log(`  replayed: ${records(delivered.length)} accepted → ${run.source.noun} deleted`);
    return true;
  }
  if (outcome.kind === "partial") {
    summary.replayed += outcome.failedFrom;
    const failed = delivered.slice(outcome.failedFrom).map((r) => r.dynamodb!.SequenceNumber!);
    problem(
      `replayed: ${outcome.failedFrom} accepted, ${records(failed.length)} failed (${sequenceRange(failed[0], failed[failed.length - 1])})`,
    );
    return false;
  }
  problem(`replay failed: ${outcome.error}`);
  return false;
}

/**
 * Why a parked batch is another stack's, or undefined: replayed here, another table's records would run
 * through this function (and, with an S3 object, no stream permission stands in the way).
 */
function otherStack(pointer: OnFailureMessage, target: RedriveTarget): string | undefined {
  const table = /:table\/([^/]+)\/stream\//.exec(pointer.streamArn)?.[1];
  if (table !== target.table.name)
    return table === undefined ? `its stream ${pointer.streamArn} is no table's` : `it holds table ${table}'s records`;
  const parkedBy = /:function:([^:]+)/.exec(pointer.functionArn)?.[1];
  if (parkedBy !== undefined && parkedBy !== target.function.name) return `it was parked by ${parkedBy}`;
  return undefined;
}

/** The batch's records as Lambda delivered them: the range, through the mapping's filters. */
async function fetchBatch(
  run: RedriveRun,
  pointer: OnFailureMessage,
): Promise<{ delivered: DynamoDBRecord[]; missing: MissingRange[] }> {
  const client = await run.streams(pointer.streamArn);
  const range = { from: pointer.startSequenceNumber, to: pointer.endSequenceNumber };
  if ("unreachable" in client) return { delivered: [], missing: [{ ...range, reason: client.unreachable }] };
  const read = await readSequenceRange(client, {
    streamArn: pointer.streamArn,
    shardId: pointer.shardId,
    start: pointer.startSequenceNumber,
    end: pointer.endSequenceNumber,
  });
  const region = run.target.function.region;
  const delivered = read.records
    .map((r) => toLambdaRecord(r, pointer.streamArn, region))
    .filter((r) => passesFilters(run.target.filterPatterns, r));
  return { delivered, missing: read.missing };
}
