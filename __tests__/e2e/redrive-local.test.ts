// Park, fix, replay, locally, for both failure destinations: a record that fails until its handler is
// fixed is parked by the local runner (a queue's message pointing into the stream, or a bucket's object
// holding the record), and redrive brings it back exactly once. With a bucket, the table and its stream
// are deleted before any replay: the object alone must be enough.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { RecordFile } from "../../redrive/record-file";
import { snapshot } from "../support/file-tree";
import { tempDir } from "../support/stack";
import { FAIL_UNTIL_FIXED, LocalRedrive, parkTheThirdOfFive } from "./support/local-redrive";
import { booksTrigger, LocalTrigger } from "./support/local-trigger";

describe.each([
  { destination: "sqs", kind: "message" },
  { destination: "s3", kind: "object" },
] as const)("redrive --local --replay, failureDestination $destination: park, fix, replay", ({ destination, kind }) => {
  let local: LocalTrigger;
  let redriver: LocalRedrive;

  const processed = () => redriver.processed();
  /** What the queue's or the bucket's folder holds. */
  const parked = () => (existsSync(redriver.queueFolder) ? [...snapshot(redriver.queueFolder).keys()] : []);
  const run = (options: { replay: boolean; out?: RecordFile; max?: number }) => redriver.run(options);

  beforeAll(async () => {
    const trigger = booksTrigger(`redrive${destination}`, {
      handlerEntry: FAIL_UNTIL_FIXED,
      maximumRetryAttempts: 1,
      failureDestination: destination,
    });
    local = await new LocalTrigger(trigger).start();
    redriver = new LocalRedrive(local);
    await parkTheThirdOfFive(local, redriver);
    if (destination === "s3") await local.deleteTable();
  });

  afterAll(async () => {
    await local.stop();
    redriver.close();
  });

  test(`the failing record is parked as one ${kind}, the others processed once`, () => {
    expect(parked()).toHaveLength(1);
    expect([...processed().entries()].sort()).toEqual([1, 2, 4, 5].map((n) => [`Author ${n}`, 1]));
  });

  test(`before the fix, a replay fails again: the ${kind} is kept and the run reports it`, async () => {
    const summary = await run({ replay: true });
    expect(summary).toMatchObject({ messages: 1, removed: 0, kept: 1, found: 1, replayed: 0, lost: 0 });
    expect(summary.problems).toEqual([expect.stringContaining("replayed: 0 accepted, 1 record failed")]);
    expect(parked()).toHaveLength(1);
    expect(processed().get("Author 3")).toBeUndefined();
  });

  test(`without --replay, the records are shown and saved as Lambda delivers them, and the ${kind} stays`, async () => {
    const file = path.join(tempDir("redrive-out-"), "records.jsonl");
    const out = new RecordFile(file);
    const summary = await run({ replay: false, out });
    out.close();
    expect(summary).toMatchObject({ messages: 1, removed: 0, kept: 1, found: 1, problems: [] });
    const saved = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(saved).toEqual(local.parked[0].records);
    expect(saved[0]).toMatchObject({
      eventName: "INSERT",
      eventSource: "aws:dynamodb",
      eventSourceARN: expect.stringContaining(`table/${local.tableName}/stream/`),
      dynamodb: { Keys: { author: { S: "Author 3" } }, NewImage: { flaky: { BOOL: true } } },
    });
    expect(parked()).toHaveLength(1);
  });

  test(`after the fix, the replay processes the parked record exactly once and deletes the ${kind}`, async () => {
    redriver.fix();
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
