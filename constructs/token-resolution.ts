// cdktf's resolve() (cdktf/lib/tokens/private/resolve.js), doing the same work without its overhead.
// cdktf resolves every element of a stack, then the whole stack once more; for each key and value it
// creates a resolution context (two closures, a copy of the options, a copy of the key path) and two
// regular-expression scanners, though a context is only ever read when a token is met. At 150 stacks
// that was a third of the synth. Here a context is made only where cdktf would hand one to a token or
// a resolver; every value, path, error and context a token sees is the same, so the output is byte for
// byte cdktf's (__tests__/constructs/token-resolution.test.ts resolves the same trees both ways).
// Installed by replacing the module's export: cdktf calls it through the export (Tokenization.resolve).

interface ResolveContext {
  preparing: boolean;
  scope: unknown;
  suppressBraces?: boolean;
  ignoreEscapes?: boolean;
  warnEscapes?: boolean;
  iteratorContext?: unknown;
  registerPostProcessor(pp: PostProcessor): void;
  resolve(x: unknown): unknown;
}
interface PostProcessor {
  postProcess(x: unknown, context: ResolveContext): unknown;
}
interface Fragments {
  mapTokens(context: ResolveContext): { join(concat: unknown): string };
}
interface Resolver {
  resolveToken(t: unknown, context: ResolveContext, postProcessor: PostProcessor): unknown;
  resolveString(fragments: Fragments, context: ResolveContext): string;
  resolveList(xs: unknown[], context: ResolveContext): unknown;
  resolveNumberList(xs: unknown[], context: ResolveContext): unknown;
  resolveMap(xs: object, context: ResolveContext): unknown;
}
export interface ResolveOptions {
  scope: unknown;
  preparing: boolean;
  resolver: Resolver;
  prefix?: string[];
  previousContext?: ResolveContext;
}
interface TokenStringClass {
  forString(s: string, includeEscapes?: boolean, warnEscapes?: boolean): TokenString;
  forListToken(s: string): TokenString;
  forNumbers(s: string): TokenString;
  forMapToken(s: string): TokenString;
}
interface TokenString {
  test(): boolean;
  split(lookup: (key: string) => unknown): Fragments;
}

const resolveModule = require("cdktf/lib/tokens/private/resolve") as {
  resolve: (obj: unknown, options: ResolveOptions) => unknown;
};
const encoding = require("cdktf/lib/tokens/private/encoding") as {
  TokenString: TokenStringClass;
  BEGIN_STRING_TOKEN_MARKER: string;
  BEGIN_LIST_TOKEN_MARKER: string;
  BEGIN_MAP_TOKEN_MARKER: string;
  extractTokenDouble(x: number, list: boolean): number | undefined;
};
const { TokenMap } = require("cdktf/lib/tokens/private/token-map") as {
  TokenMap: {
    instance(): { lookupToken(key: string): unknown; lookupNumberToken(x: number): unknown };
  };
};
const { Token } = require("cdktf/lib/tokens/token") as {
  Token: { STRING_MAP_TOKEN_VALUE: string; ANY_MAP_TOKEN_VALUE: string; NUMBER_MAP_TOKEN_VALUE: number };
};
const { StringConcat } = require("cdktf/lib/tokens/resolvable") as { StringConcat: new () => unknown };
const errors = require("cdktf/lib/errors") as Record<string, (...args: unknown[]) => Error>;

/** cdktf's own resolve, kept for comparison in tests. */
export const cdktfResolve = resolveModule.resolve;

const { TokenString, BEGIN_STRING_TOKEN_MARKER, BEGIN_LIST_TOKEN_MARKER, BEGIN_MAP_TOKEN_MARKER } = encoding;
const tokenMap = TokenMap.instance();
const lookupToken = tokenMap.lookupToken.bind(tokenMap);
// encoding's NUMBER_TOKEN_REGEX without the global flag: the same test, with no lastIndex to reset.
const NUMBER_TOKEN = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;
// A token number carries these marks in its top 16 bits (encoding's DOUBLE_*_TOKEN_MARKER_BITS); the
// check reuses one buffer where extractTokenDouble allocates one for every number it looks at.
const STRING_NUMBER_MARK = 0xfdff;
const LIST_NUMBER_MARK = 0xfbff;
const doubles = new Float64Array(1);
const words = new Uint32Array(doubles.buffer);
function numberMark(x: number): number {
  doubles[0] = x;
  return words[1] >>> 16;
}

/** The key path of a value: a linked list, made into cdktf's array only when a context or error needs it. */
interface Path {
  readonly up: Path | undefined;
  readonly key: string;
  readonly length: number;
}

function prefixOf(base: string[], path: Path | undefined): string[] {
  if (path === undefined) return base;
  const keys: string[] = new Array(path.length - base.length);
  for (let p: Path | undefined = path, i = keys.length - 1; p && i >= 0; p = p.up, i--) keys[i] = p.key;
  return base.concat(keys);
}

const pathName = (base: string[], path: Path | undefined) => `/${prefixOf(base, path).join("/")}`;

/** cdktf's makeContext() (no path appended): the context a token or resolver is given at this value. */
function makeContext(options: ResolveOptions, base: string[], path: Path | undefined): [ResolveContext, PostProcessor] {
  const prefix = path === undefined ? options.prefix : prefixOf(base, path);
  const previous = options.previousContext;
  let postProcessor: PostProcessor | undefined;
  const context: ResolveContext = {
    preparing: options.preparing,
    scope: options.scope,
    suppressBraces: previous?.suppressBraces,
    ignoreEscapes: previous?.ignoreEscapes,
    warnEscapes: previous?.warnEscapes,
    iteratorContext: previous?.iteratorContext,
    registerPostProcessor(pp) {
      postProcessor = pp;
    },
    resolve(x) {
      return resolve(x, { ...options, prefix, previousContext: context });
    },
  };
  return [context, { postProcess: (x) => (postProcessor ? postProcessor.postProcess(x, context) : x) }];
}

