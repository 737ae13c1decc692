// tumblingWindowSeconds under npm run local with the template's own handler: each change is folded into
// the window's state invocation after invocation, and every window hands its counts over once as it closes.
import { book, booksTrigger, LocalTrigger } from "./support/local-trigger";

describe("a trigger with a tumbling window, run locally", () => {
  let local: LocalTrigger;

  beforeAll(async () => {
    local = await new LocalTrigger(booksTrigger("window", { tumblingWindowSeconds: 5, batchSize: 1 })).start();
    for (let n = 1; n <= 3; n++) await local.put(book(n));
    await local.update({ author: "Author 1", bookTitle: "Title 1" }, { pages: 10 });
    const closedCount = () =>
      local.logLines
        .filter((l) => l.message === "window closed")
        .reduce((sum, l) => sum + Object.values(l.changes as Record<string, number>).reduce((a, b) => a + b, 0), 0);
    await local.waitFor("every change counted in a closed window", () => closedCount() >= 4);
  });

  afterAll(() => local.stop());

  test("counts each change once, in one invocation per record, across the windows that closed", () => {
    const closed = local.logLines.filter((l) => l.message === "window closed");
    const total = (name: string) => closed.reduce((sum, l) => sum + (l.changes[name] ?? 0), 0);
    expect({ INSERT: total("INSERT"), MODIFY: total("MODIFY") }).toEqual({ INSERT: 3, MODIFY: 1 });
    expect(local.invocations.filter((i) => i.records.length > 0).length).toBeGreaterThanOrEqual(4);
  });

  test("answers every batch with the state Lambda requires, and closes each window with no records", () => {
    for (const invocation of local.invocations) {
      expect(invocation.result).toMatchObject({ kind: "returned", response: { state: expect.any(Object) } });
    }
    const closing = local.invocations.filter((i) => i.records.length === 0);
    expect(closing.length).toBe(local.logLines.filter((l) => l.message === "window closed").length);
  });
});
