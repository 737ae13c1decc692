import { readFileSync } from "node:fs";
import * as path from "node:path";
import { processStreamBatch } from "../../handlers/batch";
import type { ChangeHandler } from "../../handlers/contract";
import { createLogger } from "../../handlers/logger";
import type { StreamChange } from "../../handlers/stream-change";
import { checkedItems, type StandardSchemaV1 } from "../../handlers/typed-items";
import { findProjectRoot } from "../../settings/project-root";
import { logChange as bookHandler } from "../fixtures/handlers/book/record";
import { captureLogs } from "../support/log-capture";
import { lambdaContext, streamEvent, streamRecord } from "../support/records";

interface Book {
  author: string;
  bookTitle: string;
  pages: number;
}

const BOOK = { author: "Dan Brown", bookTitle: "Digital Fortress" };
const keys = BOOK;
const modify = (after: Record<string, unknown>, before: Record<string, unknown> = { ...BOOK, pages: 1 }) =>
  streamRecord({ eventName: "MODIFY", keys, after, before });

async function run(handleChange: ChangeHandler, records = [modify({ ...BOOK, pages: 510 })]) {
  return captureLogs(() =>
    processStreamBatch(streamEvent(records), lambdaContext(), { logger: createLogger(), handleChange }),
  );
}

/** A Standard Schema written by hand, as zod or valibot would present one: pages must be a number. */
const bookSchema: StandardSchemaV1<Book> = {
  "~standard": {
    version: 1,
    vendor: "test",
    validate: async (value) => {
      const item = value as Record<string, unknown>;
      return typeof item.pages === "number"
        ? { value: { author: String(item.author), bookTitle: String(item.bookTitle), pages: item.pages } }
        : { issues: [{ message: "Expected number", path: [{ key: "pages" }] }] };
    },
  },
};

describe("a handler of typed items", () => {
  test("is given both images once the check passes them", async () => {
    const seen: StreamChange<Book>[] = [];
    const { result } = await run(
      checkedItems<Book>(
        () => undefined,
        (change) => void seen.push(change),
      ),
    );
    expect(result).toEqual({ batchItemFailures: [] });
    expect(seen[0]).toMatchObject({ newImage: { pages: 510 }, oldImage: { pages: 1 } });
  });

  test("gets a Standard Schema's output, not the raw image", async () => {
    const seen: StreamChange<Book>[] = [];
    await run(
      checkedItems(bookSchema, (change) => void seen.push(change)),
      [modify({ ...BOOK, pages: 3, extra: 1 })],
    );
    expect(seen[0].newImage).toEqual({ ...BOOK, pages: 3 });
  });

  test.each([
    [
      "a function",
      checkedItems<Book>(
        (item) => (typeof item.pages === "number" ? undefined : { path: "pages", reason: "not a number" }),
        () => {},
      ),
    ],
    ["a Standard Schema", checkedItems(bookSchema, () => {})],
  ])("reports a record whose image fails %s as malformed, with the path and the reason", async (_, handler) => {
    const record = modify({ ...BOOK, pages: "many" });
    let called = false;
    const { result, lines } = await run(
      async (change, logger) => {
        await handler(change, logger);
        called = true;
      },
      [record],
    );
    expect(called).toBe(false);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber }] });
    const line = lines.find((l) => l.message === "record rejected as malformed");
    expect(line?.reason).toMatch(/^dynamodb\.NewImage\.pages fails the item check: (not a number|Expected number)$/);
  });

  test("checks the old image too", async () => {
    const { lines } = await run(
      checkedItems(bookSchema, () => {}),
      [modify({ ...BOOK, pages: 2 }, { ...BOOK })],
    );
    expect(lines.find((l) => l.message === "record rejected as malformed")?.reason).toBe(
      "dynamodb.OldImage.pages fails the item check: Expected number",
    );
  });

  test("the README's Book handler is the one tested here, and logs the typed field", async () => {
    const readme = readFileSync(path.join(findProjectRoot(), "README.md"), "utf8");
    const fixture = readFileSync(path.join(__dirname, "../fixtures/handlers/book/record.ts"), "utf8");
    expect(readme).toContain(fixture.replaceAll("../../../../handlers/", "./"));
    const { lines } = await run(bookHandler);
    expect(lines.find((l) => l.message === "book")).toMatchObject({ pages: 510 });
  });
});
