// The lines `npm run local` prints for what a trigger reports.
import { reportLines } from "../../local/live-view";
import type { RunnerReport } from "../../local/runner-reports";

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
