// json-stable-stringify 1.3 as cdktf calls it (`stringify(value, { space: 2 })`, for cdk.tf.json and
// manifest.json), byte for byte, without its generic machinery: its bound Array methods, a linear
// search of the ancestors for cycles at every object and indentation rebuilt character by character
// made it a twentieth of the synth at 150 stacks. run-app.js bundles cdktf with this module in place of
// the package; __tests__/constructs/stable-stringify.test.ts holds the two to the same output.

interface Options {
  readonly space?: string | number;
}

// Keys repeat from stack to stack (every resource has a `provider`, a `//`): each is quoted once.
const quotedKeys = new Map<string, string>();
function quoted(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    quotedKeys.set(key, q);
  }
  return q;
}

function stableStringify(value: unknown, options?: Options): string | undefined {
  const space = typeof options?.space === "number" ? " ".repeat(options.space) : (options?.space ?? "");
  // The library's checks of options it is never given here (cmp, replacer, cycles, collapseEmpty).
  if (options && Object.keys(options).some((key) => key !== "space")) {
    throw new TypeError(`stable-stringify: unsupported options ${Object.keys(options).join(", ")}`);
  }
  const colon = space ? ": " : ":";
  const ancestors = new Set<object>();
  const indents: string[] = [];
  const indentOf = (level: number) => {
    indents[level] ??= space ? `\n${space.repeat(level)}` : "";
    return indents[level];
  };

  function write(node: unknown, level: number): string | undefined {
    if (node && typeof (node as { toJSON?: unknown }).toJSON === "function") {
      node = (node as { toJSON: () => unknown }).toJSON();
    }
    if (node === undefined) return undefined;
    if (typeof node !== "object" || node === null) return JSON.stringify(node);
    const indent = indentOf(level);
    const inner = indent + space;
    let out = "";
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        out += `${i > 0 ? "," : ""}${inner}${write(node[i], level + 1) || "null"}`;
      }
      return `[${out}${indent}]`;
    }
    if (ancestors.has(node)) throw new TypeError("Converting circular structure to JSON");
    ancestors.add(node);
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) {
      const written = write(record[key], level + 1);
      if (!written) continue;
      out += `${out ? "," : ""}${inner}${quoted(key)}${colon}${written}`;
    }
    ancestors.delete(node);
    return `{${out}${indent}}`;
  }

  return write(value, 0);
}

export = stableStringify;
