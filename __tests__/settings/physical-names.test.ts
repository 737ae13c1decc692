import { resolveConfig } from "../../settings/config";
import { nameLengthProblems, physicalNames } from "../../settings/name-collisions";
import { localStateLockFile } from "../../settings/physical-names";
import { devEnvironment } from "../support/stack";

const [trigger] = resolveConfig([
  devEnvironment({}, { functionName: "f".repeat(60), alarmTopic: "create", failureDestination: "sqs" }),
])[0].triggers;

describe("the names a trigger derives", () => {
  test("each fit what takes them when the function name is as long as Lambda allows", () => {
    expect(trigger.settings.functionName).toHaveLength(64);
    expect(nameLengthProblems(trigger)).toEqual([]);
  });

  test("a name longer than what takes it allows is named with its limit", () => {
    const long = { ...trigger, settings: { ...trigger.settings, functionName: "f".repeat(65) } };
    expect(nameLengthProblems(long)).toEqual([
      `dev.triggers[books].functionName (the function's name comes from it) is "${"f".repeat(65)}", 65 bytes (Lambda allows 64); allowed: a shorter functionName`,
      `dev.triggers[books].functionName (the role's name comes from it) is "${"f".repeat(65)}", 65 bytes (IAM allows 64); allowed: a shorter functionName`,
    ]);
  });

  test("include the stack's longest local state file name, Terraform's lock info beside the state", () => {
    const names = physicalNames(trigger.settings).map((c) => c.name);
    expect(names).toContain(localStateLockFile("books-dev"));
    expect(localStateLockFile("books-dev")).toBe(".terraform.books-dev.tfstate.lock.info");
  });
});

describe("a table name", () => {
  test("is accepted while its stack's state lock file name fits 255 bytes", () => {
    const [env] = resolveConfig([devEnvironment({}, { tableName: "b".repeat(222), functionName: "books" })]);
    expect(localStateLockFile(env.triggers[0].stackName)).toHaveLength(255);
  });
});
