// Properties of the DynamoDB number check over random numbers; the edge cases are in
// handler-stream-change.test.ts.
import fc from "fast-check";
import { numberValue } from "../../handlers/dynamodb-number";

const inRange = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .filter((x) => x === 0 || (Math.abs(x) >= 1e-130 && Math.abs(x) < 1e126));

/** Decimal text with `digits` significant digits, written in several ways: leading zeros, a fraction, an exponent. */
const decimal = (digits: fc.Arbitrary<string>) =>
  fc
    .record({
      negative: fc.boolean(),
      digits,
      zeros: fc.integer({ min: 0, max: 3 }),
      point: fc.nat(),
      exponent: fc.integer({ min: -60, max: 60 }),
    })
    .map(({ negative, digits, zeros, point, exponent }) => {
      const body = "0".repeat(zeros) + digits;
      const at = 1 + (point % body.length);
      const mantissa = at === body.length ? body : `${body.slice(0, at)}.${body.slice(at)}`;
      return `${negative ? "-" : ""}${mantissa}E${exponent}`;
    });
const significant = (min: number, max: number) =>
  fc
    .tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min - 2, maxLength: max - 2 }),
      fc.integer({ min: 1, max: 9 }),
    )
    .map(([first, middle, last]) => `${first}${middle.join("")}${last}`);

describe("for any number", () => {
  test("in DynamoDB's range, the text JavaScript writes for it is accepted and keeps its value", () => {
    fc.assert(
      fc.property(inRange, (x) => {
        const value = numberValue(String(x));
        expect(value).toBeDefined();
        expect(Number(value)).toBe(x === 0 ? 0 : x);
      }),
    );
  });

  test("with at most 15 significant digits, the value is a JavaScript number", () => {
    fc.assert(fc.property(decimal(significant(2, 15)), (text) => expect(numberValue(text)).toBe(Number(text))));
  });

  test("with 16 to 38 significant digits, the value is its exact text", () => {
    fc.assert(fc.property(decimal(significant(16, 38)), (text) => expect(numberValue(text)).toBe(text)));
  });

  test("with more than 38 significant digits, it is not a DynamoDB number", () => {
    fc.assert(fc.property(decimal(significant(39, 60)), (text) => expect(numberValue(text)).toBeUndefined()));
  });
});
