// Whatever a config file holds, the check answers with its own error (or accepts it): never a crash
// with a stack trace. Each generated config is one valid environment with one field made hostile, at the
// top of a field or deep inside one (a key's name, a tag, a filter pattern's rules, a default).
import fc from "fast-check";
import { ConfigError } from "../../settings/checks";
import { resolveConfig } from "../../settings/config";
import { resolveTriggerSettings } from "../../settings/resolve-trigger";
import { TRIGGER_FIELDS } from "../../settings/trigger-settings";
import { deepPattern, selfReferringPattern } from "../support/filter-patterns";
import { BOOKS, devEnvironment } from "../support/stack";

// Values no TypeScript config would hold but `cdktf synth` (which does not type-check) passes on:
// BigInts, boxed values, Maps, Dates, sparse arrays, objects without a prototype.
const hostile = fc.oneof(
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  fc.constantFrom(null, undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, 10n, "", [], {}, [null], { name: null }),
  fc.constant(Object.create(null)),
);

// Every word the filter grammar gives a meaning to, so generated patterns reach its inner rules.
const FILTER_WORDS = [
  "eventName",
  "dynamodb",
  "NewImage",
  "OldImage",
  "Keys",
  "SizeBytes",
  "ApproximateCreationDateTime",
  "status",
  "S",
  "N",
  "B",
  "BOOL",
  "NULL",
  "M",
  "L",
  "$or",
  "prefix",
  "suffix",
  "equals-ignore-case",
  "anything-but",
  "numeric",
  "exists",
];
const { pattern } = fc.letrec((tie) => ({
  pattern: fc.oneof(
    { depthSize: "small" },
    hostile,
    fc.dictionary(fc.constantFrom(...FILTER_WORDS), tie("pattern")),
    fc.array(tie("pattern"), { maxLength: 4 }),
  ),
}));
const filterPatterns = fc.oneof(
  fc.array(pattern, { maxLength: 6 }),
  fc.constantFrom(
    [selfReferringPattern()],
    [deepPattern(20_000)],
    [{ eventName: [10n] }],
    [{ eventName: ["INSERT"], x: 1n }],
  ),
);
const keyAttribute = fc.oneof(
  hostile,
  fc.record({ name: hostile, type: hostile }, { requiredKeys: [] }),
  fc.record({ name: fc.string(), type: fc.constantFrom("S", "N", "B") }).map((k) => ({ ...k, extra: 1n })),
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

  test("answers for any partitionKey or sortKey, whatever its name and type hold", () => {
    fc.assert(
      fc.property(fc.constantFrom("partitionKey", "sortKey"), keyAttribute, (field, key) => {
        expect(["accepted", "rejected"]).toContain(outcome([devEnvironment({}, { [field]: key })]));
      }),
      { numRuns: 300 },
    );
  });

  test("answers for any tags, whatever their keys and values", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: "grapheme" }), hostile), (tags) => {
        expect(["accepted", "rejected"]).toContain(outcome([devEnvironment({ tags })]));
      }),
      { numRuns: 300 },
    );
  });

  test("answers for any filter patterns, whatever their rules hold, self-referring or deeply nested ones too", () => {
    fc.assert(
      fc.property(filterPatterns, (patterns) => {
        expect(["accepted", "rejected"]).toContain(outcome([devEnvironment({}, { filterPatterns: patterns })]));
        expect(["accepted", "rejected"]).toContain(
          outcome([devEnvironment({ triggerDefaults: { filterPatterns: patterns } })]),
        );
      }),
      { numRuns: 500 },
    );
  });

  test("answers for any triggerDefaults, whatever each of its fields holds", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...TRIGGER_FIELDS, "unknownField"), hostile), (defaults) => {
        expect(["accepted", "rejected"]).toContain(outcome([devEnvironment({ triggerDefaults: defaults })]));
      }),
      { numRuns: 300 },
    );
  });

  test("answers, for a StreamTrigger built without the config layer, for any value of any field", () => {
    fc.assert(
      fc.property(fc.constantFrom(...TRIGGER_FIELDS, "unknownField"), hostile, (field, value) => {
        try {
          resolveTriggerSettings({ ...BOOKS, tableName: "books-dev", [field]: value }, "books-dev/trigger");
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
        }
      }),
      { numRuns: 400 },
    );
  });
});
