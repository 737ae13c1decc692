// DynamoDB's number type, checked before a number reaches the user's code: a stream record holding
// anything else did not come from DynamoDB intact, and converting it would hand on NaN, Infinity or a
// hexadecimal value as if it were data.
// Pure: no I/O, no globals, so tests call it directly.

// Decimal text only: an optional minus, digits, an optional fraction, an optional exponent.
const SYNTAX = /^-?(\d+)(?:\.(\d+))?(?:[eE]([-+]?\d+))?$/;
const ZERO = 48; // "0"
const MAX_DIGITS = 38;
const MIN_EXPONENT = -130; // 1E-130
const MAX_EXPONENT = 125; // 9.9999999999999999999999999999999999999E+125

/**
 * The value unmarshall hands on for a DynamoDB number's text: a JavaScript number, or the exact text
 * where a number would lose digits (DynamoDB keeps 38, a JavaScript number about 15); undefined for
 * anything that is not a DynamoDB number (at most 38 significant digits, zero or 1E-130 to 9.99…E+125
 * in magnitude).
 */
export function numberValue(text: unknown): number | string | undefined {
  if (typeof text !== "string") return undefined;
  const parts = SYNTAX.exec(text);
  if (parts === null) return undefined;
  const whole = parts[1];
  const digits = whole + (parts[2] ?? "");
  let first = 0;
  while (first < digits.length && digits.charCodeAt(first) === ZERO) first++;
  if (first === digits.length) return Number(text); // zero, whatever its exponent
  let end = digits.length;
  while (digits.charCodeAt(end - 1) === ZERO) end--;
  if (end - first > MAX_DIGITS) return undefined;
  // The power of ten of the leading significant digit; the digit count above bounds the mantissa.
  const exponent = whole.length - 1 - first + Number(parts[3] ?? 0);
  if (exponent < MIN_EXPONENT || exponent > MAX_EXPONENT) return undefined;
  return digits.length - first <= 15 ? Number(text) : text;
}

/** A number as unmarshall.ts hands it on: numberValue, throwing for what is not a DynamoDB number. */
export function toNumber(text: string): number | string {
  const value = numberValue(text);
  if (value === undefined) throw new Error("not a DynamoDB number");
  return value;
}

/**
 * The first value in an attribute map that is not a DynamoDB number, in the order unmarshall visits
 * them, as "<path>: <value> is not a DynamoDB number" (the path as `.name` and `[index]`).
 */
export function badNumber(map: Record<string, unknown>): string | undefined {
  return badNumberIn({ M: map });
}

// Reads an attribute value as unmarshall does: its first defined entry names its type.
function badNumberIn(attribute: unknown): string | undefined {
  const [type, value] = Object.entries(attribute ?? {}).find(([, member]) => member !== undefined) ?? [];
  if (type === "N")
    return numberValue(value) === undefined ? `: ${JSON.stringify(value)} is not a DynamoDB number` : undefined;
  if (type !== "M" && type !== "L" && type !== "NS") return undefined;
  const members = value as Record<string, unknown>;
  for (const name in members) {
    const found = badNumberIn(type === "NS" ? { N: members[name] } : members[name]);
    if (found !== undefined) return `${type === "M" ? `.${name}` : `[${name}]`}${found}`;
  }
  return undefined;
}
