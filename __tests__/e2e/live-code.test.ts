// Code changes picked up live: `npm run local` rebuilds a handler when its source changes, the next
// record runs the new code without a restart, a thrown error's stack names the .ts file and line, and a
// build error is said once while the last good bundle keeps running.
import { rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import type { EnvironmentConfig } from "../../settings/config";
import { LocalProcess, throwawayProject } from "./support/local-process";

// Under the project, so it resolves the project's packages; git ignores it.
const entry = `__tests__/fixtures/handlers/.live-${process.pid}.ts`;
const file = path.join(findProjectRoot(), entry);

/** A handler whose records log `version`, or throw at line 9 when `version` is "throws". */
const handlerSource = (version: string) => `import type { Context, DynamoDBStreamEvent } from "aws-lambda";
import { processStreamBatch } from "../../../handlers/batch";
import { createLogger } from "../../../handlers/logger";

const logger = createLogger();

function check(version: string): void {
  if (version === "throws")
    throw new Error("thrown by the new code");
}

export const handler = async (event: DynamoDBStreamEvent, context: Context) => {
  logger.addContext(context);
  return processStreamBatch(event, context, {
    logger,
    handleChange: async (change, log) => {
      check(${JSON.stringify(version)});
      log.info("ran ${version}", { keys: change.keys });
    },
  });
};
`;

const environments: EnvironmentConfig[] = [
  {
    environment: "e2e",
    project: "e2e",
    region: "us-east-1",
    triggers: [{ tableName: "live", partitionKey: { name: "id", type: "N" }, handlerEntry: entry, batchSize: 1 }],
  },
];

describe("npm run local, while the handler's code changes", () => {
  let local: LocalProcess;

  beforeAll(async () => {
    writeFileSync(file, handlerSource("one"));
    local = new LocalProcess(throwawayProject(environments), ["--verbose"]);
    // Synth, DynamoDB Local and the first bundle: slow when the whole suite loads the machine.
    await local.waitFor(/Watching the streams/);
  }, 180000);

  afterAll(async () => {
    await local?.interrupt();
    rmSync(file, { force: true });
  });

  test("says in the banner that code changes are picked up", () => {
    expect(local.stdout).toContain(`Live code: ${entry} and what they import are rebuilt on every change`);
  });

  test("runs the new code on the next record, without a restart, in a fresh environment", async () => {
    await local.put("live-e2e", { id: 1 });
    await local.waitFor(/ran one/);
    writeFileSync(file, handlerSource("two"));
    await local.waitFor(/rebuilt .*; the next invocation runs it, in a fresh environment/);
    await local.put("live-e2e", { id: 2 });
    await local.waitFor(/ran two/);
    expect(local.stdout).toMatch(/"cold_start":true[^\n]*ran two|ran two[^\n]*"cold_start":true/);
  });

  test("points a thrown error's stack at the .ts file and line", async () => {
    writeFileSync(file, handlerSource("throws"));
    await local.waitFor(/: rebuilt /, 2);
    await local.put("live-e2e", { id: 3 });
    await local.waitFor(/thrown by the new code/);
    expect(local.stdout).toContain(`.live-${process.pid}.ts:9`);
  });

  test("says a build error once and keeps running the last good bundle", async () => {
    writeFileSync(file, `${handlerSource("two")}\nexport const broken = ;\n`);
    await local.waitFor(/does not build; the last good bundle keeps running/);
    await local.put("live-e2e", { id: 4 });
    await local.waitFor(/thrown by the new code/, 2);
    expect(local.stdout.match(/does not build/g)).toHaveLength(1);
  });
});
