import type { LocalMapping, LocalTable, SynthesizedApp } from "../../emulation/synthesized-stacks";
import { selectionLine, selectStacks } from "../../local/selection";

const table = (stack: string, environment: string): LocalTable => ({
  stack,
  environment,
  address: "aws_dynamodb_table.table",
  name: stack,
  hashKey: "id",
  attributes: [{ name: "id", type: "S" }],
  streamViewType: "NEW_AND_OLD_IMAGES",
  deletionProtection: false,
});
const mappingOf = (t: LocalTable) => ({ stack: t.stack, table: t }) as LocalMapping;

/** Three environments, in config order staging, dev, prod (not alphabetical), two stacks each. */
const tables = ["staging", "dev", "prod"].flatMap((env) => [
  table(`books-${env}`, env),
  table(`UsersPost-${env}`, env),
]);
const app: SynthesizedApp = {
  tables,
  plainTables: [],
  mappings: tables.map(mappingOf),
  environments: ["staging", "dev", "prod"],
};
const stacksOf = (a: SynthesizedApp) => a.mappings.map((m) => m.stack);

describe("which stacks npm run local runs", () => {
  test("by default, the first environment in config order only", () => {
    expect(stacksOf(selectStacks(app, { envs: [], stacks: [] }))).toEqual(["books-staging", "UsersPost-staging"]);
  });

  test("--env runs that environment's triggers only", () => {
    const prod = selectStacks(app, { envs: ["prod"], stacks: [] });
    expect(stacksOf(prod)).toEqual(["books-prod", "UsersPost-prod"]);
    expect(prod.tables.every((t) => t.environment === "prod")).toBe(true);
  });

  test("--stack adds single stacks, with or without --env", () => {
    expect(stacksOf(selectStacks(app, { envs: [], stacks: ["UsersPost-prod"] }))).toEqual(["UsersPost-prod"]);
    expect(stacksOf(selectStacks(app, { envs: ["dev"], stacks: ["books-prod"] }))).toEqual([
      "books-dev",
      "UsersPost-dev",
      "books-prod",
    ]);
  });

  test.each([
    [{ envs: ["qa"], stacks: [] }, '--env "qa": no such environment; allowed: staging, dev, prod'],
    [{ envs: [], stacks: ["books"] }, '--stack "books": no such stack; allowed: books-staging'],
  ])("refuses an unknown name in one line: %j", (wanted, message) => {
    expect(() => selectStacks(app, wanted)).toThrow(message);
  });

  test("the banner says how to run the other environments", () => {
    const line = selectionLine(app, selectStacks(app, { envs: [], stacks: [] }));
    expect(line).toContain("Running books-staging, UsersPost-staging");
    expect(line).toContain("npm run local -- --env dev or npm run local -- --env prod");
  });

  test("the banner says nothing when everything runs", () => {
    expect(selectionLine(app, selectStacks(app, { envs: ["staging", "dev", "prod"], stacks: [] }))).toBeUndefined();
  });
});
