// What a DynamoDB stream record holds where a filter pattern looks, as Lambda filters it: the shapes the
// filter grammar (filter-grammar.ts) checks a pattern's places and values against.

export type Leaf = "text" | "number" | "boolean";

export type Shape =
  | { readonly kind: "leaf"; readonly leaf: Leaf; readonly oneOf?: readonly string[] }
  | { readonly kind: "fields"; readonly fields: Readonly<Record<string, Shape>> }
  | { readonly kind: "attributes" }
  | { readonly kind: "attribute" };

const text: Shape = { kind: "leaf", leaf: "text" };
const number: Shape = { kind: "leaf", leaf: "number" };
const attributes: Shape = { kind: "attributes" };

/** A stream record as Lambda filters it (eventSourceARN is added after filtering). */
export const RECORD: Shape = {
  kind: "fields",
  fields: {
    eventID: text,
    eventName: { kind: "leaf", leaf: "text", oneOf: ["INSERT", "MODIFY", "REMOVE"] },
    eventVersion: text,
    eventSource: text,
    awsRegion: text,
    dynamodb: {
      kind: "fields",
      fields: {
        ApproximateCreationDateTime: number,
        Keys: attributes,
        NewImage: attributes,
        OldImage: attributes,
        SequenceNumber: text,
        SizeBytes: number,
        StreamViewType: {
          kind: "leaf",
          leaf: "text",
          oneOf: ["KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"],
        },
      },
    },
    userIdentity: { kind: "fields", fields: { type: text, principalId: text } },
  },
};

/** DynamoDB's type descriptors under an attribute name, and what the record holds under each. */
export const ATTRIBUTE_TYPES: Readonly<Record<string, Shape>> = {
  S: text,
  N: text,
  B: text,
  SS: text,
  NS: text,
  BS: text,
  BOOL: { kind: "leaf", leaf: "boolean" },
  NULL: { kind: "leaf", leaf: "boolean" },
  M: attributes,
};
