import type { DynamoDBRecord } from "aws-lambda";
import type { ChangeHandler, WindowAggregator, WindowBounds } from "../../handlers/contract";
import { createLogger } from "../../handlers/logger";
import { countChanges } from "../../handlers/record";
import { isWindowEvent, processWindowBatch, type WindowEvent } from "../../handlers/window";
import { captureLogs } from "../support/log-capture";
import { lambdaContext, streamEvent, streamRecord } from "../support/records";

const WINDOW: WindowBounds = { start: "2026-12-04T10:00:00Z", end: "2026-12-04T10:02:00Z" };
const book = (n: number) => ({ author: `Author ${n}`, bookTitle: `Title ${n}` });
const insert = (n: number) => streamRecord({ eventName: "INSERT", keys: book(n), after: book(n) });
const remove = (n: number) => streamRecord({ eventName: "REMOVE", keys: book(n), before: book(n) });
const seq = (r: DynamoDBRecord) => r.dynamodb!.SequenceNumber!;

function windowEvent(records: DynamoDBRecord[], extra: Partial<WindowEvent> = {}): WindowEvent {
  return { ...streamEvent(records), window: WINDOW, state: {}, shardId: "shardId-1", ...extra };
}

/** countChanges, remembering what it was handed at close. */
function closing() {
  const closed: { state: unknown; window: WindowBounds }[] = [];
  const aggregator: WindowAggregator = {
    add: countChanges.add as WindowAggregator["add"],
    close: (state, window) => {
      closed.push({ state, window });
    },
  };
  return { closed, aggregator };
}

async function run(event: WindowEvent, aggregator: WindowAggregator, handleChange: ChangeHandler = () => {}) {
  const { result } = await captureLogs(() =>
    processWindowBatch(event, lambdaContext(), { logger: createLogger(), handleChange, aggregator }),
  );
  return result;
}

test("only an event with a window is taken for a tumbling window's", () => {
  expect(isWindowEvent(windowEvent([]))).toBe(true);
  expect(isWindowEvent(streamEvent([insert(1)]))).toBe(false);
});

test("folds each record into the state it was sent, and answers the new state", async () => {
  const { aggregator } = closing();
  const result = await run(windowEvent([insert(1), remove(2)], { state: { INSERT: 3 } }), aggregator);
  expect(result).toEqual({ batchItemFailures: [], state: { INSERT: 4, REMOVE: 1 } });
});

test("starts from an empty state when Lambda sends none", async () => {
  const { aggregator } = closing();
  const result = await run(windowEvent([insert(1)], { state: undefined }), aggregator);
  expect(result.state).toEqual({ INSERT: 1 });
});

test("folds in only the records before the first failed one, since Lambda delivers the rest again", async () => {
  const records = [insert(1), insert(2), insert(3)];
  const { aggregator } = closing();
  const failing = seq(records[1]);
  const result = await run(windowEvent(records), aggregator, (change) => {
    if (change.sequenceNumber === failing) throw new Error("no");
  });
  expect(result.batchItemFailures).toEqual([{ itemIdentifier: failing }]);
  // The third record, another item's, succeeded, but the retry from the failed one sends it again.
  expect(result.state).toEqual({ INSERT: 1 });
});

test("counts each record of a window once across a partial failure and Lambda's retry from it", async () => {
  const records = [insert(1), insert(2), insert(3)];
  const { closed, aggregator } = closing();
  let failOnce = true;
  const handleChange: ChangeHandler = (change) => {
    if (change.sequenceNumber === seq(records[1]) && failOnce) {
      failOnce = false;
      throw new Error("no");
    }
  };
  const first = await run(windowEvent(records), aggregator, handleChange);
  // Lambda checkpoints before the lowest failed sequence number and sends the rest with the answered state.
  const retry = await run(windowEvent(records.slice(1), { state: first.state }), aggregator, handleChange);
  await run(windowEvent([], { state: retry.state, isFinalInvokeForWindow: true }), aggregator);
  expect(closed).toEqual([{ state: { INSERT: 3 }, window: WINDOW }]);
});

