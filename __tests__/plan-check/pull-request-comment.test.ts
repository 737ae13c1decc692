// The pull request's plan comment, built from the plan jobs' artifacts as the workflow downloads them.
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { MARKER, planComment, readPlanArtifacts } from "../../plan-check/pull-request-comment";
import { tempDir } from "../support/stack";

/** The comment for `plans/` artifacts (plan-<stack>/<file>), for `stacks` (default: those with artifacts). */
function comment(
  artifacts: Record<string, Record<string, string>>,
  stacks = Object.keys(artifacts).map((name) => name.replace(/^plan-/, "")),
  orphans: string[] = [],
): string {
  const plans = path.join(tempDir("plan-comment-"), "plans");
  for (const [name, files] of Object.entries(artifacts)) {
    mkdirSync(path.join(plans, name), { recursive: true });
    for (const [f, text] of Object.entries(files)) writeFileSync(path.join(plans, name, f), text);
  }
  return planComment("3f9c2ab0000000", readPlanArtifacts(plans, stacks, orphans));
}

const HAZARD =
  "⛔ **Record check**: 1 hazard not accepted in books-dev: …\n\n- ⛔ **books-dev** `aws_sqs_queue.q`: failure queue deleted.\n";
const PASS = "✅ **Record check**: no change in books-prod can lose, skip, replay or delete records.\n";
const PLAN = "Terraform will perform the following actions:\n\nPlan: 0 to add, 0 to change, 1 to destroy.\n";

test("begins with the marker that finds it again, and the commit planned", () => {
  const body = comment({ "plan-books-dev": { "check.md": PASS, "plan.txt": PLAN } });
  expect(MARKER).toBe("<!-- cdktf-plan -->");
  expect(body.startsWith(`${MARKER}\n### Terraform plan for 3f9c2ab\n`)).toBe(true);
});

test("puts every stack's verdict, one line per hazard, above the first plan", () => {
  const body = comment({
    "plan-books-dev": { "check.md": HAZARD, "plan.txt": PLAN },
    "plan-books-prod": {
      "check.md": PASS,
      "plan.txt": "No changes. Your infrastructure matches the configuration.\n",
    },
  });
  const lines: string[] = body.split("\n");
  const firstPlan = lines.findIndex((l) => l.startsWith("<details>"));
  expect(lines[0]).toBe("<!-- cdktf-plan -->");
  const verdicts = lines.slice(0, firstPlan).filter((l) => /^(⛔|✅|❓|- )/.test(l));
  expect(verdicts).toEqual([
    "⛔ **Record check**: 1 hazard not accepted in books-dev: …",
    "- ⛔ **books-dev** `aws_sqs_queue.q`: failure queue deleted.",
    "✅ **Record check**: no change in books-prod can lose, skip, replay or delete records.",
  ]);
  expect(lines.filter((l) => l.startsWith("<details>"))).toEqual([
    "<details><summary><b>books-dev</b>: Plan: 0 to add, 0 to change, 1 to destroy.</summary>",
    "<details><summary><b>books-prod</b>: No changes. Your infrastructure matches the configuration.</summary>",
  ]);
});

test("shows a stack that left the app first, as its destruction, with what to do", () => {
  const destroyed =
    "⛔ **Record check**: 1 hazard not accepted in books-dev: …\n\n- ⛔ **books-dev** `aws_dynamodb_table.t`: table deleted.\n";
  const body = comment(
    {
      "plan-books-dev": { "check.md": destroyed, "plan.txt": "Plan: 0 to add, 0 to change, 9 to destroy.\n" },
      "plan-books2-dev": { "check.md": PASS, "plan.txt": PLAN },
    },
    ["books2-dev"],
    ["books-dev"],
  );
  const lines = body.split("\n");
  const first = lines.findIndex((l) => l.startsWith("🗑️"));
  expect(lines[first]).toMatch(/^🗑️ \*\*books-dev is no longer in the app, but deployed\*\*: its plan below destroys/);
  expect(lines[first]).toContain("move its state to the new stack's key first");
  expect(lines[first]).toContain("accept each deletion in plan-check/allow.json (docs/changing-live-triggers.md)");
  expect(lines[first + 2]).toBe("⛔ **Record check**: 1 hazard not accepted in books-dev: …");
  expect(body).toContain("- ⛔ **books-dev** `aws_dynamodb_table.t`: table deleted.");
  expect(lines.filter((l) => l.startsWith("<details>"))).toEqual([
    "<details><summary><b>books-dev</b>: Plan: 0 to add, 0 to change, 9 to destroy.</summary>",
    "<details><summary><b>books2-dev</b>: Plan: 0 to add, 0 to change, 1 to destroy.</summary>",
  ]);
});

