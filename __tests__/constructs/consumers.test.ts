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
const byName = (type: string, field: string, name: unknown) => {
  const found = of(type).find(([, body]) => body[field] === name);
  if (!found) throw new Error(`no ${type} with ${field} ${name}`);
  return { address: `${type}.${found[0]}`, body: found[1] };
};

describe("a trigger with a second consumer", () => {
  test("keeps every resource of its first consumer at the address it had", () => {
    // The dashboard is the stack's, not a consumer's: it gains the consumer's section (tested below).
    for (const [type, resources] of Object.entries(plain.resource))
      if (type !== "aws_cloudwatch_dashboard")
        for (const [name, body] of Object.entries(resources)) expect(json.resource[type]?.[name]).toEqual(body);
  });

  test("gives the stack's dashboard a section per consumer, the trigger's own first", () => {
    const [[, dashboard]] = of("aws_cloudwatch_dashboard");
    const widgets = JSON.parse(dashboard.dashboard_body).widgets as { type: string; properties: any }[];
    const headings = widgets.filter((w) => w.type === "text").map((w) => w.properties.markdown.split("\n")[0]);
    expect(headings).toEqual(["## books-dev-stream-handler", "## books-dev-audit"]);
    const mapping = byName("aws_lambda_event_source_mapping", "batch_size", 10).address;
    expect(dashboard.dashboard_body).toContain(ref(mapping, "uuid"));
  });

  test("gives the consumer its own saved log queries on its own log group", () => {
    const logGroup = byName("aws_cloudwatch_log_group", "name", "/aws/lambda/books-dev-audit").address;
    const own = of("aws_cloudwatch_query_definition").filter(([, q]) => q.name.startsWith("books-dev-audit/"));
    expect(own.length).toBeGreaterThan(0);
    for (const [, q] of own) expect(q.log_group_names).toEqual([ref(logGroup, "name")]);
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

describe("a consumer with the function and mapping options of its own", () => {
  const key = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const { json: own } = synthesize(
    devEnvironment(
      {},
      {
        consumers: [
          {
            ...audit,
            tumblingWindowSeconds: 60,
            filterPatterns: [{ eventName: ["INSERT"] }],
            filterEncryptionKeyArn: key,
            handlerEnvironment: { AUDIT_TARGET: "ledger" },
            reservedConcurrency: 2,
            tracing: "Active",
            architecture: "x86_64",
            idempotency: true,
            // The template's handler that wraps each record's work (audit names the plain one).
            handlerEntry: undefined,
          },
        ],
      },
    ),
  );
  const resources = (type: string) => Object.entries(own.resource[type] ?? {}) as [string, Record<string, any>][];
  const fn = resources("aws_lambda_function").find(([, f]) => f.function_name === "books-dev-audit")![1];
  const first = resources("aws_lambda_function").find(([, f]) => f.function_name === "books-dev-stream-handler")![1];

  test("sets the consumer's function alone", () => {
    expect(fn).toMatchObject({
      reserved_concurrent_executions: 2,
      tracing_config: { mode: "Active" },
      architectures: ["x86_64"],
    });
    expect(fn.environment.variables.AUDIT_TARGET).toBe("ledger");
    expect(first.reserved_concurrent_executions).toBeUndefined();
    expect(first.architectures).toEqual(["arm64"]);
  });

  test("sets the consumer's mapping alone", () => {
    const mappings = resources("aws_lambda_event_source_mapping").map(([, m]) => m);
    const mine = mappings.find((m) => m.batch_size === 10)!;
    expect(mine).toMatchObject({ tumbling_window_in_seconds: 60, kms_key_arn: key });
    const theirs = mappings.find((m) => m !== mine)!;
    expect(theirs.tumbling_window_in_seconds).toBeUndefined();
    expect(theirs.kms_key_arn).toBeUndefined();
  });

  test("gives the consumer with idempotency its own idempotency table, the others none", () => {
    const tables = resources("aws_dynamodb_table").map(([, t]) => t.name);
    expect(tables.sort()).toEqual(["books-dev", "books-dev-audit-idempotency"]);
    const [table] = resources("aws_dynamodb_table").find(([, t]) => t.name === "books-dev-audit-idempotency")!;
    expect(fn.environment.variables.IDEMPOTENCY_TABLE_NAME).toBe(ref(`aws_dynamodb_table.${table}`, "name"));
    expect(first.environment.variables.IDEMPOTENCY_TABLE_NAME).toBeUndefined();
  });
});
