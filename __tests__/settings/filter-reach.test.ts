// What the refusals that need the table claim, checked against the local matcher Lambda's filtering is
// emulated by: every pattern refused as one no record can meet matches no record that table can produce,
// while a close pattern that is accepted matches some.

import { matchesPattern } from "../../emulation/event-filter";
import { filterPatternProblems } from "../../settings/filter-grammar";
import { STREAM_VIEW_TYPES, type StreamViewType } from "../../settings/trigger-settings";
import { streamRecord } from "../support/records";

const KEYS = [
  { name: "author", type: "S" },
  { name: "bookTitle", type: "S" },
];
const keys = { author: "Dan Brown", bookTitle: "Inferno" };
const item = (status: string) => ({ ...keys, id: "b1", status, pages: 7 });

/** Every kind of record a table with this view type produces, with values the patterns look for. */
function recordsOf(viewType: StreamViewType) {
  return ["ready", "draft"].flatMap((status) => [
    streamRecord({ eventName: "INSERT", keys, after: item(status), viewType }),
    streamRecord({ eventName: "MODIFY", keys, before: item(status), after: item(status), viewType }),
    streamRecord({ eventName: "REMOVE", keys, before: item(status), viewType }),
    streamRecord({ eventName: "REMOVE", keys, before: item(status), viewType, ttl: true }),
  ]);
}

const image = (name: string, rules: unknown[]) => ({ dynamodb: { [name]: { status: { S: rules } } } });

// [view type, a pattern refused for it, a close pattern accepted for it]
const CASES: readonly (readonly [StreamViewType, object, object])[] = [
  ["KEYS_ONLY", image("NewImage", ["ready"]), { dynamodb: { Keys: { author: { S: ["Dan Brown"] } } } }],
  ["KEYS_ONLY", image("OldImage", [{ exists: true }]), image("OldImage", [{ exists: false }])],
  ["NEW_IMAGE", image("OldImage", [{ prefix: "dr" }]), image("NewImage", [{ prefix: "dr" }])],
  ["OLD_IMAGE", image("NewImage", ["ready"]), image("OldImage", ["ready"])],
  [
    "NEW_AND_OLD_IMAGES",
    { dynamodb: { StreamViewType: ["NEW_IMAGE"] } },
    { dynamodb: { StreamViewType: ["NEW_AND_OLD_IMAGES"] } },
  ],
  ["NEW_IMAGE", { dynamodb: { Keys: { id: { S: ["b1"] } } } }, { dynamodb: { NewImage: { id: { S: ["b1"] } } } }],
  [
    "NEW_IMAGE",
    { dynamodb: { NewImage: { author: { N: ["7"] } } } },
    { dynamodb: { NewImage: { pages: { N: ["7"] } } } },
  ],
];

describe.each(CASES)("with streamViewType %s", (viewType, refused, accepted) => {
  const facts = { streamViewType: viewType, keys: KEYS };
  const records = recordsOf(viewType);

  test(`${JSON.stringify(refused)} is refused, and matches none of the table's records`, () => {
    expect(filterPatternProblems(refused, facts)).not.toEqual([]);
    expect(records.filter((r) => matchesPattern(refused, r))).toEqual([]);
  });

  test(`${JSON.stringify(accepted)} is accepted, and matches some`, () => {
    expect(filterPatternProblems(accepted, facts)).toEqual([]);
    expect(records.some((r) => matchesPattern(accepted, r))).toBe(true);
  });
});

test("the cases cover every view type", () => {
  expect(new Set(CASES.map(([view]) => view))).toEqual(new Set(STREAM_VIEW_TYPES));
});
