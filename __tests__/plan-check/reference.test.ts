// The two plans real Terraform 1.11.4 and the AWS provider wrote for books-dev (copied from the team's
// reference measurements): a batch size change, and a stream view type change that replaces the mapping.

import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { run } from "../../plan-check/cli";
import { writeJson } from "../support/plan-fixtures";

const PLANS = path.join(__dirname, "..", "fixtures", "plans");
const SAFE = path.join(PLANS, "batch-size-1-to-10.plan.json");
const VIEW_TYPE = path.join(PLANS, "stream-view-type-changed.plan.json");

test("the batch size change passes: exit 0, no hazard", () => {
  const outcome = run([SAFE]);
  expect(outcome.code).toBe(0);
  expect(outcome.stdout).not.toMatch(/HAZARD/);
  expect(outcome.stdout).toMatch(/^checked batch-size-1-to-10 \(.*\): 10 resource changes \(9 no-op, 1 update\)$/m);
  expect(outcome.stdout).toMatch(/^PASS: no change in batch-size-1-to-10 can lose, skip, replay or delete records$/m);
});

test("the stream view type change fails: the table's new stream and the replaced mapping, each named", () => {
  const outcome = run([VIEW_TYPE]);
  expect(outcome.code).toBe(1);
  const flagged = [...outcome.stdout.matchAll(/^HAZARD (\S+) (\S+): (.*)$/gm)].map((m) => m.slice(1));
  expect(flagged).toEqual([
    [
      "stream-view-type-changed",
      "aws_dynamodb_table.trigger_table_16E138B7",
      "stream view type changed (stream_view_type NEW_AND_OLD_IMAGES -> NEW_IMAGE)",
    ],
    [
      "stream-view-type-changed",
      "aws_lambda_event_source_mapping.trigger_mapping_FA5D31A1",
      "mapping replaced (forced by event_source_arn; starting_position LATEST)",
    ],
  ]);
  expect(outcome.stdout).toMatch(/^FAIL: 2 hazards not accepted in stream-view-type-changed/m);
});

test("the role policy's in-place update in that plan is not a hazard", () => {
  expect(run([VIEW_TYPE]).stdout).not.toContain("aws_iam_role_policy");
});

test("its Markdown puts the verdict first, then one line per hazard", () => {
  const markdown = path.join(path.dirname(writeJson("x", "")), "check.md");
  run([VIEW_TYPE, "--markdown", markdown]);
  const lines = readFileSync(markdown, "utf8").trimEnd().split("\n");
  expect(lines[0]).toMatch(/^⛔ \*\*Record check\*\*: 2 hazards not accepted in stream-view-type-changed/);
  expect(lines.slice(2).map((l) => l.match(/^- ⛔ \*\*stream-view-type-changed\*\* `([^`]+)`/)?.[1])).toEqual([
    "aws_dynamodb_table.trigger_table_16E138B7",
    "aws_lambda_event_source_mapping.trigger_mapping_FA5D31A1",
  ]);
});

test("both plans in one run: the verdict names only the plan with hazards", () => {
  const outcome = run([SAFE, VIEW_TYPE]);
  expect(outcome.code).toBe(1);
  expect(outcome.stdout).toMatch(/^FAIL: 2 hazards not accepted in stream-view-type-changed:/m);
});

test("docs/changing-live-triggers.md shows the check's real output for both plans, as CI names them", () => {
  const doc = readFileSync(path.join(__dirname, "..", "..", "docs", "changing-live-triggers.md"), "utf8");
  const project = path.dirname(writeJson("x", ""));
  const stack = path.join(project, "cdktf.out", "stacks", "books-dev");
  mkdirSync(path.join(project, "plan-check"));
  mkdirSync(stack, { recursive: true });
  copyFileSync(
    path.join(__dirname, "..", "..", "plan-check", "allow.json"),
    path.join(project, "plan-check", "allow.json"),
  );
  const cwd = process.cwd();
  process.chdir(project);
  try {
    for (const [plan, code] of [
      [VIEW_TYPE, 1],
      [SAFE, 0],
    ] as const) {
      copyFileSync(plan, path.join(stack, "plan.json"));
      const outcome = run(["cdktf.out/stacks/books-dev/plan.json", "--allow-file", "plan-check/allow.json"]);
      expect(outcome.code).toBe(code);
      for (const line of outcome.stdout.trimEnd().split("\n")) expect(doc).toContain(`\n${line}\n`);
    }
  } finally {
    process.chdir(cwd);
  }
});
