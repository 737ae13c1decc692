import { BatchProcessor, EventType } from "@aws-lambda-powertools/batch";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { processStreamBatch } from "../../handlers/batch";
import type { ChangeHandler } from "../../handlers/contract";
import { createLogger } from "../../handlers/logger";
import type { StreamChange } from "../../handlers/stream-change";
import { captureLogs } from "../support/log-capture";
import { lambdaContext, streamEvent, streamRecord } from "../support/records";

const book = (n: number) => ({ author: `Author ${n}`, bookTitle: `Title ${n}` });
const insert = (n: number) => streamRecord({ eventName: "INSERT", keys: book(n), after: book(n) });

/** Records which changes it saw, in order, and fails the sequence numbers it is told to. */
function recorder(failing: ReadonlySet<string> = new Set()) {
  const seen: string[] = [];
  const handleChange: ChangeHandler = (change: StreamChange) => {
    seen.push(change.sequenceNumber);
    if (failing.has(change.sequenceNumber)) throw new Error(`cannot process ${change.sequenceNumber}`);
  };
  return { seen, handleChange };
}

async function run(records: DynamoDBRecord[], handleChange: ChangeHandler) {
  return captureLogs(() =>
    processStreamBatch(streamEvent(records), lambdaContext(), { logger: createLogger(), handleChange }),
  );
}

const seq = (r: DynamoDBRecord) => r.dynamodb!.SequenceNumber!;

