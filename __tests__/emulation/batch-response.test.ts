import { interpretResponse } from "../../emulation/batch-response";
import type { InvocationResult } from "../../emulation/local-invoker";
import { DAN_BROWN, streamRecord } from "../support/records";

const records = [1, 2, 3].map((n) =>
  streamRecord({ eventName: "INSERT", keys: { ...DAN_BROWN, n }, after: DAN_BROWN, sequenceNumber: `${n}00` }),
);
const returned = (response: unknown): InvocationResult => ({
  kind: "returned",
  response,
  logs: [],
  requestId: "r",
  ms: 1,
});
const interpret = (response: unknown) => interpretResponse(returned(response), records, true);

describe("how the local runner reads a function's answer", () => {
  test("a thrown error, crash or timeout fails the whole batch", () => {
    const error: InvocationResult = {
      kind: "error",
      errorType: "Error",
      errorMessage: "boom",
      logs: [],
      requestId: "r",
      ms: 1,
    };
    expect(interpretResponse(error, records, true)).toEqual({ kind: "error" });
  });

  test("an empty list, null, or no answer is success", () => {
    expect(interpret({ batchItemFailures: [] })).toEqual({ kind: "ok" });
    expect(interpret({ batchItemFailures: null })).toEqual({ kind: "ok" });
    expect(interpret(null)).toEqual({ kind: "ok" });
    expect(interpret({})).toEqual({ kind: "ok" });
  });

  test("retries from the lowest reported record, whatever the order of the list", () => {
    expect(interpret({ batchItemFailures: [{ itemIdentifier: "300" }, { itemIdentifier: "200" }] })).toEqual({
      kind: "partial",
      from: 1,
    });
  });

  test("an empty or null identifier fails the whole batch", () => {
    expect(interpret({ batchItemFailures: [{ itemIdentifier: "" }] })).toEqual({ kind: "partial", from: 0 });
    expect(interpret({ batchItemFailures: [{ itemIdentifier: null }] })).toEqual({ kind: "partial", from: 0 });
  });

  test("a wrong key name or an unknown sequence number fails the whole batch", () => {
    expect(interpret({ batchItemFailures: [{ itemId: "200" }] })).toEqual({ kind: "partial", from: 0 });
    expect(interpret({ batchItemFailures: [{ itemIdentifier: "999" }] })).toEqual({ kind: "partial", from: 0 });
  });

  test("a failure list that is not a list fails the whole batch", () => {
    expect(interpret({ batchItemFailures: "200" })).toEqual({ kind: "partial", from: 0 });
  });

  test("without ReportBatchItemFailures, any answer is success", () => {
    expect(interpretResponse(returned({ batchItemFailures: [{ itemIdentifier: "200" }] }), records, false)).toEqual({
      kind: "ok",
    });
  });
});
