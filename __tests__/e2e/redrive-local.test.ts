// Park, fix, replay, locally: a record that fails until its handler is fixed is parked by the local
// runner, and redrive brings it back from the running session's stream, exactly once.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { RecordFile } from "../../redrive/record-file";
import type { RedriveTarget } from "../../redrive/stack-target";
import { fixedFlag, processedLog } from "../fixtures/handlers/fail-until-fixed";
import { tempDir } from "../support/stack";
import { LocalRedrive } from "./support/local-redrive";
import { booksTrigger, LocalTrigger } from "./support/local-trigger";

const HANDLER = "__tests__/fixtures/handlers/fail-until-fixed.ts";
const book = (n: number, extra: Record<string, unknown> = {}) => ({
  author: `Author ${n}`,
  bookTitle: `Title ${n}`,
  ...extra,
});

describe("redrive --local --replay: park, fix, replay", () => {
  let local: LocalTrigger;
  let redriver: LocalRedrive;
  let target: RedriveTarget;
  let queueFolder: string;

  /** How many times the handler processed each book, whoever ran it. */
  const processed = () => {
    const file = processedLog(path.dirname(local.outdir), target.function.name);
    const counts = new Map<string, number>();
    if (!existsSync(file)) return counts;
    for (const line of readFileSync(file, "utf8").trim().split("\n"))
      counts.set(JSON.parse(line).author, (counts.get(JSON.parse(line).author) ?? 0) + 1);
    return counts;
  };
  const parked = () => (existsSync(queueFolder) ? readdirSync(queueFolder).filter((f) => f.endsWith(".json")) : []);
  const run = (options: { replay: boolean; out?: RecordFile; max?: number }) => redriver.run(options);

  beforeAll(async () => {
    local = await new LocalTrigger(booksTrigger("redrive", { handlerEntry: HANDLER, maximumRetryAttempts: 1 })).start();
    redriver = new LocalRedrive(local);
    ({ target, queueFolder } = redriver);
    for (const n of [1, 2]) await local.put(book(n));
    await local.put(book(3, { flaky: true }));
    for (const n of [4, 5]) await local.put(book(n));
    await local.waitFor("four books processed and one parked", () => processed().size >= 4 && local.parked.length >= 1);
  });

  afterAll(async () => {
    await local.stop();
    redriver.close();
    rmSync(fixedFlag(path.dirname(local.outdir), target.function.name), { force: true });
    rmSync(processedLog(path.dirname(local.outdir), target.function.name), { force: true });
  });

  test("the failing record is parked as one message, the others processed once", () => {
    expect(parked()).toHaveLength(1);
    expect([...processed().entries()].sort()).toEqual([1, 2, 4, 5].map((n) => [`Author ${n}`, 1]));
  });

  test("before the fix, a replay fails again: the message is kept and the run reports it", async () => {
    const summary = await run({ replay: true });
    expect(summary).toMatchObject({ messages: 1, removed: 0, kept: 1, found: 1, replayed: 0, lost: 0 });
    expect(summary.problems).toHaveLength(1);
    expect(summary.problems[0]).toContain("failed");
    expect(parked()).toHaveLength(1);
    expect(processed().get("Author 3")).toBeUndefined();
  });

  test("without --replay, the records are shown and saved as Lambda delivers them, and the message stays", async () => {
    const file = path.join(tempDir("redrive-out-"), "records.jsonl");
    const out = new RecordFile(file);
    const summary = await run({ replay: false, out });
    out.close();
    expect(summary).toMatchObject({ messages: 1, removed: 0, kept: 1, found: 1, problems: [] });
    const saved = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      eventName: "INSERT",
      eventSource: "aws:dynamodb",
      eventSourceARN: expect.stringContaining(`table/${local.tableName}/stream/`),
      dynamodb: { Keys: { author: { S: "Author 3" } }, NewImage: { flaky: { BOOL: true } } },
    });
    expect(parked()).toHaveLength(1);
  });

  test("after the fix, the replay processes the parked record exactly once and deletes the message", async () => {
    writeFileSync(fixedFlag(path.dirname(local.outdir), target.function.name), "");
    const summary = await run({ replay: true });
    expect(summary).toMatchObject({ messages: 1, removed: 1, kept: 0, found: 1, replayed: 1, lost: 0, problems: [] });
    expect(parked()).toEqual([]);
    expect([...processed().entries()].sort()).toEqual([1, 2, 3, 4, 5].map((n) => [`Author ${n}`, 1]));
  });

  test("a second run finds nothing", async () => {
    const summary = await run({ replay: true });
    expect(summary).toMatchObject({ messages: 0, problems: [] });
    expect(processed().get("Author 3")).toBe(1);
  });
});
