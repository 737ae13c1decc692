import * as path from "node:path";
import { synthesizeApp } from "../../constructs/app";
import { readRedriveTarget } from "../../redrive/stack-target";
import { CommandError } from "../../scripts/command-line";
import { devEnvironment, tempDir } from "../support/stack";

describe("the stack redrive works on, with a second consumer", () => {
  const outdir = path.join(tempDir("redrive-target-"), "cdktf.out");
  const audit = { name: "audit", handlerEntry: "handlers/stream-handler.ts" };
  expect(synthesizeApp([devEnvironment({}, { consumers: [audit] })], { outdir }).exitCode).toBe(0);

  test("is the trigger's own consumer by default", () => {
    const target = readRedriveTarget(outdir, "books-dev");
    expect([target.function.name, target.failureQueue]).toEqual([
      "books-dev-stream-handler",
      "books-dev-stream-handler-failures",
    ]);
  });

  test("is the named consumer with --consumer", () => {
    const target = readRedriveTarget(outdir, "books-dev", "audit");
    expect([target.function.name, target.failureQueue]).toEqual(["books-dev-audit", "books-dev-audit-failures"]);
  });

  test("refuses a consumer the stack lacks, listing those it has", () => {
    expect(() => readRedriveTarget(outdir, "books-dev", "index")).toThrow(
      new CommandError('stack books-dev has no consumer "index" (consumers: audit)'),
    );
  });
});
