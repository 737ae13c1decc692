import { spawnSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { bundleDir, bundleHandler, findProjectRoot } from "../../constructs/handler-bundle";
import { checkout } from "../support/checkout";
import { walkthrough } from "../support/records";
import { runAppCommand } from "../support/run-app";
import { tempDir } from "../support/stack";

describe("the bundled handler", () => {
  const bundle = bundleHandler("handlers/stream-handler.ts");

  test("stays within the 40 KB budget", () => {
    expect(bundle.bytes).toBeLessThanOrEqual(40 * 1024);
  });

  test("names its content as cdktf's TerraformAsset would, which copies it under that name", () => {
    const { hashPath } = require("cdktf/lib/private/fs") as { hashPath: (file: string) => string };
    expect(bundle.contentHash).toBe(hashPath(bundle.file));
  });

  test("is the same bytes every time it is bundled", () => {
    const first = readFileSync(bundle.file);
    bundleHandler("handlers/stream-handler.ts");
    expect(readFileSync(bundle.file).equals(first)).toBe(true);
  });

  test("runs from a folder with no node_modules, as in Lambda, and answers the walkthrough", () => {
    const dir = tempDir("lambda-task-");
    copyFileSync(bundle.file, path.join(dir, "index.js"));
    const script = `require("./index.js").handler(${JSON.stringify({ Records: walkthrough() })}, {
      awsRequestId: "r-1", functionName: "f", functionVersion: "1", invokedFunctionArn: "arn", memoryLimitInMB: "256",
      getRemainingTimeInMillis: () => 1000 }).then((r) => process.stderr.write(JSON.stringify(r)))`;
    const run = spawnSync(process.execPath, ["-e", script], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH },
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stderr)).toEqual({ batchItemFailures: [] });
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.eventName)).toEqual(["INSERT", "MODIFY", "REMOVE"]);
  });

  test("names what failed when the entry does not bundle", () => {
    expect(() => bundleHandler("handlers/no-such-handler.ts")).toThrow(
      /esbuild could not bundle handlers\/no-such-handler\.ts/,
    );
  });
});

describe("an esbuild stopped by a signal (Ctrl-C reaches the whole process group)", () => {
  test("is reported as stopped, not as a handler that does not bundle", () => {
    const project = tempDir("stopped-esbuild-");
    const bin = path.join(project, "node_modules", "@esbuild", `${process.platform}-${process.arch}`, "bin");
    mkdirSync(bin, { recursive: true });
    writeFileSync(path.join(bin, "esbuild"), "#!/bin/sh\nkill -INT $$\n", { mode: 0o755 });
    writeFileSync(path.join(project, "handler.ts"), "export const handler = async () => ({});\n");
    expect(() => bundleHandler("handler.ts", project)).toThrow(
      "esbuild was stopped by SIGINT while bundling handler.ts",
    );
  });
});

describe("a handler that imports a package that is not installed", () => {
  const root = findProjectRoot();
  const dir = path.join(root, "__tests__", "fixtures", "handlers", `.missing-package-${process.pid}`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("is told to install the package, not to mark it external (the function would not find it)", () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, "handler.ts"),
      'import { v4 } from "@acme/not-installed/v4";\nexport const handler = async () => v4();\n',
    );
    const entry = path.relative(root, path.join(dir, "handler.ts"));
    let message = "";
    try {
      bundleHandler(entry);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('Could not resolve "@acme/not-installed/v4"');
    expect(message).toContain("npm install @acme/not-installed");
    expect(message).not.toContain("as external");
  });
});

describe("a bundle an earlier synth made", () => {
  const project = checkout(path.join(tempDir("bundle-reuse-"), "project"), { sampleConfig: true });
  const bundleFile = path.join(bundleDir("handlers/stream-handler.ts", project), "index.js");
  const synthAndStat = () => {
    expect(runAppCommand(project, "cdktf.out").status).toBe(0);
    return statSync(bundleFile).mtimeMs;
  };

  test("is used again while none of the files it was made from changed", () => {
    const made = synthAndStat();
    expect(synthAndStat()).toBe(made);
  });

  test("is made again once a file it was made from changed", () => {
    const made = synthAndStat();
    appendFileSync(path.join(project, "handlers", "stream-handler.ts"), 'console.log("bundle-reuse-probe");\n');
    expect(synthAndStat()).not.toBe(made);
    expect(readFileSync(bundleFile, "utf8")).toContain("bundle-reuse-probe");
  });

  test("is made again once a file is added beside the files it was made from", () => {
    const made = synthAndStat();
    writeFileSync(path.join(project, "handlers", "added-beside.ts"), "export const x = 1;\n");
    expect(synthAndStat()).not.toBe(made);
  });
});
