// Runs one batch of stream records through a ChangeHandler with Powertools' BatchProcessor and
// answers in Lambda's ReportBatchItemFailures shape.
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Logger } from "@aws-lambda-powertools/logger";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import type { ChangeHandler } from "./record";
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
  readonly logger: Logger;
  readonly handleChange: ChangeHandler;
  readonly processor?: BatchProcessor;
}

export async function processStreamBatch(
  event: DynamoDBStreamEvent,
  context: Context,
  { logger, handleChange, processor = new BatchProcessor(EventType.DynamoDBStreams) }: BatchDependencies,
): Promise<DynamoDBBatchResponse> {
  // After a change to an item fails, its later changes in the batch are failed too, unprocessed:
  // Lambda retries from the earliest failure, and an item's changes must never overtake each other.
  const failedItems = new Map<string, string | undefined>();
  let unidentifiedFailure = false;

  const recordHandler = async (record: DynamoDBRecord): Promise<void> => {
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    const key = itemKey(record);
    logger.appendKeys({ sequenceNumber });
    try {
      if (key !== undefined && failedItems.has(key)) {
        throw new EarlierChangeFailedError(failedItems.get(key));
      }
      await handleChange(parseStreamRecord(record), logger);
    } catch (error) {
      if (key !== undefined && !failedItems.has(key)) failedItems.set(key, sequenceNumber);
      if (!sequenceNumber) unidentifiedFailure = true;
      logFailure(logger, record, error);
      throw error;
    } finally {
      logger.removeKeys(["sequenceNumber"]);
    }
  };

  const response = await processPartialResponse(event, recordHandler, processor, {
    context,
    processInParallel: false,
    // A batch whose every record failed is still answered record by record, never thrown.
    throwOnFullBatchFailure: false,
  });
  if (unidentifiedFailure) {
    return { batchItemFailures: [WHOLE_BATCH_FAILED, ...response.batchItemFailures] };
  }
  return response;
}

function logFailure(logger: Logger, record: DynamoDBRecord, error: unknown): void {
  const base = { eventID: record.eventID, eventName: record.eventName };
  if (error instanceof MalformedRecordError) {
    logger.error("record rejected as malformed", { ...base, reason: error.reason });
  } else if (error instanceof EarlierChangeFailedError) {
    logger.warn("record deferred: an earlier change to the same item failed", {
      ...base,
      failedSequenceNumber: error.failedSequenceNumber,
    });
  } else {
    logger.error("record failed", { ...base, error: error as Error });
  }
}
