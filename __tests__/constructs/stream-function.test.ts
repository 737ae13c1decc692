import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { DataArchiveFile } from "@cdktf/provider-archive/lib/data-archive-file";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { bundleDir, bundleHandler, esbuildTarget, findProjectRoot } from "../../constructs/handler-bundle";
import { LAMBDA_RUNTIMES } from "../../settings/trigger-settings";
import { devEnvironment, only, ref, synthesize } from "../support/stack";

describe("the log group", () => {
  const { synth } = synthesize();

  test("is the function's default group, declared so Lambda never creates an unmanaged one", () => {
    expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/aws/lambda/books-dev-stream-handler" });
  });

  test("keeps logs 14 days by default", () => {
    expect(synth).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 14 });
  });

  test("keeps logs as long as configured", () => {
    const { synth: other } = synthesize(devEnvironment({}, { logRetentionDays: 365 }));
    expect(other).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 365 });
  });
});

describe("the function", () => {
  const { synth, json } = synthesize();
  const fn = only(json, "aws_lambda_function");
  const archive = only(json, "archive_file", "data");

  test("runs the bundled handler on Node.js 22", () => {
    expect(synth).toHaveResourceWithProperties(LambdaFunction, {
      function_name: "books-dev-stream-handler",
      runtime: "nodejs22.x",
      handler: "index.handler",
    });
  });

  test("uses the role declared beside it", () => {
    expect(fn.body.role).toBe(ref(only(json, "aws_iam_role").address, "arn"));
  });

  test("deploys the archive's file and is updated when the archive's hash changes", () => {
    expect(fn.body.filename).toBe(ref(archive.address, "output_path"));
    expect(fn.body.source_code_hash).toBe(ref(archive.address, "output_base64sha256"));
  });

  test("has 256 MB, 30 s and log level INFO by default", () => {
    expect(fn.body.memory_size).toBe(256);
    expect(fn.body.timeout).toBe(30);
    expect(fn.body.environment.variables.POWERTOOLS_LOG_LEVEL).toBe("INFO");
    expect(fn.body.logging_config.application_log_level).toBe("INFO");
  });

  test("takes memory, timeout and log level from config", () => {
    const { json: other } = synthesize(
      devEnvironment({}, { memorySize: 1024, timeoutSeconds: 120, logLevel: "DEBUG" }),
    );
    const body = only(other, "aws_lambda_function").body;
    expect([body.memory_size, body.timeout]).toEqual([1024, 120]);
    expect(body.environment.variables.POWERTOOLS_LOG_LEVEL).toBe("DEBUG");
    expect(body.logging_config.application_log_level).toBe("DEBUG");
  });

  test("logs JSON into the declared log group, created before the function", () => {
    const logGroup = only(json, "aws_cloudwatch_log_group").address;
    expect(fn.body.logging_config.log_format).toBe("JSON");
    expect(fn.body.logging_config.log_group).toBe(ref(logGroup, "name"));
    expect(fn.body.depends_on).toEqual([logGroup]);
  });

  test("names its Powertools service after itself", () => {
    expect(fn.body.environment.variables.POWERTOOLS_SERVICE_NAME).toBe("books-dev-stream-handler");
  });
});

describe("the archive", () => {
  const { synth, json, stack } = synthesize();
  const archive = only(json, "archive_file", "data").body;

  test("zips the bundled handler with a fixed file mode", () => {
    expect(synth).toHaveDataSourceWithProperties(DataArchiveFile, { type: "zip", output_file_mode: "0644" });
  });

  test("uses paths relative to the stack folder", () => {
    expect(archive.source_file).toMatch(/^\$\{path\.module\}\/assets\/[^/]+\/[0-9A-F]{32}\/index\.js$/);
    expect(archive.output_path).toBe("${path.module}/dist/books-dev-stream-handler.zip");
  });

  test("zips the file esbuild bundled from handlers/stream-handler.ts", () => {
    const bundled = path.join(bundleDir("handlers/stream-handler.ts", findProjectRoot(), "nodejs22.x"), "index.js");
    expect(existsSync(bundled)).toBe(true);
    expect(stack.trigger.function.bundleBytes).toBe(readFileSync(bundled).byteLength);
  });
});

describe("the runtime", () => {
  const { json: node24 } = synthesize(devEnvironment({}, { runtime: "nodejs24.x" }));

  test("is nodejs24.x when configured", () => {
    expect(only(node24, "aws_lambda_function").body.runtime).toBe("nodejs24.x");
  });

  test.each(LAMBDA_RUNTIMES)("bundles for %s with esbuild's matching node target, cached apart", (runtime) => {
    const bundle = bundleHandler("handlers/stream-handler.ts", findProjectRoot(), runtime);
    expect(esbuildTarget(runtime)).toBe(`node${runtime.match(/\d+/)?.[0]}`);
    expect(bundle.file).toContain(`${path.sep}${esbuildTarget(runtime)}${path.sep}`);
  });
});
