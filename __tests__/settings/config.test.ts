import { ConfigError } from "../../settings/checks";
import { resolveConfig } from "../../settings/config";
import { TRIGGER_DEFAULTS } from "../../settings/trigger-settings";
import { INVALID_CASES } from "../support/invalid-configs";
import { devEnvironment } from "../support/stack";
import { thrown } from "../support/thrown";

const problemsOf = (run: () => unknown) => thrown(run, ConfigError).problems;

describe("a valid config", () => {
  const [dev] = resolveConfig([devEnvironment()]);
  const trigger = dev.triggers[0];

  test("names each stack and table <tableName>-<environment>", () => {
    expect(trigger.stackName).toBe("books-dev");
    expect(trigger.settings.tableName).toBe("books-dev");
  });

  test("names the function after the table", () => {
    expect(trigger.settings.functionName).toBe("books-dev-stream-handler");
  });

  test("fills every unset field with its default", () => {
    expect(trigger.settings).toMatchObject(TRIGGER_DEFAULTS);
  });

  test("treats an explicit undefined as unset", () => {
    const [env] = resolveConfig([devEnvironment({}, { batchSize: undefined })]);
    expect(env.triggers[0].settings.batchSize).toBe(1);
  });

  test("adds the environment suffix to a configured function name", () => {
    const [env] = resolveConfig([devEnvironment({}, { functionName: "books-audit" })]);
    expect(env.triggers[0].settings.functionName).toBe("books-audit-dev");
  });

  test("turns dots of the table name into dashes in the derived function name", () => {
    const [env] = resolveConfig([devEnvironment({}, { tableName: "books.v2" })]);
    expect(env.triggers[0].settings.functionName).toBe("books-v2-dev-stream-handler");
  });

  test("always tags with project, environment and ManagedBy", () => {
    expect(dev.tags).toEqual({ Project: "stream-trigger-test", Environment: "dev", ManagedBy: "cdktf" });
  });

  test("accepts as many tags as fit beside the template's own on one resource (50)", () => {
    const tags = Object.fromEntries(Array.from({ length: 47 }, (_, i) => [`tag${i}`, "v"]));
    const [env] = resolveConfig([devEnvironment({ tags })]);
    expect(Object.keys(env.tags)).toHaveLength(50);
  });
});

describe("an invalid config", () => {
  test.each(INVALID_CASES)("with $what is rejected with one message naming the field, value and what is allowed", ({
    environments,
    message,
  }) => {
    expect(problemsOf(() => resolveConfig(environments))).toEqual([message]);
  });

  test.each([
    "__defineGetter__",
    "constructor",
    "toString",
  ])("with a trigger field named %s, like an Object member, reports it as unknown", (field) => {
    const problems = problemsOf(() => resolveConfig([devEnvironment({}, { [field]: 1 } as object)]));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^dev\\.triggers\\[books\\]\\.${field} is not a field of a trigger`));
  });

  test("lists every problem at once", () => {
    const problems = problemsOf(() => resolveConfig([devEnvironment({}, { batchSize: 0, timeoutSeconds: 0 })]));
    expect(problems).toHaveLength(2);
  });

  test("with a derived function name over 64 characters asks for functionName", () => {
    const [problem] = problemsOf(() => resolveConfig([devEnvironment({}, { tableName: "b".repeat(50) })]));
    expect(problem).toMatch(
      /^dev\.triggers\[b{50}\]\.functionName \(derived from tableName\) is "b{50}-dev-stream-handler"; allowed: .*set functionName/,
    );
  });

  test("with a sort key named like the partition key is rejected", () => {
    const problems = problemsOf(() => resolveConfig([devEnvironment({}, { sortKey: { name: "author" } })]));
    expect(problems).toEqual([
      'dev.triggers[books].sortKey.name is "author"; allowed: a name different from partitionKey.name',
    ]);
  });

  test("with the same environment twice is rejected", () => {
    const problems = problemsOf(() => resolveConfig([devEnvironment(), devEnvironment()]));
    expect(problems).toEqual(['dev.environment is "dev"; allowed: a name used by one environment only']);
  });

  test("message starts with 'Invalid configuration' and quotes the problem", () => {
    expect(new ConfigError(["a is 1; allowed: 2"]).message).toBe("Invalid configuration: a is 1; allowed: 2");
  });
});
