// The lines `npm run local` prints for what a trigger reports.
import { reportLines } from "../local/live-view";

describe("the live view", () => {
  test("says in one line which folder a batch cannot be parked in, why, and what to do", () => {
    const lines = reportLines({
      kind: "park-error",
      functionName: "books-dev-indexer",
      tableName: "books-dev",
      records: [],
      folder: ".local/failures/books-dev-dlq",
      error: "ENOSPC: no space left on device, write",
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(".local/failures/books-dev-dlq");
    expect(lines[0]).toContain("ENOSPC");
    expect(lines[0]).toContain("free space");
  });

  test("says in one line that a deleted table's trigger stops, that the others carry on, and what to do", () => {
    const lines = reportLines({
      kind: "stream-disabled",
      functionName: "books-dev-indexer",
      tableName: "books-dev",
      streamArn: "arn:aws:dynamodb:ddblocal:000000000000:table/books-dev/stream/1",
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("books-dev is disabled");
    expect(lines[0]).toContain("the other triggers carry on");
    expect(lines[0]).toContain("restart npm run local");
  });
});
