import { ConfigError } from "../../settings/checks";
import { type EnvironmentConfig, resolveConfig, type TriggerConfig } from "../../settings/config";
import { existingUsersPost, OTHER_ACCOUNT_STREAM, otherAccountOrders } from "../fixtures/existing-tables";
import { devEnvironment } from "../support/stack";
import { thrown } from "../support/thrown";

const resolve = (trigger: Partial<TriggerConfig>) => resolveConfig([devEnvironment({}, trigger)])[0].triggers[0];
const problemsOf = (environments: EnvironmentConfig[]) =>
  thrown(() => resolveConfig(environments), ConfigError).problems;

describe("a trigger's table source", () => {
  test("is create by default, with the environment's suffix on the table name", () => {
    const { settings } = resolve({});
    expect(settings.tableSource).toBe("create");
    expect(settings.tableName).toBe("books-dev");
  });

  test.each([
    "existing",
    "adopt",
  ] as const)("%s names the table exactly, and the stack and function as before", (source) => {
    const trigger = resolve({ tableSource: source });
    expect(trigger.settings.tableName).toBe("books");
    expect(trigger.stackName).toBe("books-dev");
    expect(trigger.settings.functionName).toBe("books-dev-stream-handler");
  });

  test("lets one existing table be read by the stacks of two environments", () => {
    const prod = { ...devEnvironment({}, existingUsersPost), environment: "prod" };
    expect(resolveConfig([devEnvironment({}, existingUsersPost), prod]).map((e) => e.triggers[0].stackName)).toEqual([
      "UsersPost-dev",
      "UsersPost-prod",
    ]);
  });

  test("refuses one table adopted by the stacks of two environments", () => {
    const adopt = { ...existingUsersPost, tableSource: "adopt" as const };
    const prod = { ...devEnvironment({}, adopt), environment: "prod" };
    expect(problemsOf([devEnvironment({}, adopt), prod])[0]).toMatch(
      /^prod\.triggers\[UsersPost\]\.tableName is "UsersPost", as for dev\.triggers\[UsersPost\] \(same table names\)/,
    );
  });

  test("refuses an unknown source", () => {
    expect(problemsOf([devEnvironment({}, { tableSource: "import" as never })])).toEqual([
      'dev.triggers[books].tableSource is "import"; allowed: one of "create", "existing", "adopt"',
    ]);
  });

  test("refuses a streamArn on a table this stack creates", () => {
    expect(problemsOf([devEnvironment({}, { tableName: "Orders", streamArn: OTHER_ACCOUNT_STREAM })])).toEqual([
      `dev.triggers[Orders].streamArn is "${OTHER_ACCOUNT_STREAM}"; allowed: nothing unless tableSource is "existing" (this stack makes or adopts the table)`,
    ]);
  });

  test("refuses a streamArn of another table", () => {
    expect(problemsOf([devEnvironment({}, { ...otherAccountOrders, tableName: "Invoices" })])).toEqual([
      `dev.triggers[Invoices].streamArn is "${OTHER_ACCOUNT_STREAM}"; allowed: the stream of table "Invoices" (tableName)`,
    ]);
  });

  test("refuses a streamArn in another region than the environment's", () => {
    expect(problemsOf([devEnvironment({ region: "us-east-1" }, otherAccountOrders)])).toEqual([
      `dev.triggers[Orders].streamArn is "${OTHER_ACCOUNT_STREAM}"; allowed: a stream in the environment's region, us-east-1`,
    ]);
  });

  test("refuses a streamArn that is not a DynamoDB stream's", () => {
    expect(
      problemsOf([
        devEnvironment({}, { ...otherAccountOrders, streamArn: "arn:aws:kinesis:eu-west-1:444455556666:stream/x" }),
      ])[0],
    ).toMatch(/streamArn is "arn:aws:kinesis:.*"; allowed: a DynamoDB stream ARN/);
  });

  test("refuses tableSource in triggerDefaults: it decides what tableName means", () => {
    expect(problemsOf([devEnvironment({ triggerDefaults: { tableSource: "existing" } as never })])[0]).toMatch(
      /^dev\.triggerDefaults\.tableSource is not a field of triggerDefaults/,
    );
  });
});
