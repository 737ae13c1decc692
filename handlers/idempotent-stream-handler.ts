// Lambda entry for a trigger with `idempotency`: the stream handler, each record's work run once per
// eventID (handlers/idempotency.ts). A separate entry, so triggers without it bundle no AWS SDK client.
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { processStreamBatch } from "./batch";
import { idempotentChanges } from "./idempotency";
import { createLogger } from "./logger";
import { countChanges, logChange } from "./record";
import { isWindowEvent, processWindowBatch } from "./window";

const logger = createLogger();
const idempotent = idempotentChanges(logChange);

export const handler = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
  logger.addContext(context);
  idempotent.registerContext(context);
  const dependencies = { logger, handleChange: idempotent.handleChange };
  if (isWindowEvent(event)) return processWindowBatch(event, context, { ...dependencies, aggregator: countChanges });
  return processStreamBatch(event, context, dependencies);
};
