import { readFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../lib/handler-bundle";
import { TRIGGER_DEFAULTS } from "../lib/trigger-settings";

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
  const documented = new Set([...readme.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((m) => m[1]));

  test("document every trigger field the construct takes", () => {
    const fields = [
      "tableName",
      "partitionKey",
      "sortKey",
      "streamViewType",
      "deletionProtection",
      "functionName",
      "handlerEntry",
      "memorySize",
      "timeout",
      "logLevel",
      "logRetentionDays",
      "batchSize",
      "startingPosition",
      "batchingWindowSeconds",
      "enabled",
      "maximumRetryAttempts",
      "maximumRecordAgeSeconds",
      "parallelizationFactor",
      "filterPatterns",
      "iteratorAgeAlarmSeconds",
      "alarmTopic",
    ];
    // The list above must itself be complete: every default is a field.
    for (const key of Object.keys(TRIGGER_DEFAULTS)) expect(fields).toContain(key);
    expect(fields.filter((f) => !documented.has(f))).toEqual([]);
  });

  test("document every environment field", () => {
    const fields = ["environment", "project", "region", "tags", "triggerDefaults", "triggers"];
    expect(fields.filter((f) => !documented.has(f))).toEqual([]);
  });
});
