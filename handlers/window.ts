// The tumbling-window glue: Lambda sends each batch of a window with the state the previous invocation
// answered, and expects a state back (an answer without one fails the invocation). Records the handler
// reports failed are not folded in, so their retry adds them once. When the window closes
// (isFinalInvokeForWindow, or isWindowTerminatedEarly when the state outgrew 1 MB), the aggregator is
// handed the whole state once; a close that throws fails the invocation, and Lambda retries it.
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { type BatchDependencies, processStreamBatch } from "./batch";
import type { WindowAggregator, WindowBounds, WindowState } from "./contract";

export interface WindowEvent extends DynamoDBStreamEvent {
  readonly window: WindowBounds;
  readonly state?: WindowState;
  readonly shardId?: string;
  readonly isFinalInvokeForWindow?: boolean;
  readonly isWindowTerminatedEarly?: boolean;
}

export interface WindowResponse extends DynamoDBBatchResponse {
  readonly state: WindowState;
}

export function isWindowEvent(event: unknown): event is WindowEvent {
  const window = (event as { window?: unknown } | null)?.window;
  return typeof window === "object" && window !== null;
}

export async function processWindowBatch(
  event: WindowEvent,
  context: Context,
  dependencies: BatchDependencies & { readonly aggregator: WindowAggregator },
): Promise<WindowResponse> {
  const { aggregator, handleChange, logger } = dependencies;
  let state: WindowState = isState(event.state) ? event.state : {};
  const response = await processStreamBatch(event, context, {
    ...dependencies,
    handleChange: async (change, changeLogger) => {
      await handleChange(change, changeLogger);
      state = aggregator.add(state, change);
    },
  });
  const closing = event.isFinalInvokeForWindow === true || event.isWindowTerminatedEarly === true;
  // The window closes only once every record of it is in the state.
  if (closing && response.batchItemFailures.length === 0) {
    await aggregator.close(state, event.window, logger);
    return { batchItemFailures: [], state: {} };
  }
  return { ...response, state };
}

function isState(value: unknown): value is WindowState {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
