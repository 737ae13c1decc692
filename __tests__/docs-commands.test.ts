import { readFileSync } from "fs";
import * as path from "path";
import { findProjectRoot } from "../lib/handler-bundle";

const root = findProjectRoot();
const scripts = Object.keys(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts).sort();
const docs = {
  help: readFileSync(path.join(root, "help"), "utf8"),
  "README.md": readFileSync(path.join(root, "README.md"), "utf8"),
};

/** The npm scripts a text tells the reader to run. */
function mentioned(text: string): string[] {
  const names = new Set<string>();
  for (const [, name] of text.matchAll(/npm run ([a-z0-9:-]+)/g)) names.add(name);
  if (/npm test\b/.test(text)) names.add("test");
  return [...names].sort();
}

describe.each(Object.entries(docs))("%s", (_, text) => {
  test("lists every command package.json defines", () => {
    expect(scripts.filter((s) => !mentioned(text).includes(s))).toEqual([]);
  });

  test("names no command package.json lacks", () => {
    expect(mentioned(text).filter((s) => !scripts.includes(s))).toEqual([]);
  });
});
