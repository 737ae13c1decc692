// What check-plan refuses: anything that is not a plan as `terraform show -json` writes it gets exit 2
// and one line naming the file, so a job never passes a plan nobody checked.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { run } from "../../plan-check/cli";
import { MAPPING, plan, resourceChange, writeJson } from "../support/plan-fixtures";

const root = path.resolve(__dirname, "..", "..");

const withChanges = (...resource_changes: unknown[]) => ({ ...plan(), resource_changes });

// [what it is, the file's name, its content, what the message must say]
const NOT_PLANS: [string, string, unknown, RegExp][] = [
  ["text that is not JSON", "plan.txt", "Plan: 0 to add, 1 to change, 0 to destroy.", /not JSON/],
  ["an empty file", "empty.json", "", /not JSON/],
  ["a JSON list", "list.json", [], /not a Terraform plan/],
  ["JSON null", "null.json", null, /not a Terraform plan/],
  [
    "a synthesized cdk.tf.json",
    "cdk.tf.json",
    { "//": { metadata: { stackName: "books-dev" } }, terraform: {}, provider: {}, resource: {} },
    /Terraform configuration \(a cdk\.tf\.json\), not a plan; run `terraform plan -out=plan\.tfplan`/,
  ],
  ["some other JSON object", "package.json", { name: "x", version: "1.0.0" }, /no format_version/],
  ["a state, not a plan", "state.json", { format_version: "1.0", values: { root_module: {} } }, /a Terraform state/],
  ["an unsupported major format version", "v2.json", { ...plan(), format_version: "2.0" }, /format_version "2.0"/],
  ["a pre-1.0 format version", "v0.json", { ...plan(), format_version: "0.1" }, /allowed: 1\.x/],
  ["a number as format version", "vnum.json", { ...plan(), format_version: 1 }, /format_version 1 is not supported/],
  [
    "a plan without resource_changes",
    "bare.json",
    { format_version: "1.2", planned_values: {} },
    /no resource_changes/,
  ],
  ["resource_changes that is not a list", "object.json", { ...plan(), resource_changes: {} }, /no resource_changes/],
  ["a plan that errored", "errored.json", { ...plan(), errored: true }, /errored/],
  ["a change that is not an object", "entry.json", withChanges("x"), /resource_changes\[0\] is not an object/],
  ["a change without an address", "address.json", withChanges({ type: "aws_sqs_queue", change: {} }), /no address/],
  [
    "a change without actions",
    "actions.json",
    withChanges({ ...resourceChange(MAPPING, ["update"]), change: {} }),
    /aws_lambda_event_source_mapping\.trigger_mapping_FA5D31A1\) has no change\.actions/,
  ],
  [
    "actions Terraform never writes",
    "unknown.json",
    withChanges(resourceChange(MAPPING, ["move"])),
    /\["move"\] are not recognized/,
  ],
  [
    "an unknown resource mode",
    "mode.json",
    withChanges({ ...resourceChange(MAPPING, ["update"]), mode: "ephemeral" }),
    /mode "ephemeral"/,
  ],
];

