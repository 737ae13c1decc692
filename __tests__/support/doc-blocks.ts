// Examples in the docs, read back so tests keep them in step with what the commands print.
import { readFileSync } from "node:fs";
import * as path from "node:path";

/** The lines of the first code block in docs/`doc` after the text `after`; throws if there is none. */
export function docBlockAfter(doc: string, after: string): string[] {
  const text = readFileSync(path.join(__dirname, "..", "..", "docs", doc), "utf8");
  const start = text.indexOf(after);
  const block = start < 0 ? null : /```\n([\s\S]*?)\n```/.exec(text.slice(start));
  if (!block) throw new Error(`docs/${doc}: no code block after "${after}"`);
  return block[1].split("\n");
}
