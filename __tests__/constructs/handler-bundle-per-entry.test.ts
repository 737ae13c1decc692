import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { synthesizeApp } from "../../constructs/app";
import { findProjectRoot } from "../../settings/project-root";
import { BOOKS, devEnvironment, only, synthesizeAll, tempDir } from "../support/stack";

const root = findProjectRoot();

/** What the handler in a stack's zipped asset answers when invoked. */
function answerOf(stackDir: string, archiveSource: string): unknown {
  const file = path.join(stackDir, archiveSource.replace("${path.module}/", ""));
  const script = `require(${JSON.stringify(file)}).handler({ Records: [] }, {}).then((r) => process.stdout.write(JSON.stringify(r)))`;
  return JSON.parse(spawnSync(process.execPath, ["-e", script], { encoding: "utf8" }).stdout);
}

describe("two handlers that share a file name in different folders", () => {
  test("each ship their own code", () => {
    const outdir = path.join(tempDir("two-index-"), "cdktf.out");
    const environment = devEnvironment({
      triggers: [
        { ...BOOKS, tableName: "alpha", handlerEntry: "__tests__/fixtures/handlers/a/index.ts" },
        { ...BOOKS, tableName: "beta", handlerEntry: "__tests__/fixtures/handlers/b/index.ts" },
      ],
    });
    expect(synthesizeApp([environment], { outdir }).exitCode).toBe(0);
    const stacks = synthesizeAll([environment]);
    for (const [stack, from] of [
      ["alpha-dev", "handler-a"],
      ["beta-dev", "handler-b"],
    ]) {
      const archive = only(stacks.get(stack)!, "archive_file", "data").body;
      expect(answerOf(path.join(outdir, "stacks", stack), archive.source_file)).toMatchObject({ from });
    }
  });
});

/** Synthesizes a dev stack whose handler entry is a file of this source, written under `dir`. */
function synthesizeEntry(dir: string, file: string, source: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, file), source);
  const entry = path.relative(root, path.join(dir, file));
  const outdir = path.join(tempDir("entry-"), "cdktf.out");
  const lines: string[] = [];
  const result = synthesizeApp([devEnvironment({}, { handlerEntry: entry })], {
    outdir,
    stderr: (line) => lines.push(line),
  });
  return { entry, outdir, exitCode: result.exitCode, stderr: lines.join("\n") };
}

describe("a handler that does not compile", () => {
  const dir = path.join(root, "__tests__", "fixtures", "handlers", `.broken-${process.pid}`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("stops the synth with esbuild's message, no stack trace, and nothing written", () => {
    const run = synthesizeEntry(dir, "handler.ts", "export const handler = async () => {\n  return (;\n};\n");
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^esbuild could not bundle ${run.entry.replace(/[.]/g, "\\.")}:\n`));
    expect(run.stderr).toContain("handler.ts:2:");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(run.outdir)).toBe(false);
  });
});

describe("a handler entry that exports no handler", () => {
  // Lambda calls index.handler: without it every invocation fails with Runtime.HandlerNotFound, every
  // record is retried and parked, and neither tsc nor esbuild notices.
  const dir = path.join(root, "__tests__", "fixtures", "handlers", `.no-export-${process.pid}`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("stops the synth naming the entry and the missing export, and nothing is written", () => {
    const run = synthesizeEntry(dir, "handler.ts", "export const handle = async () => ({ batchItemFailures: [] });\n");
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      `${run.entry} exports no \`handler\` (it exports: handle); Lambda calls index.handler, so export it: export const handler = async (event, context) => ...`,
    );
    expect(existsSync(run.outdir)).toBe(false);
  });

  test("passes when the handler is re-exported from another file", () => {
    expect(synthesizeEntry(dir, "reexport.ts", 'export * from "../a/index";\n').exitCode).toBe(0);
  });

  test("is told apart from a package re-exported whole, whose exports are read from the package", () => {
    const run = synthesizeEntry(dir, "from-package.ts", 'export * from "@aws-sdk/util-dynamodb";\n');
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/exports no `handler` \(it exports: .*unmarshall/);
  });
});

describe("a handler with a type error", () => {
  const dir = path.join(root, "__tests__", "fixtures", "handlers", `.type-error-${process.pid}`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("is synthesized as it is: esbuild strips types, tsc (npm run typecheck, npm test) checks them", () => {
    const source = "export const handler = async () => {\n  const total: string = 5;\n  return { total };\n};\n";
    expect(synthesizeEntry(dir, "handler.ts", source).exitCode).toBe(0);
  });
});