describe("processing a batch", () => {
  test("answers an all-good batch with an empty failure list", async () => {
    const records = [insert(1), insert(2), insert(3)];
    const { seen, handleChange } = recorder();
    const { result } = await run(records, handleChange);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(seen).toEqual(records.map(seq));
  });

  test("answers an empty batch with an empty failure list", async () => {
    const { result } = await run([], recorder().handleChange);
    expect(result).toEqual({ batchItemFailures: [] });
  });

  test("reports exactly the poison record's sequence number, and processes every other record once, in order", async () => {
    const records = Array.from({ length: 20 }, (_, i) => insert(i));
    const poison = seq(records[7]);
    const { seen, handleChange } = recorder(new Set([poison]));
    const { result } = await run(records, handleChange);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: poison }] });
    expect(seen).toEqual(records.map(seq));
  });

  test("logs a failed record at error level with the reason", async () => {
    const records = [insert(1)];
    const { lines } = await run(records, recorder(new Set([seq(records[0])])).handleChange);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "ERROR", message: "record failed", sequenceNumber: seq(records[0]) }),
    );
    const failure = lines.find((l) => l.message === "record failed")!;
    expect(failure.error.message).toBe(`cannot process ${seq(records[0])}`);
  });

  test("answers a batch whose every record failed with each of them, without throwing", async () => {
    const records = [insert(1), insert(2)];
    const { result } = await run(records, recorder(new Set(records.map(seq))).handleChange);
    expect(result.batchItemFailures).toEqual(records.map((r) => ({ itemIdentifier: seq(r) })));
  });

  test("holds back later changes to the same item after one fails, so they cannot overtake it", async () => {
    const first = streamRecord({ eventName: "INSERT", keys: book(1), after: book(1) });
    const other = insert(2);
    const second = streamRecord({
      eventName: "MODIFY",
      keys: book(1),
      after: { ...book(1), subTitle: "Volume-1" },
      before: book(1),
    });
    const { seen, handleChange } = recorder(new Set([seq(first)]));
    const { result, lines } = await run([first, other, second], handleChange);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: seq(first) }, { itemIdentifier: seq(second) }]);
    expect(seen).toEqual([seq(first), seq(other)]);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "WARN", sequenceNumber: seq(second), failedSequenceNumber: seq(first) }),
    );
  });

  test("reports a record with no dynamodb part, logs why, and goes on with the rest", async () => {
    const broken = { ...insert(1), dynamodb: undefined };
    const good = insert(2);
    const { seen, handleChange } = recorder();
    const { result, lines } = await run([broken, good], handleChange);
    // With no sequence number to name, AWS's contract has one answer: an empty identifier fails the batch.
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "" }]);
    expect(seen).toEqual([seq(good)]);
    expect(lines).toContainEqual(expect.objectContaining({ level: "ERROR", reason: "no dynamodb part" }));
  });

  test("reports a record with no sequence number as a failure of the whole batch, logging why", async () => {
    const broken = insert(1);
    delete broken.dynamodb!.SequenceNumber;
    const { result, lines } = await run([insert(2), broken], recorder().handleChange);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "" }]);
    expect(lines).toContainEqual(expect.objectContaining({ level: "ERROR", reason: "no dynamodb.SequenceNumber" }));
  });

  test("reports a record whose image holds an unknown attribute type by its sequence number, logging why", async () => {
    const broken = insert(1);
    broken.dynamodb!.NewImage = { author: { Q: "?" } as never };
    const good = insert(2);
    const { seen, handleChange } = recorder();
    const { result, lines } = await run([broken, good], handleChange);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: seq(broken) }]);
    expect(seen).toEqual([seq(good)]);
    const line = lines.find((l) => l.message === "record rejected as malformed")!;
    expect(line.reason).toMatch(/^dynamodb\.NewImage\.author has type "Q"; allowed: S, N, B/);
    expect(line.sequenceNumber).toBe(seq(broken));
  });

  test("reports a record holding a number that is not a DynamoDB number by its sequence number, logging why", async () => {
    const broken = insert(1);
    broken.dynamodb!.NewImage!.pages = { N: "1e400" };
    const good = insert(2);
    const { seen, handleChange } = recorder();
    const { result, lines } = await run([broken, good], handleChange);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: seq(broken) }]);
    expect(seen).toEqual([seq(good)]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "ERROR",
        message: "record rejected as malformed",
        sequenceNumber: seq(broken),
        reason: 'dynamodb.NewImage.pages: "1e400" is not a DynamoDB number',
      }),
    );
  });

  test.each([
    ["null", null],
    ["undefined", undefined],
    ["a number", 7],
  ])("answers a record that is %s as a failure of the whole batch, logs why, and goes on with the rest", async (_, broken) => {
    const good = insert(2);
    const { seen, handleChange } = recorder();
    const { result, lines } = await run([broken as never, good], handleChange);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "" }]);
    expect(seen).toEqual([seq(good)]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "ERROR",
        message: "record rejected as malformed",
        reason: "not a record object",
      }),
    );
  });

  test.each([
    ["undefined", undefined, "the record handler threw undefined, not an Error"],
    ["null", null, "the record handler threw null, not an Error"],
    ["a string", "no stock", 'the record handler threw "no stock", not an Error'],
    ["a number", 42, "the record handler threw 42, not an Error"],
  ])("reports a record whose handler threw %s by its sequence number, logging what was thrown", async (_, value, message) => {
    const records = [insert(1), insert(2)];
    const { result, lines } = await run(records, (change) => {
      if (change.sequenceNumber === seq(records[0])) throw value;
    });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: seq(records[0]) }]);
    const failure = lines.find((l) => l.message === "record failed")!;
    expect(failure).toMatchObject({ level: "ERROR", sequenceNumber: seq(records[0]), error: { message } });
  });

  const loopingCause = () => {
    const error = new Error("loops back") as Error & { cause?: unknown };
    error.cause = error;
    return error;
  };
  const unreadable = () => ({
    get detail(): string {
      throw new Error("not readable");
    },
  });
  test.each([
    ["an Error whose cause loops back to it", loopingCause, "loops back"],
    ["an object with a getter that throws", unreadable, "the record handler threw an object, not an Error"],
  ])("logs a record whose handler threw %s, which Powertools cannot print, and reports it", async (_, make, message) => {
    const records = [insert(1), insert(2)];
    const { result, lines } = await run(records, (change) => {
      if (change.sequenceNumber === seq(records[0])) throw make();
    });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: seq(records[0]) }]);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "ERROR",
        message: "record failed",
        sequenceNumber: seq(records[0]),
        error: expect.objectContaining({ message }),
      }),
    );
  });

  test("logs a record whose keys are nested too deeply to be written down, and reports it", async () => {
    let deep: Record<string, unknown> = { S: "x" };
    for (let i = 0; i < 20000; i++) deep = { M: { a: deep } };
    const broken = insert(1);
    broken.dynamodb!.Keys = { author: deep as never };
    const { result, lines } = await run([broken, insert(2)], recorder().handleChange);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: seq(broken) }]);
    expect(lines).toContainEqual(expect.objectContaining({ level: "ERROR", sequenceNumber: seq(broken) }));
  });

  test("answers with a failure of the whole batch, never a rejection, when batch processing itself fails", async () => {
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    processor.process = () => Promise.reject(new Error("broken processor"));
    const { result, lines } = await captureLogs(() =>
      processStreamBatch(streamEvent([insert(1)]), lambdaContext(), {
        logger: createLogger(),
        handleChange: recorder().handleChange,
        processor,
      }),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: "" }] });
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "ERROR", error: expect.objectContaining({ message: "broken processor" }) }),
    );
  });

  test("passes the handler the record as a typed change", async () => {
    const changes: StreamChange[] = [];
    await run([insert(5)], (change) => void changes.push(change));
    expect(changes[0]).toMatchObject({ eventName: "INSERT", keys: book(5), newImage: book(5), expiredByTtl: false });
  });

  test("waits for an async handler before the next record", async () => {
    const order: string[] = [];
    const records = [insert(1), insert(2), insert(3)];
    await run(records, async (change) => {
      order.push(`start ${change.sequenceNumber}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`end ${change.sequenceNumber}`);
    });
    expect(order).toEqual(records.flatMap((r) => [`start ${seq(r)}`, `end ${seq(r)}`]));
  });
});

describe("an event that is not a batch of records", () => {
  test.each([
    ["null", null],
    ["undefined", undefined],
    ["without Records", {}],
    ["with Records null", { Records: null }],
    ["with Records a string", { Records: "x" }],
    ["with Records an object", { Records: {} }],
  ])("%s is answered as a failure of the whole batch, logging why", async (_, event) => {
    const { seen, handleChange } = recorder();
    const { result, lines } = await captureLogs(() =>
      processStreamBatch(event as unknown as DynamoDBStreamEvent, lambdaContext(), {
        logger: createLogger(),
        handleChange,
      }),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: "" }] });
    expect(seen).toEqual([]);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "ERROR", message: "event rejected as malformed", reason: "no Records list" }),
    );
  });
});
