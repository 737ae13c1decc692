// The saved Logs Insights queries: one set per consumer on its own log group, and every field they name
// present in the lines the bundled handler really writes.
import { spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import * as path from "node:path";
import { bundleHandler } from "../../constructs/handler-bundle";
import { logQueries } from "../../constructs/log-queries";
import { lambdaContext, streamRecord } from "../support/records";
import { devEnvironment, ref, synthesize, tempDir } from "../support/stack";

const BOOK = { author: "Dan Brown", bookTitle: "Digital Fortress" };
const KEYS = [
  { name: "author", type: "S" as const },
  { name: "bookTitle", type: "S" as const },
];

/** The lines a bundled handler prints for `records`, run as Lambda would (a bare folder, its own process). */
function linesOf(entry: string, records: unknown[]): Record<string, unknown>[] {
  const dir = tempDir("log-queries-");
  copyFileSync(bundleHandler(entry).file, path.join(dir, "index.js"));
  const { getRemainingTimeInMillis: _, ...context } = lambdaContext();
  const script = `require("./index.js").handler(${JSON.stringify({ Records: records })},
    { ...${JSON.stringify(context)}, getRemainingTimeInMillis: () => 1000 })`;
  const run = spawnSync(process.execPath, ["-e", script], {
    cwd: dir,
    encoding: "utf8",
    env: { PATH: process.env.PATH },
  });
  return `${run.stdout}${run.stderr}`
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l));
}

/** Logs Insights' flattening of a JSON line: every path to a value, dotted. */
function paths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return prefix ? [prefix] : [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(prefix ? [prefix] : []),
    ...paths(v, prefix ? `${prefix}.${k}` : k),
  ]);
}

/** The log fields a query names: its identifiers, less Logs Insights' words, @ fields and quoted values. */
function fieldsOf(query: string): string[] {
  const words = new Set([
    "fields",
    "filter",
    "sort",
    "desc",
    "asc",
    "limit",
    "and",
    "or",
    "not",
    "ispresent",
    "like",
    "stats",
    "by",
  ]);
  const bare = query.replace(/"(?:[^"\\]|\\.)*"/g, " ").replace(/@\w+/g, " ");
  const found = bare.match(/[A-Za-z_][\w]*(?:\.(?:`[^`]+`|[A-Za-z_]\w*))*/g) ?? [];
  return [...new Set(found.filter((w) => !words.has(w)).map((w) => w.replace(/`/g, "")))];
}

describe("the saved queries' fields", () => {
  const record = (eventName: "INSERT" | "MODIFY", extra: Record<string, unknown> = {}) =>
    streamRecord({ eventName, keys: BOOK, after: { ...BOOK, ...extra }, before: BOOK });
  const malformed = streamRecord({ eventName: "INSERT", keys: { ...BOOK, bookTitle: "Deception Point" } });
  malformed.dynamodb!.NewImage = { ...malformed.dynamodb!.NewImage, pages: { N: "not a number" } };
  // The template's handler: a change and a malformed record; the fixture on the same glue: a failed
  // record and a later change to the same item, deferred.
  const lines = [
    ...linesOf("handlers/stream-handler.ts", [record("INSERT"), malformed]),
    ...linesOf("__tests__/fixtures/handlers/fail-on-poison.ts", [record("MODIFY", { poison: true }), record("MODIFY")]),
  ];
  const written = new Set(lines.flatMap((l) => paths(l)));

  test("the handlers wrote a change, a failed, a malformed and a deferred record, and the batch lines", () => {
    expect(lines.map((l) => l.message)).toEqual(
      expect.arrayContaining([
        "item insert",
        "record rejected as malformed",
        "record failed",
        "record deferred: an earlier change to the same item failed",
        "batch processed",
      ]),
    );
  });

  test.each(
    logQueries(KEYS).map((q) => [q.title, q.query]),
  )("%s: one line the handler writes holds every field the query filters on", (_, query) => {
    const filtered = fieldsOf(
      query
        .split("\n")
        .filter((l) => l.startsWith("| filter"))
        .join("\n"),
    );
    expect(filtered.length).toBeGreaterThan(0);
    expect(lines.some((line) => filtered.every((f) => paths(line).includes(f)))).toBe(true);
  });

  test.each(logQueries(KEYS).map((q) => [q.title, q.query]))("%s: each field is one the handler writes", (_, query) => {
    const fields = fieldsOf(query);
    expect(fields.length).toBeGreaterThan(2);
    for (const f of fields) expect({ field: f, written: written.has(f) }).toEqual({ field: f, written: true });
  });
});

describe("the saved queries in a stack", () => {
  const { json } = synthesize();
  const queries = Object.values(json.resource.aws_cloudwatch_query_definition) as Record<string, any>[];
  const logGroup = Object.keys(json.resource.aws_cloudwatch_log_group)[0];

  test("are the three, filed under the function's name, each on its log group only", () => {
    expect(queries.map((q) => q.name).sort()).toEqual(
      logQueries(KEYS)
        .map((q) => `books-dev-stream-handler/${q.title}`)
        .sort(),
    );
    for (const q of queries) expect(q.log_group_names).toEqual([ref(`aws_cloudwatch_log_group.${logGroup}`, "name")]);
  });

  test("look one item up by the table's own keys", () => {
    const one = queries.find((q) => q.name.endsWith("changes to one item, newest first, with new and old image"))!;
    expect(one.query_string).toContain('keys.author = "<author>" and keys.bookTitle = "<bookTitle>"');
    expect(one.query_string).toContain("sort @timestamp desc");
  });

  test("escape a key name holding ${ for Terraform, which would read it as its own", () => {
    const { json: other } = synthesize(devEnvironment({}, { partitionKey: { name: "id${v}" }, sortKey: undefined }));
    const one = (Object.values(other.resource.aws_cloudwatch_query_definition) as Record<string, any>[]).find((q) =>
      q.name.includes("changes to one item"),
    )!;
    expect(one.query_string).toContain('`keys.id$${v}` = "<id$${v}>"');
  });

  test("quote a key name Logs Insights would not read bare, and take a number for an N key", () => {
    const { json: other } = synthesize(
      devEnvironment({}, { partitionKey: { name: "order-id", type: "N" }, sortKey: undefined }),
    );
    const one = (Object.values(other.resource.aws_cloudwatch_query_definition) as Record<string, any>[]).find((q) =>
      q.name.includes("changes to one item"),
    )!;
    // Logs Insights: a field with characters other than letters, digits, _, @ and . is backquoted whole.
    expect(one.query_string).toContain("`keys.order-id` = 0");
    expect(one.query_string).toContain("fields @timestamp, eventName, `keys.order-id`, sequenceNumber");
  });
});