describe("input that is not a Terraform plan gets exit 2 and a message naming the file", () => {
  test.each(NOT_PLANS)("%s", (_, name, content, message) => {
    const file = writeJson(name, typeof content === "string" ? content : JSON.stringify(content));
    const outcome = run([file]);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe("");
    expect(outcome.stderr).toMatch(message);
    expect(outcome.stderr.startsWith(`check-plan: ${file}: `)).toBe(true);
    expect(outcome.stderr.trim().split("\n")).toHaveLength(1);
  });

  test("a file that does not exist", () => {
    const outcome = run(["no/such/plan.json"]);
    expect([outcome.code, outcome.stderr]).toEqual([2, "check-plan: no/such/plan.json: cannot be read (ENOENT)\n"]);
  });

  // JSON.parse reads any depth; what the check does with a value (show it, join a path) may not.
  const DEEP = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
  const replacement = (change: object) => ({
    ...resourceChange(MAPPING, ["delete", "create"]),
    change: { actions: ["delete", "create"], before: {}, after: {}, ...change },
  });
  test.each([
    ["a shown value", replacement({ before: { starting_position: "DEEP" } })],
    ["a replace path", replacement({ replace_paths: ["DEEP"] })],
  ])("a plan with %s nested 200,000 levels deep", (_, change) => {
    const file = writeJson("deep.plan.json", JSON.stringify(withChanges(change)).replace('"DEEP"', DEEP));
    const outcome = run([file]);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe("");
    expect(outcome.stderr).toMatch(new RegExp(`^check-plan: ${file}: cannot be checked \\(RangeError: .+\\)\n$`));
  });

  test("an allow file with a value nested 200,000 levels deep", () => {
    const allow = writeJson("allow.json", `{"accept":[{"stack":"books-dev","address":"x","reason":${DEEP}}]}`);
    const outcome = run([writeJson("books-dev.plan.json", plan()), "--allow-file", allow]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(
      new RegExp(`^check-plan: ${allow}: cannot be read as an allow file \\(RangeError: .+\\)\n$`),
    );
  });

  test("a --markdown file that cannot be written is named, with exit 2", () => {
    const folder = path.dirname(writeJson("x", ""));
    const outcome = run([writeJson("books-dev.plan.json", plan()), "--markdown", folder]);
    expect(outcome).toEqual({
      code: 2,
      stdout: "",
      stderr: `check-plan: --markdown ${folder}: cannot be written (EISDIR); the verdict was not recorded\n`,
    });
  });

  test("one bad plan among good ones stops the whole check", () => {
    const good = writeJson("books-dev.plan.json", plan());
    const outcome = run([good, writeJson("cdk.tf.json", { resource: {} })]);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe("");
  });

  test("no plan, an unknown option, or an option without its value is a usage error", () => {
    for (const argv of [
      [],
      ["--strict", "plan.json"],
      ["plan.json", "--allow"],
      ["plan.json", "--markdown", "--allow"],
    ]) {
      const outcome = run(argv);
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toMatch(
        /^check-plan: (no plan given|unknown option "--strict"|--allow needs a value|--markdown needs a value)\nUsage: npm run check-plan/,
      );
    }
  });

  test("--help prints the usage and exits 0, checking nothing", () => {
    const outcome = run(["plan.json", "--help"]);
    expect(outcome).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^Usage: npm run check-plan -- PLAN_JSON/),
      stderr: "",
    });
  });

  test("takes --option=value as --option value", () => {
    const markdown = path.join(path.dirname(writeJson("x", "")), "eq.md");
    const file = writeJson("books-dev.plan.json", withChanges(resourceChange(MAPPING, ["delete"])));
    expect(run([file, `--allow=${MAPPING}`, `--markdown=${markdown}`]).code).toBe(0);
    expect(readFileSync(markdown, "utf8")).toMatch(/^✅/);
  });

  test("the Markdown for the plan comment says why nothing was checked", () => {
    const markdown = path.join(path.dirname(writeJson("x", "")), "check.md");
    expect(run([writeJson("cdk.tf.json", { resource: {} }), "--markdown", markdown]).code).toBe(2);
    expect(readFileSync(markdown, "utf8")).toMatch(
      /^❓ \*\*Record check\*\*: not checked: .*cdk\.tf\.json: Terraform configuration/,
    );
  });
});

describe("npm run check-plan, as the workflows run it", () => {
  const npm = (...args: string[]) =>
    spawnSync("npm", ["run", "--silent", "check-plan", "--", ...args], { cwd: root, encoding: "utf8" });

  test("exits 2 on a cdk.tf.json, naming it, with no stack trace", () => {
    const file = writeJson("cdk.tf.json", { terraform: {}, resource: {} });
    const result = npm(file);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`check-plan: ${file}: Terraform configuration (a cdk.tf.json), not a plan`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test("exits 1 on a record-losing plan and 0 on a safe one", () => {
    const plans = path.join(root, "__tests__", "fixtures", "plans");
    expect(npm(path.join(plans, "stream-view-type-changed.plan.json")).status).toBe(1);
    expect(npm(path.join(plans, "batch-size-1-to-10.plan.json")).status).toBe(0);
  });
});
