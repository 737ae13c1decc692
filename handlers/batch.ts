// Runs one batch of stream records through a ChangeHandler with Powertools' BatchProcessor and
// answers in Lambda's ReportBatchItemFailures shape. It always answers, never throws: a rejected
// invocation would be retried whole without bisecting, and Powertools' own errors would hide the cause.
import { BatchProcessor, EventType } from "@aws-lambda-powertools/batch";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import type { ChangeHandler } from "./contract";
import type { StreamLogger } from "./logger";
import { itemKey, MalformedRecordError, parseStreamRecord } from "./stream-change";

/** Thrown for a record skipped because an earlier change to the same item failed in this batch. */
export class EarlierChangeFailedError extends Error {
  constructor(readonly failedSequenceNumber: string | undefined) {
    super(`an earlier change to this item (sequence number ${failedSequenceNumber}) failed in this batch`);
    this.name = "EarlierChangeFailedError";
  }
}

// Per AWS's contract an empty itemIdentifier fails the whole batch: the only safe answer for a failed
// record that has no sequence number to checkpoint at.
const WHOLE_BATCH_FAILED = { itemIdentifier: "" };

export interface BatchDependencies {
  readonly logger: StreamLogger;
  readonly handleChange: ChangeHandler;
  readonly processor?: BatchProcessor;
}

export async function processStreamBatch(
  event: DynamoDBStreamEvent,
  context: Context,
  dependencies: BatchDependencies,
): Promise<DynamoDBBatchResponse> {
  const { logger } = dependencies;
  if (!Array.isArray(event?.Records)) {
    logger.error("event rejected as malformed", { reason: "no Records list" });
    return { batchItemFailures: [WHOLE_BATCH_FAILED] };
  }
  const started = performance.now();
  let response: DynamoDBBatchResponse;
  try {
    response = await processRecords(event, context, dependencies);
  } catch (error) {
    logger.error("batch failed", { error });
    response = { batchItemFailures: [WHOLE_BATCH_FAILED] };
  }
  // One line per batch, which the saved "slowest batches" query reads (Lambda's own REPORT line is a
  // platform line, off at the function's system log level WARN).
  logger.info("batch processed", {
    records: event.Records.length,
    failed: response.batchItemFailures.length,
    durationMs: Math.round(performance.now() - started),
  });
  return response;
}

async function processRecords(
  event: DynamoDBStreamEvent,
  context: Context,
  { logger, handleChange, processor = new BatchProcessor(EventType.DynamoDBStreams) }: BatchDependencies,
): Promise<DynamoDBBatchResponse> {
  // After a change to an item fails, its later changes in the batch are failed too, unprocessed:
  // Lambda retries from the earliest failure, and an item's changes must never overtake each other.
  const failedItems = new Map<string, string | undefined>();
  let unidentifiedFailure = false;
  const changeLoggers = logger.changeLoggers();

  const recordHandler = async (record: DynamoDBRecord): Promise<void> => {
    // Not handed back to Powertools as a failure: it reads each failed record's sequence number and
    // would throw on a null one. The empty identifier below fails the batch instead.
    if (record === null || typeof record !== "object") {
      unidentifiedFailure = true;
      logger.error("record rejected as malformed", { reason: "not a record object" });
      return;
    }
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    try {
      // The item key is only needed once something failed, so it is not worked out for every record.
      const key = failedItems.size > 0 ? itemKey(record) : undefined;
      if (key !== undefined && failedItems.has(key)) {
        throw new EarlierChangeFailedError(failedItems.get(key));
      }
      const change = parseStreamRecord(record);
      await handleChange(change, changeLoggers(change.sequenceNumber));
    } catch (thrown) {
      const error = asError(thrown);
      const key = itemKey(record);
      if (key !== undefined && !failedItems.has(key)) failedItems.set(key, sequenceNumber);
      if (typeof sequenceNumber !== "string" || sequenceNumber === "") unidentifiedFailure = true;
      logFailure(logger, record, error);
      throw error;
    }
  };

  // Records in order, one at a time; a batch whose every record failed is still answered record by
  // record, never thrown (processPartialResponse's default would throw).
  processor.register(event.Records, recordHandler, {
    context,
    processInParallel: false,
    throwOnFullBatchFailure: false,
  });
  await processor.process();
  const response = processor.response();
  if (unidentifiedFailure) {
    return { batchItemFailures: [WHOLE_BATCH_FAILED, ...response.batchItemFailures] };
  }
  return response;
}

// A thrown value that is not an Error (undefined, null, a string) becomes one, so that it can be
// reported and logged like any other failure; the value itself is kept as the cause.
function asError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  // An object's text form could itself throw; it is kept whole as the cause.
  const shown =
    typeof thrown === "string" ? JSON.stringify(thrown) : Object(thrown) === thrown ? "an object" : String(thrown);
  return new Error(`the record handler threw ${shown}, not an Error`, { cause: thrown });
}

function logFailure(logger: StreamLogger, record: DynamoDBRecord, error: Error): void {
  // Keys in the order the lines had when the sequence number was an appended key.
  const base = {
    sequenceNumber: record.dynamodb?.SequenceNumber,
    eventID: record.eventID,
    eventName: record.eventName,
  };
  try {
    logFailureAs(logger, base, error);
  } catch {
    // Powertools could not print the error (a cause that loops back to it, a getter that throws): the
    // record is failed all the same, and its line must still say so.
    logger.error("record failed", {
      ...base,
      error: { name: readable(() => error.name), message: readable(() => error.message) },
    });
  }
}

function readable(read: () => unknown): string {
  try {
    return String(read());
  } catch {
    return "(unreadable)";
  }
}

function logFailureAs(logger: StreamLogger, base: Record<string, unknown>, error: Error): void {
  if (error instanceof MalformedRecordError) {
    logger.error("record rejected as malformed", { ...base, reason: error.reason });
  } else if (error instanceof EarlierChangeFailedError) {
    logger.warn("record deferred: an earlier change to the same item failed", {
      ...base,
      failedSequenceNumber: error.failedSequenceNumber,
    });
  } else {
    logger.error("record failed", { ...base, error });
  }
}
