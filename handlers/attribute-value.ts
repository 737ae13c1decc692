// DynamoDB's AttributeValue shape, checked before an image reaches the user's code: unmarshall turns
// `{"S": 5}` into 5 and `{"BOOL": "yes"}` into "yes" without complaint, and a record holding such a
// value did not come from DynamoDB intact. Numbers' text is checked by dynamodb-number.ts.
// Pure: no I/O, no globals, so tests call it directly.

// DynamoDB nests maps and lists at most 32 levels deep.
const MAX_DEPTH = 32;

const isText = (v: unknown) => typeof v === "string";
const isBinary = (v: unknown) => typeof v === "string" || v instanceof Uint8Array;
const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

const SET_MEMBERS: Record<string, [(v: unknown) => boolean, string]> = {
  SS: [isText, "strings"],
  NS: [() => true, "numbers"], // each member is judged by dynamodb-number.ts
  BS: [isBinary, "binary values (base64 text)"],
};

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value;
  }
}

/** Why `attribute` (at `path`) is not an AttributeValue, or undefined when it is one. */
function problemIn(attribute: unknown, path: string, depth: number): string | undefined {
  if (!isMap(attribute)) return `${path} is ${describe(attribute)}, not an attribute value`;
  let type: string | undefined;
  let value: unknown;
  let types = 0;
  for (const key in attribute) {
    if (attribute[key] === undefined) continue;
    types++;
    type = key;
    value = attribute[key];
  }
  if (types !== 1) return `${path} has ${types} types; an attribute value has exactly one`;
  const wrong = (allowed: string) => `${path}: ${type} holds ${describe(value)}; allowed: ${allowed}`;
  switch (type) {
    case "S":
      return isText(value) ? undefined : wrong("a string");
    case "N":
      return undefined; // its text, or its lack of text, is judged by dynamodb-number.ts
    case "B":
      return isBinary(value) ? undefined : wrong("binary (base64 text)");
    case "BOOL":
      return typeof value === "boolean" ? undefined : wrong("true or false");
    case "NULL":
      return value === true ? undefined : wrong("true");
    case "SS":
    case "NS":
    case "BS": {
      const [member, what] = SET_MEMBERS[type];
      if (!Array.isArray(value) || value.length === 0) return wrong(`a non-empty list of ${what}`);
      for (let i = 0; i < value.length; i++) if (!member(value[i])) return wrong(`a non-empty list of ${what}`);
      return undefined;
    }
    case "M":
    case "L": {
      if (type === "M" ? !isMap(value) : !Array.isArray(value)) return wrong(type === "M" ? "a map" : "a list");
      if (depth >= MAX_DEPTH) return `${path} is nested deeper than DynamoDB's ${MAX_DEPTH} levels`;
      const members = value as Record<string, unknown>;
      for (const name in members) {
        const at = type === "M" ? `${path}.${name}` : `${path}[${name}]`;
        const found = problemIn(members[name], at, depth + 1);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    default:
      return `${path} has type ${JSON.stringify(type)}; allowed: S, N, B, BOOL, NULL, M, L, SS, NS, BS`;
  }
}

/** The first value of an attribute map (an image or Keys) that is not an AttributeValue, with its path. */
export function badAttribute(map: Record<string, unknown>, path: string): string | undefined {
  for (const name in map) {
    const found = problemIn(map[name], `${path}.${name}`, 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
