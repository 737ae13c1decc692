import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { synthesizeApp } from "../lib/app";
import { findProjectRoot } from "../lib/project-root";
import { BOOKS, devEnvironment, only, synthesizeAll, tempDir } from "./support/stack";

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

describe("a handler that does not compile", () => {
  const dir = path.join(root, "__tests__", "fixtures", "handlers", `.broken-${process.pid}`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("stops the synth with esbuild's message, no stack trace, and nothing written", () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "handler.ts"), "export const handler = async () => {\n  return (;\n};\n");
    const entry = path.relative(root, path.join(dir, "handler.ts"));
    const outdir = path.join(tempDir("broken-"), "cdktf.out");
    const lines: string[] = [];
    const result = synthesizeApp([devEnvironment({}, { handlerEntry: entry })], {
      outdir,
      stderr: (line) => lines.push(line),
    });
    expect(result.exitCode).toBe(1);
    expect(lines.join("\n")).toMatch(new RegExp(`^esbuild could not bundle ${entry.replace(/[.]/g, "\\.")}:\n`));
    expect(lines.join("\n")).toContain("handler.ts:2:");
    expect(lines.join("\n")).not.toMatch(/\n\s+at /);
    expect(existsSync(outdir)).toBe(false);
  });
});
