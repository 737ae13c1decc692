// docs/changing-live-triggers.md on renames: its example of an orphan's destruction plan, as the check
// prints it, is the check's real output (the commands' own lines are checked in state-kept.test.ts).
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { run } from "../../plan-check/cli";
import { environments as renamed } from "../fixtures/renamed-table-environments";
import { sampleEnvironments } from "../fixtures/sample-environments";
import { docBlockAfter } from "../support/doc-blocks";
import { BUCKET, BUCKET_LIFECYCLE, DEPLOYED, plan, remove, writeJson } from "../support/plan-fixtures";
import { synthesizeAll, type TerraformJson } from "../support/stack";

const doc = readFileSync(path.join(__dirname, "..", "..", "docs", "changing-live-triggers.md"), "utf8");

// A stack with a failure queue, as the sample's are: the fixtures' bucket resources are left out.
const deployed = Object.keys(DEPLOYED).filter((address) => address !== BUCKET && address !== BUCKET_LIFECYCLE);

test("an orphan's destruction plan is checked as the table deletion it is, and its output is the doc's", () => {
  const project = path.dirname(writeJson("x", ""));
  mkdirSync(path.join(project, "plan-check"));
  copyFileSync(
    path.join(__dirname, "..", "..", "plan-check", "allow.json"),
    path.join(project, "plan-check", "allow.json"),
  );
  const file = path.join(project, "orphans", "books-dev", "plan.json");
  mkdirSync(path.dirname(file), { recursive: true });
  // Every resource of its state deleted, and nothing else: what `terraform plan -destroy` plans.
  const destroy = { ...plan(...deployed.map(remove)), resource_changes: deployed.map(remove) };
  copyFileSync(writeJson("plan.json", destroy), file);
  const cwd = process.cwd();
  process.chdir(project);
  try {
    const outcome = run(["orphans/books-dev/plan.json", "--allow-file", "plan-check/allow.json"]);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toMatch(/^HAZARD books-dev aws_dynamodb_table\.\S+: table deleted/m);
    expect(
      docBlockAfter("changing-live-triggers.md", "The check of its destruction plan, as the workflows run it"),
    ).toEqual([
      "$ npm run --silent check-plan -- orphans/books-dev/plan.json --allow-file plan-check/allow.json",
      ...outcome.stdout.trimEnd().split("\n"),
    ]);
  } finally {
    process.chdir(cwd);
  }
});

test("the false claim is gone: a tableName change is not said to be flagged as a table replacement", () => {
  expect(doc).not.toMatch(/^\| `tableName`, `partitionKey`/m);
  expect(doc).toMatch(/^\| `partitionKey`, `sortKey` \| table: \*\*table replaced\*\*/m);
  expect(doc).toMatch(/^\| `tableName`, `environment` \| the stack is renamed/m);
});

test("a renamed table's stack declares its resources at the old stack's addresses, so moved state lines up", () => {
  const before = synthesizeAll(sampleEnvironments).get("books-dev")!;
  const after = synthesizeAll(renamed).get("books2-dev")!;
  const addresses = (json: TerraformJson) =>
    Object.entries(json.resource).flatMap(([type, resources]) =>
      Object.keys(resources).map((name) => `${type}.${name}`),
    );
  expect(addresses(after).sort()).toEqual(addresses(before).sort());
  expect(doc).toContain(
    "come from the construct tree,\nnot from the stack's name, so they match and no `moved` block is needed",
  );
});
