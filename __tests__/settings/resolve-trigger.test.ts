import { type EnvironmentConfig, resolveConfig } from "../../settings/config";
import { resolveTriggerSettings } from "../../settings/resolve-trigger";
import { environments as bucketNode24 } from "../fixtures/bucket-node24-environments";
import { existingTablesEnvironment } from "../fixtures/existing-tables";
import { environments as renamed } from "../fixtures/renamed-table-environments";
import { sampleEnvironments } from "../fixtures/sample-environments";
import { BOOKS, devEnvironment } from "../support/stack";

// A config taking most branches at once: defaults, consumers with their own fields, idempotency, typed
// items, filters, a failure bucket, a table's shape.
const rich: EnvironmentConfig[] = [
  devEnvironment(
    {
      triggerDefaults: { logRetentionDays: 30, batchSize: 5, failureDestination: "s3" },
      tags: { Team: "platform" },
    },
    {
      memorySize: 512,
      idempotency: 1_296_000,
      filterPatterns: [{ eventName: ["INSERT"] }],
      handlerEnvironment: { MODE: "strict" },
      globalSecondaryIndexes: [{ name: "by-title", partitionKey: { name: "bookTitle", type: "S" }, projection: "ALL" }],
      consumers: [{ name: "search", functionName: "search-books", failureDestination: "sqs", batchSize: 10 }],
    },
  ),
  devEnvironment({ environment: "prod" }, { ...BOOKS, runtime: "nodejs24.x", tracing: "Active" }),
];

describe("a StreamTrigger given the props a valid config made", () => {
  test.each([
    ["the sample", sampleEnvironments],
    ["a failure bucket and nodejs24.x", bucketNode24],
    ["existing tables", [existingTablesEnvironment]],
    ["a renamed table", renamed],
    ["defaults, consumers, idempotency and filters", rich],
  ])("takes the settings the config resolved, which are what it would resolve itself (%s)", (_, environments) => {
    for (const environment of resolveConfig(environments)) {
      for (const trigger of environment.triggers) {
        // A copy of the props is resolved afresh: the construct's own resolution, field by field and in order.
        const own = resolveTriggerSettings({ ...trigger.props }, trigger.stackName);
        expect(JSON.stringify(own)).toBe(JSON.stringify(trigger.settings));
        expect(own).toEqual(trigger.settings);
        expect(resolveTriggerSettings(trigger.props, trigger.stackName)).toBe(trigger.settings);
      }
    }
  });
});
