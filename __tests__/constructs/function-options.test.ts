// The mapping and function options beyond the seeds': each emitted as the provider expects when set,
// and absent (today's output) when not.
import { devEnvironment, only, synthesize } from "../support/stack";

const KEY_ARN = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function resources(trigger: Parameters<typeof devEnvironment>[1]) {
  const { json } = synthesize(devEnvironment({}, trigger));
  const policy = JSON.parse(only(json, "aws_iam_role_policy").body.policy) as {
    Statement: { Sid: string; Action: string[]; Resource: unknown }[];
  };
  return {
    mapping: only(json, "aws_lambda_event_source_mapping").body,
    fn: only(json, "aws_lambda_function").body,
    statements: policy.Statement,
  };
}

describe("by default", () => {
  const { mapping, fn, statements } = resources({});

  test("the mapping has no tumbling window and encrypts its filters with an AWS owned key", () => {
    expect(mapping.tumbling_window_in_seconds).toBeUndefined();
    expect(mapping.kms_key_arn).toBeUndefined();
  });

  test("the function runs on arm64, unreserved, with no tracing mode set", () => {
    expect(fn.architectures).toEqual(["arm64"]);
    expect(fn.reserved_concurrent_executions).toBeUndefined();
    expect(fn.tracing_config).toBeUndefined();
  });

  test("the function's variables are the template's only", () => {
    expect(Object.keys(fn.environment.variables).sort()).toEqual(["POWERTOOLS_LOG_LEVEL", "POWERTOOLS_SERVICE_NAME"]);
  });

  test("the role grants nothing for X-Ray", () => {
    expect(statements.flatMap((s) => s.Action).filter((a) => a.startsWith("xray:"))).toEqual([]);
  });
});

test("tumblingWindowSeconds becomes the mapping's tumbling_window_in_seconds", () => {
  expect(resources({ tumblingWindowSeconds: 120 }).mapping.tumbling_window_in_seconds).toBe(120);
});

test("filterEncryptionKeyArn becomes the mapping's kms_key_arn", () => {
  expect(resources({ filterEncryptionKeyArn: KEY_ARN }).mapping.kms_key_arn).toBe(KEY_ARN);
});

test("handlerEnvironment's variables are set beside the template's", () => {
  const { fn } = resources({ handlerEnvironment: { ORDERS_API: "https://example.com", RETRIES: "3" } });
  expect(fn.environment.variables).toEqual({
    POWERTOOLS_SERVICE_NAME: "books-dev-stream-handler",
    POWERTOOLS_LOG_LEVEL: "INFO",
    ORDERS_API: "https://example.com",
    RETRIES: "3",
  });
});

test("a handler variable holding ${ or %{ is escaped, so Terraform hands it to the function as written", () => {
  // Terraform reads ${...} and %{...} in any string as its own template: $${ and %%{ are its literal forms.
  const { fn } = resources({ handlerEnvironment: { GREETING: "Hello ${name}", LOOP: "%{ for x in y }" } });
  expect(fn.environment.variables).toMatchObject({ GREETING: "Hello $${name}", LOOP: "%%{ for x in y }" });
});

test("a filter pattern holding ${ is escaped for Terraform too", () => {
  const { mapping } = resources({ filterPatterns: [{ dynamodb: { NewImage: { note: { S: ["${price}"] } } } }] });
  expect(mapping.filter_criteria.filter[0].pattern).toBe('{"dynamodb":{"NewImage":{"note":{"S":["$${price}"]}}}}');
});

test("reservedConcurrency becomes the function's reserved_concurrent_executions", () => {
  expect(resources({ reservedConcurrency: 5 }).fn.reserved_concurrent_executions).toBe(5);
});

test("architecture x86_64 becomes the function's only architecture", () => {
  expect(resources({ architecture: "x86_64" }).fn.architectures).toEqual(["x86_64"]);
});

describe("tracing", () => {
  test("Active sets the mode and lets the function write traces, with X-Ray's two write actions only", () => {
    const { fn, statements } = resources({ tracing: "Active" });
    expect(fn.tracing_config).toEqual({ mode: "Active" });
    const xray = statements.filter((s) => s.Action.some((a) => a.startsWith("xray:")));
    expect(xray).toEqual([
      {
        Sid: "WriteTraces",
        Effect: "Allow",
        Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
        Resource: "*",
      },
    ]);
  });

  test("PassThrough is written out, so that it switches a live Active function back, and grants nothing", () => {
    const { fn, statements } = resources({ tracing: "PassThrough" });
    expect(fn.tracing_config).toEqual({ mode: "PassThrough" });
    expect(statements.flatMap((s) => s.Action).filter((a) => a.startsWith("xray:"))).toEqual([]);
  });
});
