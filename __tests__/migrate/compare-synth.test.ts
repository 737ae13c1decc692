// The CI leg's comparison of the cdktf and cdktn synths (migrate/compare-synth.ts): only the allow-listed
// keys may differ, and each difference is printed.
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { ALLOWED, allowed, compare, differences } from "../../migrate/compare-synth";
import { tempDir } from "../support/stack";

const stack = (version: string, aws: string, extra: Record<string, unknown> = {}) => ({
  "//": { metadata: { version, stackName: "books-dev" } },
  terraform: { required_providers: { aws: { source: "aws", version: aws } } },
  resource: { aws_sqs_queue: { q: { name: "books-dev-failures", ...extra } } },
});

function out(stacks: Record<string, unknown>): string {
  const dir = tempDir("compare-synth-");
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(path.join(dir, "stacks", name), { recursive: true });
    writeFileSync(path.join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
  }
  return dir;
}

test("finds every path where two documents differ, missing keys included", () => {
  expect(differences({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3], d: true } })).toEqual([
    { path: "b.c[1]", before: 2, after: 3 },
    { path: "b.d", before: undefined, after: true },
  ]);
});

test.each([
  ["//.metadata.version", true],
  ["terraform.required_providers.aws.version", true],
  ["terraform.required_providers.archive.source", true],
  ["terraform.required_providers.aws.version.extra", false],
  ["resource.aws_sqs_queue.q.name", false],
  ["//.metadata.stackName", false],
])("%s is allowed to differ: %s", (at, expected) => {
  expect(allowed(at)).toBe(expected);
});

test("passes synths that differ only in allowed keys, printing the allow-list and each difference", () => {
  const { ok, text } = compare(
    out({ "books-dev": stack("0.21.0", "6.25.0") }),
    out({ "books-dev": stack("0.24.0", "6.66.0") }),
  );
  expect(ok).toBe(true);
  expect(text).toContain(`allowed to differ: ${ALLOWED.join(", ")}`);
  expect(text).toContain('  allowed terraform.required_providers.aws.version: "6.25.0" -> "6.66.0"');
  expect(text).toMatch(/PASS: /);
});

test("fails on a difference in a resource, naming it", () => {
  const { ok, text } = compare(
    out({ "books-dev": stack("0.21.0", "6.25.0") }),
    out({ "books-dev": stack("0.21.0", "6.25.0", { delay_seconds: 5 }) }),
  );
  expect(ok).toBe(false);
  expect(text).toContain("  NOT ALLOWED resource.aws_sqs_queue.q.delay_seconds: undefined -> 5");
});

test("fails when the stacks are not the same", () => {
  const same = stack("0.21.0", "6.25.0");
  const { ok, text } = compare(out({ "books-dev": same }), out({ "books-dev": same, "books-prod": same }));
  expect(ok).toBe(false);
  expect(text).toContain("DIFFERENT STACKS: books-dev -> books-dev, books-prod");
});
