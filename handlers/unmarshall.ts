// An image (a map of DynamoDB AttributeValues) as plain JavaScript values, as `unmarshall` from
// @aws-sdk/util-dynamodb gives them (Sets for SS, NS and BS; binary as delivered), with one difference
// that is the reason this file exists: every map key becomes an own property holding its value,
// whatever its name. unmarshall assigns keys, so an attribute named `__proto__` (legal in DynamoDB,
// an ordinary key in Lambda's JSON event) became the object's prototype: its members readable yet
// invisible to Object.keys and the log line, and the attribute itself gone.
// Expects a map badAttribute (attribute-value.ts) has accepted. Pure: no I/O, no globals.
import { toNumber } from "./dynamodb-number";

type AttributeMap = Record<string, unknown>;

/** The plain object for `map`; throws (from toNumber) at a number that is not a DynamoDB number. */
export function unmarshallImage(map: AttributeMap): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const name of Object.keys(map)) {
    const value = toNative(map[name] as AttributeMap);
    // Plain assignment everywhere else: `constructor`, `toString` and the like are ordinary data
    // properties of Object.prototype, so assigning them creates an own property, and is fast.
    if (name === "__proto__")
      Object.defineProperty(item, name, { value, enumerable: true, writable: true, configurable: true });
    else item[name] = value;
  }
  return item;
}

// Reads the first defined entry as the type, as unmarshall does (badAttribute has made it the only one).
function toNative(attribute: AttributeMap): unknown {
  for (const type in attribute) {
    const value = attribute[type];
    if (value === undefined) continue;
    switch (type) {
      case "S":
      case "B":
        return value;
      case "N":
        return toNumber(value as string);
      case "BOOL":
        return Boolean(value);
      case "NULL":
        return null;
      case "M":
        return unmarshallImage(value as AttributeMap);
      case "L":
        return (value as AttributeMap[]).map(toNative);
      case "NS":
        return new Set((value as string[]).map(toNumber));
      case "SS":
      case "BS":
        return new Set(value as unknown[]);
    }
    break;
  }
  throw new Error(`not an attribute value: ${JSON.stringify(Object.keys(attribute))}`);
}
