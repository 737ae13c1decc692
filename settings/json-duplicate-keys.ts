// Keys given twice in one object of a JSON text. JSON.parse keeps the last silently; RFC 8259 leaves
// which one a parser keeps undefined, so a text with both can mean one thing here and another elsewhere.
// Imports nothing: the filter grammar, run by both the config check and the local runner, uses it.

interface Frame {
  /** The keys seen so far, for an object; undefined for an array. */
  readonly keys?: Set<string>;
  readonly path: string;
  index: number;
  expectKey: boolean;
  lastKey: string;
}

const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

/**
 * The path of every repeated key (`dynamodb.NewImage.status`, `$or[1].eventName`), in text order.
 * `text` must be valid JSON (parse it first): the scan trusts its structure.
 */
export function duplicateKeyPaths(text: string): string[] {
  const found: string[] = [];
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const top = stack[stack.length - 1];
    if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key) && !found.includes(join(top.path, key))) found.push(join(top.path, key));
        top.keys.add(key);
        top.expectKey = false;
        top.lastKey = key;
      }
      i = end;
    } else if (ch === "{" || ch === "[") {
      const path = top === undefined ? "" : top.keys ? join(top.path, top.lastKey) : `${top.path}[${top.index}]`;
      stack.push({ keys: ch === "{" ? new Set() : undefined, path, index: 0, expectKey: ch === "{", lastKey: "" });
    } else if (ch === "}" || ch === "]") {
      stack.pop();
    } else if (ch === "," && top) {
      if (top.keys) top.expectKey = true;
      else top.index++;
    }
  }
  return found;
}