test("folds in nothing when the whole batch is failed, as Lambda retries it whole", async () => {
  const { aggregator } = closing();
  const unidentified = { ...insert(2), dynamodb: { ...insert(2).dynamodb, SequenceNumber: undefined } };
  const result = await run(
    windowEvent([insert(1), unidentified as DynamoDBRecord], { state: { INSERT: 7 } }),
    aggregator,
  );
  expect(result.batchItemFailures).toContainEqual({ itemIdentifier: "" });
  expect(result.state).toEqual({ INSERT: 7 });
});

test("folds in nothing when the handler names a failed record the batch does not hold", async () => {
  const { aggregator } = closing();
  const event = windowEvent([insert(1), insert(2)], { state: { INSERT: 7 } });
  const { result } = await captureLogs(() =>
    processWindowBatch(event, lambdaContext(), {
      logger: createLogger(),
      handleChange: () => {},
      aggregator,
      // A processor that runs every record, then answers a failure of a record the batch does not hold.
      processor: (() => {
        let run: () => Promise<unknown> = async () => [];
        return {
          register: (records: DynamoDBRecord[], handler: (r: DynamoDBRecord) => Promise<void>) => {
            run = () => Promise.all(records.map(handler));
          },
          process: () => run(),
          response: () => ({ batchItemFailures: [{ itemIdentifier: "not-in-the-batch" }] }),
        };
      })() as never,
    }),
  );
  expect(result.state).toEqual({ INSERT: 7 });
});

test("an aggregator whose add throws fails that record, as a handler's error would, not the invocation", async () => {
  const records = [insert(1), insert(2), insert(3)];
  const aggregator: WindowAggregator = {
    add: (state, change) => {
      if (change.sequenceNumber === seq(records[1])) throw new Error("state full");
      return countChanges.add(state as Partial<Record<string, number>>, change) as typeof state;
    },
    close: () => {},
  };
  const result = await run(windowEvent(records), aggregator);
  expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: seq(records[1]) }], state: { INSERT: 1 } });
});

test("hands the whole window's state over once when the window closes, and starts the next empty", async () => {
  const { closed, aggregator } = closing();
  const result = await run(windowEvent([], { state: { INSERT: 5 }, isFinalInvokeForWindow: true }), aggregator);
  expect(closed).toEqual([{ state: { INSERT: 5 }, window: WINDOW }]);
  expect(result).toEqual({ batchItemFailures: [], state: {} });
});

test("closes a window Lambda ended early (its state outgrew 1 MB) the same way", async () => {
  const { closed, aggregator } = closing();
  await run(windowEvent([insert(1)], { state: { INSERT: 1 }, isWindowTerminatedEarly: true }), aggregator);
  expect(closed).toEqual([{ state: { INSERT: 2 }, window: WINDOW }]);
});

test("does not close while a record of the window failed", async () => {
  const { closed, aggregator } = closing();
  const result = await run(windowEvent([insert(1)], { isFinalInvokeForWindow: true }), aggregator, () => {
    throw new Error("no");
  });
  expect(closed).toEqual([]);
  expect(result.batchItemFailures).toHaveLength(1);
});

test("fails the invocation when the close throws, so Lambda retries it", async () => {
  const aggregator: WindowAggregator = {
    add: (s) => s,
    close: () => {
      throw new Error("downstream unavailable");
    },
  };
  await expect(run(windowEvent([], { isFinalInvokeForWindow: true }), aggregator)).rejects.toThrow(
    "downstream unavailable",
  );
});

test("the default aggregator logs the window's counts as it closes", async () => {
  const { lines } = await captureLogs(() =>
    processWindowBatch(windowEvent([], { state: { MODIFY: 2 }, isFinalInvokeForWindow: true }), lambdaContext(), {
      logger: createLogger(),
      handleChange: () => {},
      aggregator: countChanges as WindowAggregator,
    }),
  );
  const line = lines.find((l) => l.message === "window closed");
  expect(line).toMatchObject({ window: WINDOW, changes: { MODIFY: 2 } });
});
