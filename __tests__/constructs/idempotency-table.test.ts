import { IDEMPOTENCY_ACTIONS } from "../../constructs/idempotency-table";
import { IDEMPOTENT_HANDLER } from "../../settings/trigger-settings";
import { devEnvironment, only, ref, synthesize } from "../support/stack";

const OWN_IDEMPOTENT = "__tests__/fixtures/handlers/own-idempotent/index.ts";

function stack(trigger: Parameters<typeof devEnvironment>[1]) {
  const { json } = synthesize(devEnvironment({}, trigger));
  const tables = Object.entries(json.resource.aws_dynamodb_table) as [string, Record<string, any>][];
  const policy = JSON.parse(only(json, "aws_iam_role_policy").body.policy) as {
    Statement: { Sid: string; Action: string[]; Resource: unknown }[];
  };
  return { json, tables, statements: policy.Statement, fn: only(json, "aws_lambda_function").body };
}

test("without idempotency there is no idempotency table, grant or variable, and the default handler", () => {
  const { tables, statements, fn } = stack({});
  expect(tables).toHaveLength(1);
  expect(statements.map((s) => s.Sid)).not.toContain("KeepIdempotencyRecords");
  expect(Object.keys(fn.environment.variables).some((k) => k.startsWith("IDEMPOTENCY_"))).toBe(false);
});

describe("with idempotency: true", () => {
  const { tables, statements, fn, json } = stack({ idempotency: true });
  const [address, table] = tables.find(([, t]) => t.name === "books-dev-stream-handler-idempotency")!;

  test("a table keyed by id, on demand, encrypted, its items expired by TTL on expiration", () => {
    expect(table).toMatchObject({
      hash_key: "id",
      attribute: [{ name: "id", type: "S" }],
      billing_mode: "PAY_PER_REQUEST",
      server_side_encryption: { enabled: true },
      ttl: { attribute_name: "expiration", enabled: true },
    });
    expect(table.stream_enabled).toBeUndefined();
  });

  test("the role may make exactly Powertools' four item calls, on that table only", () => {
    const grant = statements.find((s) => s.Sid === "KeepIdempotencyRecords")!;
    expect([...grant.Action].sort()).toEqual(
      ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"].sort(),
    );
    expect(IDEMPOTENCY_ACTIONS).toHaveLength(4);
    expect(grant.Resource).toBe(ref(`aws_dynamodb_table.${address}`, "arn"));
  });

  test("the function is told the table and keeps records 14 days", () => {
    expect(fn.environment.variables).toMatchObject({
      IDEMPOTENCY_TABLE_NAME: ref(`aws_dynamodb_table.${address}`, "name"),
      IDEMPOTENCY_TTL_SECONDS: "1209600",
    });
  });

  test("the function runs the idempotent handler, unless the trigger names its own", () => {
    expect(synthesize(devEnvironment({}, { idempotency: true })).stack.trigger.settings.handlerEntry).toBe(
      IDEMPOTENT_HANDLER,
    );
    expect(synthesize(devEnvironment({}, {})).stack.trigger.settings.handlerEntry).toBe("handlers/stream-handler.ts");
    const own = devEnvironment({}, { idempotency: true, handlerEntry: OWN_IDEMPOTENT });
    expect(synthesize(own).stack.trigger.settings.handlerEntry).toBe(OWN_IDEMPOTENT);
  });

  test("the table can be destroyed with the trigger's, which has no deletion protection", () => {
    expect(table.lifecycle).toBeUndefined();
    expect(json.resource.aws_dynamodb_table).toBeDefined();
  });
});

test("a TTL in seconds is passed on", () => {
  expect(stack({ idempotency: 86400 }).fn.environment.variables.IDEMPOTENCY_TTL_SECONDS).toBe("86400");
});

test("with true and an s3 destination, records are kept as long as the bucket keeps parked batches", () => {
  const { fn } = stack({ idempotency: true, failureDestination: "s3", failureRetentionDays: 30 });
  expect(fn.environment.variables.IDEMPOTENCY_TTL_SECONDS).toBe(String(30 * 86400));
  const { fn: short } = stack({ idempotency: true, failureDestination: "s3", failureRetentionDays: 7 });
  expect(short.environment.variables.IDEMPOTENCY_TTL_SECONDS).toBe("1209600");
});

test("the table cannot be destroyed where the trigger's table has deletion protection", () => {
  const { tables } = stack({ idempotency: true, deletionProtection: true });
  const table = tables.find(([, t]) => t.name.endsWith("-idempotency"))![1];
  expect(table.lifecycle).toEqual({ prevent_destroy: true });
  expect(table.deletion_protection_enabled).toBe(true);
});
