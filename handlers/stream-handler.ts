// Lambda entry for a stream trigger: thin glue between the event and the per-record handler.
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { processStreamBatch } from "./batch";
import { createLogger } from "./logger";
import { logChange } from "./record";

const logger = createLogger();

export const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  logger.addContext(context);
  return processStreamBatch(event, context, { logger, handleChange: logChange });
};
