import type { DynamoDBRecord } from "aws-lambda";
import { reportLines } from "../../local/live-view";
import type { InvocationReport } from "../../local/trigger-runner";

const modify = {
  eventName: "MODIFY",
  dynamodb: {
    SequenceNumber: "5",
    Keys: { author: { S: "Dan Brown" }, bookTitle: { S: "The DaVinci code" } },
    NewImage: { author: { S: "Dan Brown" }, bookTitle: { S: "The DaVinci code" }, subTitle: { S: "Volume-1" } },
    OldImage: { author: { S: "Dan Brown" }, bookTitle: { S: "The DaVinci code" } },
  },
} as DynamoDBRecord;

const invocation = (failed: string[]): InvocationReport => ({
  kind: "invocation",
  functionName: "books-dev-stream-handler",
  tableName: "books-dev",
  shardId: "s",
  records: [modify],
  failed,
  attempt: 1,
  result: { kind: "returned", response: {}, logs: ['{"message":"item modify"}'], requestId: "r", ms: 12 },
});

describe("what npm run local prints per record", () => {
  test("one short line: trigger, event name, keys, changed attributes, outcome and time", () => {
    expect(reportLines(invocation([]))).toEqual([
      '[books-dev-stream-handler] MODIFY author="Dan Brown" bookTitle="The DaVinci code" changed subTitle → ok (12 ms)',
    ]);
  });

  test("the handler's log lines only with --verbose", () => {
    expect(reportLines(invocation([]), true)).toEqual([
      expect.stringContaining("→ ok"),
      '    {"message":"item modify"}',
    ]);
  });

  test("a failed record's line says so, with the log lines that tell why", () => {
    const lines = reportLines(invocation(["5"]));
    expect(lines[0]).toContain("→ FAILED (in batchItemFailures)");
    expect(lines[1]).toBe('    {"message":"item modify"}');
  });
});
