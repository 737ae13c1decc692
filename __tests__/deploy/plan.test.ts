// `npm run plan -- STACK` (deploy/plan.ts), what the workflows' plan-stack action runs, against a fake
// terraform on PATH: the steps in order in the stack's folder, the saved files, the check's verdict, and
// one line when a step cannot work.
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { calls, command, folder, HAZARD, MAPPING, planProject, SAFE, TABLE } from "../support/deploy-project";
import { bundleTestEntry } from "../support/run-app";

const oneLine = (result: SpawnSyncReturns<string>) => result.stderr.trimEnd().split("\n");

describe("a plan whose changes cannot lose records", () => {
  const dir = planProject();
  const before = calls().length;
  const result = command("plan", dir, ["books-dev"]);
  const made = calls().slice(before);

  test("exits 0", () => {
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  test("runs init, the saved plan, then shows that saved file as JSON and as text, in the stack's folder", () => {
    expect(made.map((c) => c.args)).toEqual([
      ["init", "-input=false", "-no-color"],
      ["plan", "-input=false", "-no-color", "-lock-timeout=15m", "-out=plan.tfplan"],
      ["show", "-json", "plan.tfplan"],
      ["show", "-no-color", "plan.tfplan"],
    ]);
    for (const call of made) expect(call.cwd).toBe(folder(dir));
  });

  test("turns Terraform's telemetry off in every call", () => {
    for (const call of made) expect(call.checkpoint).toBe("1");
  });

  test("saves the plan, its JSON, its text and the check's verdict in the stack's folder", () => {
    expect(existsSync(path.join(folder(dir), "plan.tfplan"))).toBe(true);
    expect(readFileSync(path.join(folder(dir), "plan.json"), "utf8")).toBe(readFileSync(SAFE, "utf8"));
    expect(readFileSync(path.join(folder(dir), "plan.txt"), "utf8")).toMatch(/^Plan: /);
    expect(readFileSync(path.join(folder(dir), "check.md"), "utf8")).toMatch(/^✅ \*\*Record check\*\*/);
  });

  test("prints the plan, the check's verdict and how to apply it", () => {
    expect(result.stdout).toMatch(/^Plan: 0 to add, 1 to change/);
    expect(result.stdout).toMatch(/\nPASS: no change in books-dev can lose/);
    expect(result.stdout).toMatch(/apply it with: npm run apply -- books-dev\n$/);
  });
});

describe("a plan with a change that loses records", () => {
  test("exits 1, naming each hazard and the allow file that could accept it", () => {
    const result = command("plan", planProject(), ["books-dev"], "ok", HAZARD);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`HAZARD books-dev ${TABLE}`);
    expect(result.stdout).toMatch(/\nFAIL: .*accept each with a reason in plan-check\/allow\.json/);
  });

  test("passes when plan-check/allow.json accepts every hazard, as the workflows accept one", () => {
    const result = command("plan", planProject([TABLE, MAPPING]), ["books-dev"], "ok", HAZARD);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`ACCEPTED books-dev ${TABLE}`);
  });
});

describe("offline: Terraform cannot fetch its providers", () => {
  const dir = planProject();
  const before = calls().length;
  const result = command("plan", dir, ["books-dev"], "offline");
  const made = calls().slice(before);

  test("stops with one line naming the provider download and the registry, exit 1", () => {
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(oneLine(result)).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^plan: books-dev: terraform init could not fetch its providers \(hashicorp\/aws\): no network access to registry\.terraform\.io/,
    );
  });

  test("runs nothing after terraform init", () => {
    expect(made.map((c) => c.args[0])).toEqual(["init"]);
  });

  test("keeps Terraform's own output in terraform.log, which the line names", () => {
    expect(result.stderr).toContain("terraform.log");
    expect(readFileSync(path.join(folder(dir), "terraform.log"), "utf8")).toContain("no such host");
  });
});

test("without AWS credentials, stops with one line saying so, exit 1", () => {
  const result = command("plan", planProject(), ["books-dev"], "no-credentials");
  expect(result.status).toBe(1);
  expect(oneLine(result)).toHaveLength(1);
  expect(result.stderr).toMatch(/^plan: books-dev: terraform plan found no valid AWS credentials: set AWS_PROFILE/);
});

test("with no terraform on PATH, stops with one line saying what to install, exit 1", () => {
  const dir = planProject();
  const result = spawnSync(process.execPath, [bundleTestEntry("deploy/plan.ts", "deploy-plan.js"), "books-dev"], {
    cwd: dir,
    env: { ...process.env, PATH: path.dirname(process.execPath) },
    encoding: "utf8",
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toBe(
    "plan: books-dev: terraform is not on PATH: install Terraform 1.11 or later (the workflows use 1.11.4)\n",
  );
});

test("a failed plan leaves no earlier saved plan behind to apply", () => {
  const dir = planProject();
  expect(command("plan", dir, ["books-dev"]).status).toBe(0);
  expect(command("plan", dir, ["books-dev"], "offline").status).toBe(1);
  for (const file of ["plan.tfplan", "plan.json", "plan.txt", "check.md"])
    expect(existsSync(path.join(folder(dir), file))).toBe(false);
});

describe("--shared-state (the workflows: a runner's local state is empty)", () => {
  test("refuses a stack synthesized with local state, in one line, before any terraform call", () => {
    const before = calls().length;
    const result = command("plan", planProject(), ["books-dev", "--shared-state"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "plan: books-dev: books-dev was synthesized with local state; set STATE_BUCKET and STATE_REGION (docs/operations.md, Shared state in S3)\n",
    );
    expect(calls().length).toBe(before);
  });

  test("plans a stack synthesized with the S3 backend", () => {
    const env = { STATE_BUCKET: "acme-terraform-state", STATE_REGION: "eu-west-1" };
    const result = command("plan", planProject(), ["books-dev", "--shared-state"], "ok", SAFE, env);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});

describe("its command line", () => {
  const dir = planProject();

  test("refuses a stack the app does not hold, naming those it does, exit 2", () => {
    const result = command("plan", dir, ["book-dev"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'plan: unknown stack "book-dev"; the synthesized app holds: UsersPost-dev, UsersPost-prod, books-dev, books-prod\n',
    );
  });

  test.each([
    [["books-dev", "--bogus"], /^plan: unknown option "--bogus"/],
    [[], /^plan: no stack given\n/],
    [["books-dev", "books-prod"], /^plan: one stack at a time; got books-dev books-prod\n/],
  ])("refuses %j with exit 2 and the usage", (args, message) => {
    const result = command("plan", dir, args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Usage: npm run plan -- STACK [--shared-state]");
  });

  test("--help prints the usage and exits 0", () => {
    const result = command("plan", dir, ["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run plan -- STACK/);
  });
});
