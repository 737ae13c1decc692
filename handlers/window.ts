// The tumbling-window glue: Lambda sends each batch of a window with the state the previous invocation
// answered, and expects a state back (an answer without one fails the invocation). Only the records
// before the first failed one are folded in: Lambda retries from that record, so it and every record
// after it (succeeded or not) come again, and are added once, then. When the window closes
// (isFinalInvokeForWindow, or isWindowTerminatedEarly when the state outgrew 1 MB), the aggregator is
// handed the whole state once; a close that throws fails the invocation, and Lambda retries it.
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { type BatchDependencies, processStreamBatch } from "./batch";
import type { WindowAggregator, WindowBounds, WindowState } from "./contract";
import type { StreamChange } from "./stream-change";

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
  const done: StreamChange[] = [];
  const response = await processStreamBatch(event, context, {
    ...dependencies,
    handleChange: async (change, changeLogger) => {
      await handleChange(change, changeLogger);
      done.push(change);
    },
  });
  let state: WindowState = isState(event.state) ? event.state : {};
  let failures = response.batchItemFailures;
  for (const change of done.slice(0, doneBeforeFirstFailure(event, done, response))) {
    try {
      state = aggregator.add(state, change);
    } catch (error) {
      // Failed as its handler's error would fail it: Lambda retries from it, and it is folded in then.
      logger.error("record failed", { sequenceNumber: change.sequenceNumber, eventID: change.eventID, error });
      failures = [{ itemIdentifier: change.sequenceNumber }, ...failures];
      break;
    }
  }
  const closing = event.isFinalInvokeForWindow === true || event.isWindowTerminatedEarly === true;
  // The window closes only once every record of it is in the state.
  if (closing && failures.length === 0) {
    await aggregator.close(state, event.window, logger);
    return { batchItemFailures: [], state: {} };
  }
  return { ...response, batchItemFailures: failures, state };
}

/**
 * How many of the changes that succeeded (in batch order) come before the first failed record: Lambda
 * checkpoints there and sends every later record again, so those are folded in on the retry instead.
 * A failure without a sequence number, or naming none of the batch, fails the whole batch, which Lambda
 * sends again whole.
 */
function doneBeforeFirstFailure(event: WindowEvent, done: readonly StreamChange[], response: DynamoDBBatchResponse) {
  const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
  if (failed.size === 0) return done.length;
  if (failed.has("")) return 0;
  const first = event.Records.findIndex((r) => failed.has(r?.dynamodb?.SequenceNumber ?? ""));
  if (first === -1) return 0; // a failure naming no record of the batch fails it whole, as Lambda reads it
  const before = new Set(event.Records.slice(0, first).map((r) => r?.dynamodb?.SequenceNumber));
  const cut = done.findIndex((change) => !before.has(change.sequenceNumber));
  return cut === -1 ? done.length : cut;
}

function isState(value: unknown): value is WindowState {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
