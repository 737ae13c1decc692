import { DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformStack, Testing, Token } from "cdktf";
import { buildApp } from "../../constructs/app";
import { cdktfResolve, type ResolveOptions, resolve } from "../../constructs/token-resolution";
import { environments as bucketEnvironments } from "../fixtures/bucket-node24-environments";
import { sampleEnvironments } from "../fixtures/sample-environments";
import { tempDir } from "../support/stack";

const scope = new TerraformStack(Testing.app(), "scope");

function options(extra: Partial<ResolveOptions> = {}): ResolveOptions {
  return { scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()), prefix: [], ...extra };
}

/** What each way gives: the value, or the message of what it threw. */
function outcome(resolver: typeof resolve, value: unknown, extra?: Partial<ResolveOptions>) {
  try {
    return { value: resolver(value, options(extra)) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function expectAsCdktf(value: unknown, extra?: Partial<ResolveOptions>) {
  const expected = outcome(cdktfResolve, value, extra);
  expect(outcome(resolve, value, extra)).toEqual(expected);
  return expected;
}

describe("token resolution", () => {
  test.each([
    ["sample", sampleEnvironments],
    ["bucket and nodejs24.x", bucketEnvironments],
  ])("resolves every element of every %s stack as cdktf does", (_, environments) => {
    const app = buildApp(environments, { outdir: tempDir("token-resolution-") });
    for (const stack of app.node.children as TerraformStack[]) {
      const scoped = options({ scope: stack });
      for (const element of stack.node.findAll()) {
        const candidate = element as { toTerraform?: () => unknown; toMetadata?: () => unknown };
        if (typeof candidate.toTerraform !== "function" || element === stack) continue;
        expect(resolve(candidate.toTerraform(), scoped)).toEqual(cdktfResolve(candidate.toTerraform(), scoped));
      }
      // The whole stack, as cdktf's toTerraform hands it over: tokens resolved again inside it.
      const whole = stack.toTerraform();
      expect(resolve(whole, scoped)).toEqual(cdktfResolve(whole, scoped));
    }
  });

  test("resolves strings, numbers, lists and maps holding tokens as cdktf does", () => {
    const name = Token.asString(Lazy.stringValue({ produce: () => "books" }));
    const count = Token.asNumber(Lazy.numberValue({ produce: () => 3 }));
    const list = Token.asList(Lazy.listValue({ produce: () => ["a", "b"] }));
    const numbers = Token.asNumberList(Lazy.anyValue({ produce: () => [1, 2] }));
    const map = Token.asStringMap(Lazy.anyValue({ produce: () => ({ k: "v" }) }));
    const { value, error } = expectAsCdktf({
      name,
      joined: `table-${name}-${count}`,
      count,
      list,
      numbers,
      map,
      spread: { ...map },
      fn: Fn.upper(name),
      nested: [{ deep: [name, count, true, null, undefined, 1.5e300] }],
      // Holes are skipped, as cdktf's map() skips them.
      sparse: new Array(3).fill(1, 0, 1).fill(3, 2),
      escaped: "${var.literal} and 1e5",
      at: new Date(0),
    });
    expect(error).toBeUndefined();
    expect(value).toMatchObject({ name: "books", count: 3, list: ["a", "b"], sparse: [1, 3] });
  });

  test.each([
    ["a function", { f: () => 1 }],
    ["a construct", { c: scope }],
    ["a list token in a string", { s: `x${Token.asList(Lazy.listValue({ produce: () => ["a"] }))[0]}` }],
    ["a map token's marker as a value", { s: Token.STRING_MAP_TOKEN_VALUE }],
    ["a number map token's marker", { n: Token.NUMBER_MAP_TOKEN_VALUE }],
    ["a key resolving to a number", { [Token.asString(Lazy.anyValue({ produce: () => 1 }))]: "v" }],
    ["an unknown token", { s: "${TfToken[TOKEN.999999]}" }],
  ])("fails on %s with cdktf's message", (_, value) => {
    expect(expectAsCdktf(value).error).toEqual(expect.any(String));
  });

  test("fails on a tree deeper than 200 with cdktf's message, naming the path", () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 210; i++) deep = { [`k${i}`]: deep };
    expect(expectAsCdktf(deep).error).toContain("/k209/k208");
  });

  test("passes the prefix and the previous context's flags on to tokens as cdktf does", () => {
    const seen: unknown[] = [];
    const token = Lazy.anyValue({
      produce: (context) => {
        seen.push({ suppressBraces: context.suppressBraces, ignoreEscapes: context.ignoreEscapes });
        return { inner: "${x}" };
      },
    });
    const previousContext = { suppressBraces: true, ignoreEscapes: true } as ResolveOptions["previousContext"];
    expectAsCdktf({ a: [{ b: token }] }, { prefix: ["root"], previousContext });
    expect(seen).toHaveLength(2);
    expect(seen[0]).toEqual(seen[1]);
  });
});
