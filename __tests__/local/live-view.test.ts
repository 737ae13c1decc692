// The lines `npm run local` prints for what a trigger reports.
import type { DynamoDBRecord } from "aws-lambda";
import { reportLines } from "../../local/live-view";
import type { InvocationReport, RunnerReport } from "../../local/runner-reports";

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
/** The single line printed for `report`. */
function onlyLine(report: RunnerReport): string {
  const lines = reportLines(report);
  expect(lines).toHaveLength(1);
  return lines[0];
}

const at = { functionName: "books-dev-indexer", tableName: "books-dev" };

describe("the live view", () => {
  test("says in one line which folder a batch cannot be parked in, why, and what to do", () => {
    const folder = ".local/failures/books-dev-dlq";
    const error = "ENOSPC: no space left on device, write";
    const line = onlyLine({ kind: "park-error", ...at, records: [], folder, error });
    expect(line).toContain(folder);
    expect(line).toContain("ENOSPC");
    expect(line).toContain("free space");
  });

  test("says in one line that a deleted table's trigger stops, that the others carry on, and what to do", () => {
    const streamArn = "arn:aws:dynamodb:ddblocal:000000000000:table/books-dev/stream/1";
    const line = onlyLine({ kind: "stream-disabled", ...at, streamArn });
    expect(line).toContain("books-dev is disabled");
    expect(line).toContain("the other triggers carry on");
    expect(line).toContain("restart npm run local");
  });
});
