// Accepting a hazard on purpose: only by naming it (on the command line, or in an allow file reviewed with
// the pull request), only for the stack named, and an acceptance that accepts nothing is reported.

import { mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { readAllowFile } from "../../plan-check/allow-list";
import { run } from "../../plan-check/cli";
import { sampleEnvironments } from "../fixtures/sample-environments";
import { appStacks } from "../support/app-config";
import { MAPPING, plan, QUEUE, remove, replace, TABLE, update, writeJson } from "../support/plan-fixtures";
import { synthesizeAll } from "../support/stack";

const viewTypeChange = plan(
  update(TABLE, { stream_view_type: "NEW_IMAGE" }, { stream_arn: true }),
  replace(MAPPING, [["event_source_arn"]], "delete-first"),
);
const REASON = "NEW_IMAGE is enough; applied at 03:00 with the writers stopped";
const entry = (stack: string, address: string) => ({ stack, address, reason: REASON });
const allowFile = (...accept: unknown[]) => writeJson("allow.json", { accept });
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("nothing is accepted by default: with no acceptance given, every hazard fails the check", () => {
  expect(run([writeJson("books-dev.plan.json", viewTypeChange)]).code).toBe(1);
});

// The allow file is the team's: it holds acceptances while a deliberate change is under way, so these
// hold for whatever it lists (an empty list included), and a pull request that adds an entry as
// docs/changing-live-triggers.md says keeps the tests green.
describe("the project's allow file (plan-check/allow.json)", () => {
  const file = path.join(__dirname, "..", "..", "plan-check", "allow.json");

  test("reads as an allow file", () => {
    expect(run([writeJson("books-dev.plan.json", plan()), "--allow-file", file]).code).toBe(0);
  });

  // A stack that left the app but is still deployed has its destruction accepted here by name; whether
  // such a stack is deployed only the state bucket knows, so the workflows check those entries
  // (npm run stacks -- --deployed --allow-file): deployed-stacks.test.ts.
  test("names stacks of the app, or stacks that left it and are not near one's name (a misspelling)", () => {
    const stacks = appStacks.map((s) => s.name);
    for (const entry of readAllowFile(file).filter((e) => !stacks.includes(e.stack!)))
      expect(stacks.filter((s) => s.toLowerCase() === entry.stack!.toLowerCase())).toEqual([]);
  });
});

test("--allow ADDRESS accepts that resource's hazards, and only those", () => {
  const outcome = run([writeJson("books-dev.plan.json", viewTypeChange), "--allow", MAPPING]);
  expect(outcome.code).toBe(1);
  expect(outcome.stdout).toContain(`ACCEPTED books-dev ${MAPPING}: mapping replaced`);
  expect(outcome.stdout).toContain(`HAZARD books-dev ${TABLE}: stream view type changed`);
  expect(outcome.stdout).toMatch(/^FAIL: 1 hazard not accepted in books-dev/m);
});

test("every hazard accepted: exit 0, each still printed as accepted with its reason", () => {
  const allow = allowFile(entry("books-dev", TABLE), entry("books-dev", MAPPING));
  const outcome = run([writeJson("books-dev.plan.json", viewTypeChange), "--allow-file", allow]);
  expect(outcome.code).toBe(0);
  expect(outcome.stdout.match(/^ACCEPTED /gm)).toHaveLength(2);
  expect(outcome.stdout).toContain(`  accepted in ${allow}: ${REASON}`);
  expect(outcome.stdout).toMatch(/^PASS: 2 hazards in books-dev, all accepted$/m);
});

test("an allow file entry accepts the hazard in its own stack only, never the same address in another", () => {
  const allow = allowFile(entry("books-dev", TABLE), entry("books-dev", MAPPING));
  const prod = writeJson("books-prod.plan.json", viewTypeChange);
  const outcome = run([prod, "--allow-file", allow]);
  expect(outcome.code).toBe(1);
  expect(outcome.stdout).not.toContain("ACCEPTED");
  expect(outcome.stdout).not.toContain("STALE");
});

test("an entry that matches no hazard of its stack's plan is reported as stale, without changing the exit", () => {
  const allow = allowFile(entry("books-dev", QUEUE));
  const outcome = run([
    writeJson("books-dev.plan.json", plan(update(MAPPING, { batch_size: 10 }))),
    "--allow-file",
    allow,
  ]);
  expect(outcome.code).toBe(0);
  expect(outcome.stdout).toContain(
    `STALE allow entry: books-dev ${QUEUE} accepts no hazard in the plans checked; remove it from ${allow}`,
  );
});

test("an --allow address that matches no hazard is reported as stale", () => {
  const outcome = run([writeJson("books-dev.plan.json", plan(remove(QUEUE))), "--allow", QUEUE, "--allow", TABLE]);
  expect(outcome.code).toBe(0);
  expect(outcome.stdout).toContain(`STALE allow entry: (any stack) ${TABLE} accepts no hazard`);
});

test("a stale entry beside a hazard it nearly names suggests that address: a typo is named, not just refused", () => {
  const typo = `${TABLE.slice(0, -1)}8`;
  const outcome = run([
    writeJson("books-dev.plan.json", viewTypeChange),
    "--allow-file",
    allowFile(entry("books-dev", typo)),
  ]);
  expect(outcome.code).toBe(1);
  expect(outcome.stdout).toMatch(
    new RegExp(
      `^STALE allow entry: books-dev ${literal(typo)} accepts no hazard .*; did you mean ${literal(TABLE)}\\?$`,
      "m",
    ),
  );
});

test("a hazard accepted only for another stack says so, so the entry's stack is fixed rather than its address", () => {
  const allow = allowFile(entry("books-prod", TABLE), entry("books-prod", MAPPING));
  const outcome = run([writeJson("books-dev.plan.json", viewTypeChange), "--allow-file", allow]);
  expect(outcome.code).toBe(1);
  expect(outcome.stdout).toContain(`  not accepted here: ${allow} accepts ${TABLE} for books-prod only`);
});

test("the plan comment's Markdown marks accepted hazards and stale entries", () => {
  const allow = allowFile(entry("books-dev", TABLE), entry("books-dev", MAPPING), entry("books-dev", QUEUE));
  const markdown = path.join(path.dirname(allow), "check.md");
  run([writeJson("books-dev.plan.json", viewTypeChange), "--allow-file", allow, "--markdown", markdown]);
  expect(readFileSync(markdown, "utf8").trimEnd().split("\n")).toEqual([
    "✅ **Record check**: 2 hazards in books-dev, all accepted.",
    "",
    expect.stringMatching(
      /^- ☑️ accepted: \*\*books-dev\*\* `aws_dynamodb_table\.\S+`: stream view type changed .* Reason/,
    ),
    expect.stringMatching(/^- ☑️ accepted: \*\*books-dev\*\* `aws_lambda_event_source_mapping\.\S+`: mapping replaced/),
    expect.stringMatching(/^- ⚠️ stale allow entry: books-dev aws_sqs_queue\.\S+ accepts no hazard/),
  ]);
});

// [what is wrong, the allow file's content, what the message must say]
const BAD_ALLOW_FILES: [string, unknown, RegExp][] = [
  ["not JSON", "accept: everything", /cannot be read as JSON/],
  ["a list", [], /expected \{ "accept": \[/],
  ["no accept list", {}, /expected \{ "accept": \[/],
  ["an unknown key", { accept: [], allow: [] }, /unknown key allow; allowed: accept/],
  ["an entry that is not an object", { accept: [MAPPING] }, /accept\[0\] is not an object/],
  ["an entry without a reason", { accept: [{ stack: "books-dev", address: MAPPING }] }, /accept\[0\]: reason is null/],
  [
    "an empty reason",
    { accept: [{ ...entry("books-dev", MAPPING), reason: " " }] },
    /reason is " "; expected a non-empty string/,
  ],
  ["an entry without a stack", { accept: [{ address: MAPPING, reason: REASON }] }, /accept\[0\]: stack is null/],
  [
    "a misspelt key",
    { accept: [{ ...entry("books-dev", MAPPING), adress: MAPPING }] },
    /unknown key adress; allowed: stack, address, reason/,
  ],
  [
    "an entry listed twice",
    { accept: [entry("books-dev", MAPPING), entry("books-dev", MAPPING)] },
    /accept\[1\] repeats books-dev/,
  ],
];

describe("an allow file that is not right gets exit 2, naming the file and the entry", () => {
  test.each(BAD_ALLOW_FILES)("%s", (_, content, message) => {
    const allow = writeJson("allow.json", typeof content === "string" ? content : JSON.stringify(content));
    const outcome = run([writeJson("books-dev.plan.json", viewTypeChange), "--allow-file", allow]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.startsWith(`check-plan: ${allow}: `)).toBe(true);
    expect(outcome.stderr).toMatch(message);
  });

  test("a missing allow file", () => {
    expect(run([writeJson("books-dev.plan.json", plan()), "--allow-file", "no/allow.json"]).stderr).toBe(
      "check-plan: no/allow.json: cannot be read as JSON (ENOENT)\n",
    );
  });
});

test("a plan saved as <stack>/plan.json is named for its folder, as in cdktf.out/stacks/<stack>/", () => {
  const dir = path.join(path.dirname(writeJson("x", "")), "UsersPost-prod");
  mkdirSync(dir);
  const outcome = run([writeJson("plan.json", plan(remove(QUEUE)), dir)]);
  expect(outcome.stdout).toContain(`HAZARD UsersPost-prod ${QUEUE}: failure queue deleted`);
});

test("the allow file in docs/changing-live-triggers.md names resources the sample's stacks declare", () => {
  const doc = readFileSync(path.join(__dirname, "..", "..", "docs", "changing-live-triggers.md"), "utf8");
  const example = doc.slice(doc.indexOf("## Accepting a hazard")).match(/```json\n([\s\S]*?)```/)![1];
  const stacks = synthesizeAll(sampleEnvironments);
  const entries = readAllowFile(writeJson("allow.json", example));
  expect(entries.length).toBeGreaterThan(0);
  for (const { stack, address } of entries) {
    const [type, name] = address.split(".");
    expect(Object.keys(stacks.get(stack!)?.resource[type] ?? {})).toContain(name);
  }
});
