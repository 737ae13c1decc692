// Lambda entry for a stream trigger: thin glue between the event and the per-record handler.
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { processStreamBatch } from "./batch";
import { createLogger } from "./logger";
import { countChanges, logChange } from "./record";
import { isWindowEvent, processWindowBatch } from "./window";

const logger = createLogger();

export const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  logger.addContext(context);
  // Only a mapping with tumblingWindowSeconds sends a window.
  if (isWindowEvent(event)) {
    return processWindowBatch(event, context, { logger, handleChange: logChange, aggregator: countChanges });
  }
  return processStreamBatch(event, context, { logger, handleChange: logChange });
};
