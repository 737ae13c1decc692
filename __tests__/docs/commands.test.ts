import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { TRIGGER_DEFAULTS, TRIGGER_FIELDS } from "../../settings/trigger-settings";

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

describe("README's configuration tables", () => {
  const readme = docs["README.md"];
  /** Each documented field's row: its default as written, and what is allowed. */
  const rows = new Map(
    [...readme.matchAll(/^\| `([A-Za-z]+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2].trim()] as const),
  );

  /** How the README writes a default: numbers with thousands separators, everything else as code. */
  const written = (value: unknown) =>
    typeof value === "number" ? value.toLocaleString("en-US") : `\`${String(value)}\``;

  test.each(TRIGGER_FIELDS)("document the trigger field %s", (field) => {
    expect(rows.has(field)).toBe(true);
  });

  test.each(Object.entries(TRIGGER_DEFAULTS))("give %s the default the code applies", (field, value) => {
    expect(rows.get(field)).toBe(written(value));
  });

  test.each([
    "environment",
    "project",
    "region",
    "tags",
    "triggerDefaults",
    "triggers",
  ])("document the environment field %s", (field) => {
    expect(rows.has(field)).toBe(true);
  });
});

describe("links between the README and docs/", () => {
  const files = ["README.md", ...readdirSync(path.join(root, "docs")).map((f) => `docs/${f}`)];

  /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
  const anchor = (heading: string) =>
    heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, "")
      .replace(/ /g, "-");

  test.each(files)("%s links only to files and headings that exist", (file) => {
    const text = readFileSync(path.join(root, file), "utf8");
    for (const [, target] of text.matchAll(/\]\(((?!https?:)[^)\s]+)\)/g)) {
      const [relative, hash] = target.split("#");
      const linked = relative ? path.join(path.dirname(path.join(root, file)), relative) : path.join(root, file);
      expect({ target, exists: existsSync(linked) }).toEqual({ target, exists: true });
      if (hash && linked.endsWith(".md")) {
        const headings = [...readFileSync(linked, "utf8").matchAll(/^#+ (.+)$/gm)].map((m) => anchor(m[1]));
        expect(headings).toContain(hash);
      }
    }
  });
});
