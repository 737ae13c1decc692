// Filter patterns the grammar accepts, one per construct: the grammar test checks each is accepted and
// the local matcher's test that each is evaluated against real records.

const image = (rules: unknown) => ({ dynamodb: { NewImage: { status: { S: rules } } } });

export const ACCEPTED_PATTERNS: readonly (readonly [string, unknown])[] = [
  ["an exact string under an attribute's type", image(["ready"])],
  ["several values, any of which matches", image(["ready", "done"])],
  ["the empty string", image([""])],
  ["prefix", image([{ prefix: "re" }])],
  ["suffix", image([{ suffix: "dy" }])],
  ["equals-ignore-case", image([{ "equals-ignore-case": "READY" }])],
  ["anything-but with one value", image([{ "anything-but": "draft" }])],
  ["anything-but with a list", image([{ "anything-but": ["draft", "deleted"] }])],
  ["exists on a typed value", image([{ exists: false }])],
  ["a DynamoDB number as its exact text", { dynamodb: { Keys: { id: { N: ["101"] } } } }],
  ["a boolean", { dynamodb: { NewImage: { shipped: { BOOL: [true] } } } }],
  ["NULL", { dynamodb: { OldImage: { gone: { NULL: [true] } } } }],
  ["a string set", { dynamodb: { NewImage: { tags: { SS: ["red"] } } } }],
  ["a nested map", { dynamodb: { NewImage: { address: { M: { city: { S: ["Paris"] } } } } } }],
  ["the event name", { eventName: ["INSERT", "MODIFY"] }],
  ["a TTL delete's identity", { userIdentity: { type: ["Service"], principalId: ["dynamodb.amazonaws.com"] } }],
  ["numeric on the record's size", { dynamodb: { SizeBytes: [{ numeric: [">", 0, "<=", 400] }] } }],
  ["numeric equals on the creation time", { dynamodb: { ApproximateCreationDateTime: [{ numeric: ["=", 5] }] } }],
  ["a bare number on a numeric field", { dynamodb: { SizeBytes: [26] } }],
  ["the view type", { dynamodb: { StreamViewType: ["NEW_AND_OLD_IMAGES"] } }],
  ["$or between attributes", { dynamodb: { NewImage: { $or: [{ a: { S: ["1"] } }, { b: { S: ["2"] } }] } } }],
  ["$or at the top", { $or: [{ eventName: ["REMOVE"] }, image(["ready"])] }],
  ["several keys at once (and)", { eventName: ["MODIFY"], ...image(["ready"]) }],
  ["the pattern as JSON text", JSON.stringify(image(["ready"]))],
];

/** A pattern that refers to itself through fields a stream record has: no JSON text can hold it. */
export function selfReferringPattern(): Record<string, unknown> {
  const image: Record<string, unknown> = {};
  image.status = { M: image };
  return { dynamodb: { NewImage: image } };
}

/** A pattern nested `levels` maps deep: beyond about 800, more than 4,096 characters of JSON. */
export function deepPattern(levels: number): Record<string, unknown> {
  let value: unknown = { S: ["x"] };
  for (let i = 0; i < levels; i++) value = { M: { a: value } };
  return { dynamodb: { NewImage: { a: value } } };
}
