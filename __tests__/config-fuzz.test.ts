// Whatever a config file holds, the check answers with its own error (or accepts it): never a crash
// with a stack trace. Each generated config is one valid environment with one field made hostile.
import fc from "fast-check";
import { ConfigError } from "../lib/checks";
import { resolveConfig } from "../lib/config";
import { TRIGGER_FIELDS } from "../lib/trigger-settings";
import { devEnvironment } from "./support/stack";

const hostile = fc.oneof(
  fc.anything(),
  fc.constantFrom(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, "", [], {}, [null], { name: null }),
  fc.constant(Object.create(null)),
);

function outcome(environments: unknown): "accepted" | "rejected" {
  try {
    resolveConfig(environments);
    return "accepted";
  } catch (error) {
    if (error instanceof ConfigError) return "rejected";
    throw error;
  }
}

describe("the config check, given hostile values", () => {
  test("answers for any value of any trigger field", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRIGGER_FIELDS, "unknownField"), hostile, (field, value) => {
        expect(["accepted", "rejected"]).toContain(outcome([devEnvironment({}, { [field]: value })]));
      }),
      { numRuns: 400 },
    );
  });

  test("answers for any value of any environment field", () => {
    const fields = ["environment", "project", "region", "tags", "triggerDefaults", "triggers", "unknownField"];
    fc.assert(
      fc.property(fc.constantFrom(...fields), hostile, (field, value) => {
        expect(["accepted", "rejected"]).toContain(outcome([devEnvironment({ [field]: value })]));
      }),
      { numRuns: 400 },
    );
  });

  test("answers for any value in place of the whole config", () => {
    fc.assert(
      fc.property(hostile, (value) => {
        expect(["accepted", "rejected"]).toContain(outcome(value));
      }),
    );
  });
});
