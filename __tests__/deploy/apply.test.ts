// `npm run apply -- STACK` (deploy/apply.ts), what the deploy workflow runs after the plan-stack action:
// it applies exactly the saved plan, after checking that very file again against plan-check/allow.json.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { allow, calls, command, folder, HAZARD, MAPPING, planProject, SAFE, TABLE } from "../support/deploy-project";

const APPLY = ["apply", "-input=false", "-no-color", "-lock-timeout=15m", "plan.tfplan"];

describe("a checked plan whose changes cannot lose records", () => {
  const dir = planProject();
  command("plan", dir, ["books-dev"]);
  const before = calls().length;
  const result = command("apply", dir, ["books-dev"]);
  const made = calls().slice(before);

  test("is checked again from the saved file itself, then applied as saved, in the stack's folder", () => {
    expect(made.map((c) => c.args)).toEqual([["show", "-json", "plan.tfplan"], APPLY]);
    for (const call of made) expect(call.cwd).toBe(folder(dir));
    for (const call of made) expect(call.checkpoint).toBe("1");
  });

  test("exits 0, showing the check's verdict and Terraform's output", () => {
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/PASS: no change in books-dev can lose/);
    expect(result.stdout).toContain("Apply complete!");
  });
});

describe("a saved plan with a hazard plan-check/allow.json does not accept", () => {
  const dir = planProject();
  command("plan", dir, ["books-dev"], "ok", HAZARD);
  const before = calls().length;
  const result = command("apply", dir, ["books-dev"], "ok", HAZARD);
  const made = calls().slice(before);

  test("is refused, exit 1, with what to do in one line", () => {
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^apply: books-dev: refusing the saved plan: a hazard above is not accepted; .* accept it with a reason in plan-check\/allow\.json and run npm run plan -- books-dev again\n$/,
    );
    expect(result.stdout).toContain(`HAZARD books-dev ${TABLE}`);
  });

  test("is never applied", () => {
    expect(made.map((c) => c.args[0])).toEqual(["show"]);
  });
});

test("a saved plan whose hazards plan-check/allow.json accepts is applied", () => {
  const dir = planProject();
  command("plan", dir, ["books-dev"], "ok", HAZARD);
  allow(dir, [TABLE, MAPPING]);
  const result = command("apply", dir, ["books-dev"], "ok", HAZARD);
  expect(result.status).toBe(0);
  expect(calls().at(-1)!.args).toEqual(APPLY);
});

test("with no saved plan, says to plan first in one line, exit 1, running no terraform", () => {
  const dir = planProject();
  command("plan", dir, ["books-dev"], "offline");
  expect(existsSync(path.join(folder(dir), "plan.tfplan"))).toBe(false);
  const before = calls().length;
  const result = command("apply", dir, ["books-dev"]);
  expect(result.status).toBe(1);
  expect(result.stderr).toBe(
    "apply: books-dev: no saved plan in cdktf.out/stacks/books-dev: run npm run plan -- books-dev first\n",
  );
  expect(calls().length).toBe(before);
});

test("a plan Terraform finds stale (the state changed since) is reported in one line, exit 1", () => {
  const dir = planProject();
  command("plan", dir, ["books-dev"]);
  const result = command("apply", dir, ["books-dev"], "stale", SAFE);
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/^apply: books-dev: the saved plan is stale .*: run npm run plan -- <stack> again/);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
});

describe("its command line", () => {
  const dir = planProject();

  test.each([
    [["books-dev", "--shared-state"], /^apply: unknown option "--shared-state"/],
    [[], /^apply: no stack given\n/],
  ])("refuses %j with exit 2 and the usage", (args, message) => {
    const result = command("apply", dir, args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: npm run apply -- STACK");
  });

  test("--help prints the usage and exits 0", () => {
    const result = command("apply", dir, ["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run apply -- STACK/);
  });
});