export function resolve(obj: unknown, options: ResolveOptions): unknown {
  const base = options.prefix || [];
  return walk(obj, options, base, undefined, base.length);
}

// Below, `options` are those of the outermost call. cdktf passes each nested value a context copied
// from its parent's, which copied its own from the outermost call's previousContext: nothing in between
// changes them, so the outermost call's previousContext gives every nested value the same flags.
function walk(obj: unknown, options: ResolveOptions, base: string[], path: Path | undefined, depth: number): unknown {
  // Protects against cyclic references by limiting depth, as cdktf does.
  if (depth > 200) throw errors.unableToResolveCircularReference(pathName(base, path));
  switch (typeof obj) {
    case "undefined":
      return undefined;
    case "function":
      throw errors.cannotResolveFunction(pathName(base, path), obj);
    case "string":
      return walkString(obj, options, base, path);
    case "number": {
      if (obj === Token.NUMBER_MAP_TOKEN_VALUE) throw errors.encodedMapTokenInScalarNumberContext();
      if (numberMark(obj) !== STRING_NUMBER_MARK) return obj;
      const token = tokenMap.lookupNumberToken(obj);
      return token === undefined ? obj : makeContext(options, base, path)[0].resolve(token);
    }
    case "object":
      break;
    default:
      return obj;
  }
  if (obj === null) return null;
  if (obj instanceof Date) return obj;
  if (Array.isArray(obj)) return walkArray(obj, options, base, path, depth);
  if (containsMapToken(obj)) return options.resolver.resolveMap(obj, makeContext(options, base, path)[0]);
  if (typeof (obj as { resolve?: unknown }).resolve === "function") {
    const [context, postProcessor] = makeContext(options, base, path);
    return options.resolver.resolveToken(obj, context, postProcessor);
  }
  // A construct here is a mistake; resolving it would loop between parent and children.
  const record = obj as Record<string, unknown>;
  if (record._children !== undefined && record._metadata !== undefined) {
    throw errors.constructsCannotBeResolved(pathName(base, path));
  }
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const resolvedKey = walk(key, options, base, path, depth);
    if (typeof resolvedKey !== "string") throw errors.mapKeyMustResolveToString(pathName(base, path), key, resolvedKey);
    const value = walk(record[key], options, base, { up: path, key, length: depth + 1 }, depth + 1);
    if (value !== undefined) result[resolvedKey] = value;
  }
  return result;
}

function walkString(obj: string, options: ResolveOptions, base: string[], path: Path | undefined): string {
  // A "list element" token never occurs by itself in a string context.
  if (obj.includes(BEGIN_LIST_TOKEN_MARKER) && TokenString.forListToken(obj).test()) {
    throw errors.encodedListTokenInScalarStringContext();
  }
  if (obj === Token.STRING_MAP_TOKEN_VALUE || obj === Token.ANY_MAP_TOKEN_VALUE) {
    throw errors.encodedMapTokenInScalarStringContext();
  }
  let str = obj;
  if (str.includes(BEGIN_STRING_TOKEN_MARKER)) {
    const previous = options.previousContext;
    const tokenStr = TokenString.forString(str, !previous?.ignoreEscapes, previous?.warnEscapes);
    if (tokenStr.test()) {
      str = options.resolver.resolveString(tokenStr.split(lookupToken), makeContext(options, base, path)[0]);
    }
  }
  // Concatenated token numbers.
  if (NUMBER_TOKEN.test(str)) {
    const fragments = TokenString.forNumbers(str).split((id) => tokenMap.lookupNumberToken(parseFloat(id)));
    str = fragments.mapTokens(makeContext(options, base, path)[0]).join(new StringConcat());
  }
  return str;
}

function walkArray(
  obj: unknown[],
  options: ResolveOptions,
  base: string[],
  path: Path | undefined,
  depth: number,
): unknown {
  if (obj.some((x) => typeof x === "string" && x.includes(BEGIN_LIST_TOKEN_MARKER) && isListToken(x))) {
    return options.resolver.resolveList(obj, makeContext(options, base, path)[0]);
  }
  if (obj.some((x) => typeof x === "number" && numberMark(x) === LIST_NUMBER_MARK && isNumberListToken(x))) {
    return options.resolver.resolveNumberList(obj, makeContext(options, base, path)[0]);
  }
  const result: unknown[] = [];
  // As cdktf's map(): holes of a sparse array are skipped.
  obj.forEach((x, i) => {
    const value = walk(x, options, base, { up: path, key: `${i}`, length: depth + 1 }, depth + 1);
    if (value !== undefined) result.push(value);
  });
  return result;
}

const isListToken = (x: string) => TokenString.forListToken(x).test();
const isNumberListToken = (x: number) => encoding.extractTokenDouble(x, true) !== undefined;

function containsMapToken(obj: object): boolean {
  return Object.keys(obj).some((key) => key.includes(BEGIN_MAP_TOKEN_MARKER) && TokenString.forMapToken(key).test());
}

/** Makes cdktf resolve with the function above. */
export function installTokenResolution(): void {
  resolveModule.resolve = resolve;
}
