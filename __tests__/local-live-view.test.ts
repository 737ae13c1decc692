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
});
