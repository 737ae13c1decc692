// A stream read by two consumers: each its own function, role, mapping, failure destination and alarms.
import { ACCOUNT, decide, STREAM } from "../support/iam-simulator";
import { devEnvironment, ref, synthesize } from "../support/stack";

const audit = {
  name: "audit",
  handlerEntry: "handlers/stream-handler.ts",
  batchSize: 10,
  failureDestination: "s3" as const,
};
const { json } = synthesize(devEnvironment({}, { consumers: [audit] }));
const plain = synthesize().json;
const of = (type: string) => Object.entries(json.resource[type] ?? {}) as [string, Record<string, any>][];
const byName = (type: string, field: string, name: string) => {
  const found = of(type).find(([, body]) => body[field] === name);
  if (!found) throw new Error(`no ${type} with ${field} ${name}`);
  return { address: `${type}.${found[0]}`, body: found[1] };
};

describe("a trigger with a second consumer", () => {
  test("keeps every resource of its first consumer at the address it had", () => {
    for (const [type, resources] of Object.entries(plain.resource))
      for (const [name, body] of Object.entries(resources)) expect(json.resource[type]?.[name]).toEqual(body);
  });

  test("gives the consumer a function named <table>-<environment>-<name>, with its own settings", () => {
    const fn = byName("aws_lambda_function", "function_name", "books-dev-audit");
    expect(fn.body.role).toBe(ref(byName("aws_iam_role", "name", "books-dev-audit").address, "arn"));
  });

  test("gives the consumer its own mapping on the same stream", () => {
    const fn = byName("aws_lambda_function", "function_name", "books-dev-audit");
    const mappings = of("aws_lambda_event_source_mapping").map(([, body]) => body);
    expect(mappings.map((m) => m.event_source_arn)).toEqual([
      mappings[0].event_source_arn,
      mappings[0].event_source_arn,
    ]);
    const own = mappings.find((m) => m.function_name === ref(fn.address, "arn"));
    expect(own?.batch_size).toBe(10);
  });

  test("gives the consumer the failure destination it asks for", () => {
    expect(of("aws_s3_bucket").map(([, b]) => b.bucket_prefix ?? b.bucket)).toEqual([
      expect.stringMatching(/^books-dev-audit-failures-/),
    ]);
    expect(of("aws_sqs_queue").map(([, b]) => b.name)).toEqual(["books-dev-stream-handler-failures"]);
  });

  test("gives the consumer its own log group and alarms", () => {
    expect(byName("aws_cloudwatch_log_group", "name", "/aws/lambda/books-dev-audit")).toBeDefined();
    const alarms = of("aws_cloudwatch_metric_alarm").map(([, b]) => b.alarm_name as string);
    expect(alarms.filter((n) => n.startsWith("books-dev-audit-")).length).toBeGreaterThan(0);
    expect(
      alarms.filter((n) => n.startsWith("books-dev-audit-")).map((n) => n.slice("books-dev-audit-".length)),
    ).toEqual(
      alarms
        .filter((n) => n.startsWith("books-dev-stream-handler-"))
        .map((n) => n.slice("books-dev-stream-handler-".length)),
    );
  });

  test("outputs the consumer's function, mapping and failure destination under its name", () => {
    expect(
      Object.keys(json.output)
        .filter((k) => k.startsWith("audit_"))
        .sort(),
    ).toEqual([
      "audit_failure_bucket_name",
      "audit_function_name",
      "audit_log_group_name",
      "audit_mapping_uuid",
      "audit_redrive_policy",
    ]);
  });

  test("lets each role read the stream, write its own logs, and not the other's", async () => {
    const table = Object.keys(json.resource.aws_dynamodb_table)[0];
    const streamRef = ref(`aws_dynamodb_table.${table}`, "stream_arn");
    const policies = of("aws_iam_role_policy").map(([, b]) =>
      JSON.parse((b.policy as string).split(streamRef).join(STREAM("books-dev"))),
    );
    expect(policies).toHaveLength(2);
    for (const [i, policy] of policies.entries()) {
      const principal = `arn:aws:sts::${ACCOUNT}:assumed-role/r${i}/r${i}`;
      expect(await decide(policy, { action: "dynamodb:GetRecords", resource: STREAM("books-dev"), principal })).toBe(
        "Allowed",
      );
      expect(await decide(policy, { action: "dynamodb:GetRecords", resource: STREAM("other-dev"), principal })).toBe(
        "ImplicitlyDenied",
      );
    }
    const logResources = policies.map(
      (p) => p.Statement.find((s: { Sid: string }) => s.Sid === "WriteOwnLogs").Resource,
    );
    expect(new Set(logResources).size).toBe(2);
  });
});

describe("a consumer's alarms", () => {
  test("tell the person they wake how to redrive that consumer", () => {
    const parked = of("aws_cloudwatch_metric_alarm").find(([, b]) => b.alarm_name === "books-dev-audit-parked-records");
    expect(parked?.[1].alarm_description).toContain("npm run redrive -- <stack> --consumer audit");
  });
});