test("says so when a stack's job failed before its check", () => {
  const body = comment({ "plan-books-dev": {} });
  expect(body).toContain("❓ **Record check**: books-dev not checked: the plan job failed before the check");
});

test("names every stack of the app, even one whose job uploaded nothing (a plan Terraform refused)", () => {
  const body = comment({ "plan-books-dev": { "check.md": PASS, "plan.txt": PLAN } }, ["books-dev", "books-prod"]);
  expect(body).toContain("❓ **Record check**: books-prod not checked: the plan job failed before the check");
  expect(body).toContain("<details><summary><b>books-prod</b>: no plan</summary>");
  expect(body).toContain("(no plan: the job failed before planning; see its log)");
});

// GitHub refuses a comment body over 65,536 characters: the verdicts must always get through.
const LIMIT = 65536;
const manyStacks = (n: number, verdict: (stack: string) => string, planChars: number) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => {
      const stack = `table${String(i).padStart(2, "0")}-dev`;
      const plan = `${"  ~ resource changed line\n".repeat(planChars / 26)}Plan: 0 to add, 1 to change, 0 to destroy.\n`;
      return [`plan-${stack}`, { "check.md": verdict(stack), "plan.txt": plan }];
    }),
  );
const hazardVerdict = (hazards: number) => (stack: string) =>
  [
    `⛔ **Record check**: ${hazards} hazards not accepted in ${stack}: these changes can lose records.`,
    "",
    ...Array.from(
      { length: hazards },
      (_, i) =>
        `- ⛔ **${stack}** \`aws_sqs_queue.q${i}\`: failure queue deleted. Records: ${"r".repeat(300)}. Safely: ${"s".repeat(200)}.`,
    ),
  ].join("\n");

test("with 20 stacks of long plans, stays within GitHub's limit, cutting plans, never a verdict", () => {
  const artifacts = manyStacks(20, hazardVerdict(2), 20000);
  const body = comment(artifacts);
  expect(body.length).toBeLessThanOrEqual(LIMIT);
  for (const files of Object.values(artifacts)) expect(body).toContain(files["check.md"].trim());
  for (const stack of Object.keys(artifacts).map((a) => a.replace(/^plan-/, "")))
    expect(body).toContain(`<details><summary><b>${stack}</b>: Plan: 0 to add, 1 to change, 0 to destroy.</summary>`);
  expect(body).toContain("(cut: see the job log)");
});

test("when the verdicts alone are too long, keeps each verdict and each hazard's line, and says where the rest is", () => {
  const artifacts = manyStacks(20, hazardVerdict(12), 2000);
  const body = comment(artifacts);
  expect(body.length).toBeLessThanOrEqual(LIMIT);
  for (const stack of Object.keys(artifacts).map((a) => a.replace(/^plan-/, ""))) {
    expect(body).toContain(`⛔ **Record check**: 12 hazards not accepted in ${stack}`);
    for (let i = 0; i < 12; i++)
      expect(body).toContain(`- ⛔ **${stack}** \`aws_sqs_queue.q${i}\`: failure queue deleted.`);
  }
  expect(body).toContain("each hazard's records and safe procedure: in its plan job's log");
});
