import * as path from "node:path";
import { synthesizeApp } from "../../constructs/app";
import { readSynthesizedApp } from "../../emulation/synthesized-stacks";
import { existingTablesEnvironment } from "../fixtures/existing-tables";
import { devEnvironment, tempDir } from "../support/stack";

describe("reading the synthesized JSON for the local run", () => {
  const outdir = path.join(tempDir("local-read-"), "cdktf.out");
  const environment = devEnvironment(
    {},
    {
      batchSize: 25,
      batchingWindowSeconds: 2,
      startingPosition: "TRIM_HORIZON",
      streamViewType: "NEW_IMAGE",
      maximumRetryAttempts: 3,
      maximumRecordAgeSeconds: 600,
      timeoutSeconds: 12,
      memorySize: 512,
      filterPatterns: [{ eventName: ["INSERT"] }],
    },
  );
  expect(synthesizeApp([environment], { outdir }).exitCode).toBe(0);
  const app = readSynthesizedApp(outdir);
  const [mapping] = app.mappings;

  test("finds the table with its name, keys and view type", () => {
    expect(app.tables).toEqual([
      expect.objectContaining({
        name: "books-dev",
        hashKey: "author",
        rangeKey: "bookTitle",
        attributes: [
          { name: "author", type: "S" },
          { name: "bookTitle", type: "S" },
        ],
        streamViewType: "NEW_IMAGE",
      }),
    ]);
  });

  test("finds the table's environment and its deletion protection", () => {
    expect(app.tables[0]).toMatchObject({ environment: "dev", deletionProtection: false });
  });

  test("lists the environments in config order, not by name", () => {
    const outdir = path.join(tempDir("local-order-"), "cdktf.out");
    const dev = devEnvironment();
    const guarded = devEnvironment({}, { deletionProtection: true });
    expect(synthesizeApp([{ ...guarded, environment: "qa" }, dev], { outdir }).exitCode).toBe(0);
    const read = readSynthesizedApp(outdir);
    expect(read.environments).toEqual(["qa", "dev"]);
    expect(read.tables.find((t) => t.environment === "qa")?.deletionProtection).toBe(true);
    expect(read.mappings.map((m) => m.function.handlerEntry)).toEqual([
      "handlers/stream-handler.ts",
      "handlers/stream-handler.ts",
    ]);
  });

  test("finds the mapping's settings", () => {
    expect(mapping).toMatchObject({
      batchSize: 25,
      batchingWindowSeconds: 2,
      startingPosition: "TRIM_HORIZON",
      enabled: true,
      filterPatterns: ['{"eventName":["INSERT"]}'],
      reportBatchItemFailures: true,
      bisectOnError: true,
      maximumRetryAttempts: 3,
      maximumRecordAgeSeconds: 600,
      failureQueue: "books-dev-stream-handler-failures",
    });
  });

  test("resolves the function to the bundled file the archive zips, inside the stack folder", () => {
    expect(mapping.function.file.startsWith(path.join(outdir, "stacks", "books-dev", "assets"))).toBe(true);
    expect(mapping.function.file.endsWith("/index.js")).toBe(true);
    expect(mapping.function).toMatchObject({
      name: "books-dev-stream-handler",
      exportName: "handler",
      timeoutSeconds: 12,
      memorySize: 512,
      region: "eu-west-1",
      environment: { POWERTOOLS_SERVICE_NAME: "books-dev-stream-handler", POWERTOOLS_LOG_LEVEL: "INFO" },
    });
  });

  test("reads a handler variable and a filter pattern as Terraform would hand them over, unescaped", () => {
    const literal = path.join(tempDir("local-literal-"), "cdktf.out");
    const config = devEnvironment(
      {},
      {
        handlerEnvironment: { GREETING: "Hello ${name}", LOOP: "%{ for x in y }" },
        filterPatterns: [{ dynamodb: { NewImage: { note: { S: ["${price}"] } } } }],
      },
    );
    expect(synthesizeApp([config], { outdir: literal }).exitCode).toBe(0);
    const [read] = readSynthesizedApp(literal).mappings;
    expect(read.function.environment).toMatchObject({ GREETING: "Hello ${name}", LOOP: "%{ for x in y }" });
    expect(read.filterPatterns).toEqual(['{"dynamodb":{"NewImage":{"note":{"S":["${price}"]}}}}']);
  });

  test("reads only the stacks of the latest synth, not folders an earlier one left", () => {
    const shared = path.join(tempDir("local-stale-"), "cdktf.out");
    const usersPost = { tableName: "UsersPost", partitionKey: { name: "user_id" }, sortKey: { name: "post_id" } };
    const two = devEnvironment({}, {});
    expect(synthesizeApp([{ ...two, triggers: [...two.triggers, usersPost] }], { outdir: shared }).exitCode).toBe(0);
    expect(synthesizeApp([devEnvironment()], { outdir: shared }).exitCode).toBe(0);
    expect(readSynthesizedApp(shared).tables.map((t) => t.name)).toEqual(["books-dev"]);
  });

  test("says clearly when nothing was synthesized", () => {
    expect(() => readSynthesizedApp(tempDir("empty-"))).toThrow(
      /no synthesized stacks in .*: run npx cdktf synth first/,
    );
  });
});

describe("reading a stack whose table exists already", () => {
  const outdir = path.join(tempDir("local-existing-"), "cdktf.out");
  expect(synthesizeApp([existingTablesEnvironment], { outdir }).exitCode).toBe(0);
  const app = readSynthesizedApp(outdir);

  test.each(["UsersPost", "Orders"])("finds %s as a stand-in modelled from its config", (name) => {
    const mapping = app.mappings.find((m) => m.table.name === name);
    expect(mapping?.table).toMatchObject({ name, streamViewType: "NEW_AND_OLD_IMAGES" });
  });

  test("finds an adopted table with its indexes and TTL", () => {
    expect(app.tables.find((t) => t.name === "Catalog")).toMatchObject({
      globalSecondaryIndexes: [expect.objectContaining({ name: "byBrand", hashKey: "brand" })],
      localSecondaryIndexes: [expect.objectContaining({ name: "byPrice", rangeKey: "price" })],
      ttlAttribute: "expiresAt",
    });
  });
});
