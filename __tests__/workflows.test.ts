import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { environments } from "../config/environments";
import { resolveConfig } from "../lib/config";
import { findProjectRoot } from "../lib/handler-bundle";
import { tempDir } from "./support/stack";

const root = findProjectRoot();
const WORKFLOWS = ["pull-request.yml", "deploy.yml"].map((f) => path.join(root, ".github", "workflows", f));
const read = (file: string) => parse(readFileSync(file, "utf8"));
const pr = read(WORKFLOWS[0]);
const deploy = read(WORKFLOWS[1]);

const stacksOf = (environment?: string) =>
  resolveConfig(environments)
    .filter((e) => environment === undefined || e.environment === environment)
    .flatMap((e) => e.triggers.map((t) => t.stackName));

function validate(file: string) {
  return spawnSync(path.join(root, "node_modules", ".bin", "action-validator"), [file], { encoding: "utf8" });
}

const runs = (job: { steps: { run?: string }[] }) => job.steps.flatMap((s) => (s.run ? [s.run.trim()] : [])).join("\n");
const uses = (job: { steps: { uses?: string }[] }) => job.steps.map((s) => s.uses ?? "");

describe("the workflows", () => {
  test.each(WORKFLOWS.map((f) => [path.basename(f), f]))("%s passes action-validator's schema check", (_, file) => {
    const result = validate(file);
    expect(result.stderr + result.stdout).toBe("");
    expect(result.status).toBe(0);
  });

  test("a workflow with a misspelt key fails that check, so the check is real", () => {
    const broken = path.join(tempDir("workflow-"), "broken.yml");
    writeFileSync(broken, readFileSync(WORKFLOWS[1], "utf8").replace("    permissions:", "    permisions:"));
    expect(validate(broken).status).not.toBe(0);
  });

  test("grant nothing by default, and each job only what it needs", () => {
    for (const workflow of [pr, deploy]) {
      expect(workflow.permissions).toEqual({});
      for (const job of Object.values<any>(workflow.jobs)) expect(job.permissions).toBeDefined();
    }
    expect(pr.jobs.test.permissions).toEqual({ contents: "read" });
    expect(pr.jobs.diff.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(pr.jobs.comment.permissions).toEqual({ "pull-requests": "write" });
    expect(deploy.jobs["deploy-dev"].permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(deploy.jobs["deploy-prod"].permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  test("reach AWS by OIDC role assumption, never with stored keys", () => {
    for (const file of WORKFLOWS) {
      const text = readFileSync(file, "utf8");
      expect(text).not.toMatch(
        /aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|secrets\./,
      );
    }
    for (const job of [pr.jobs.diff, deploy.jobs["deploy-dev"], deploy.jobs["deploy-prod"]]) {
      const step = job.steps.find((s: { uses?: string }) =>
        s.uses?.startsWith("aws-actions/configure-aws-credentials@"),
      );
      expect(step.with["role-to-assume"]).toMatch(/^\$\{\{ vars\.AWS_[A-Z_]+_ROLE_ARN \}\}$/);
    }
  });

  test("pass the shared state settings to every job", () => {
    for (const workflow of [pr, deploy]) {
      expect(workflow.env).toMatchObject({
        STATE_BUCKET: "${{ vars.STATE_BUCKET }}",
        STATE_REGION: "${{ vars.STATE_REGION }}",
      });
    }
  });
});

describe("the pull-request workflow", () => {
  test("runs on pull requests to main", () => {
    expect(Object.keys(pr.on)).toEqual(["pull_request"]);
    expect(pr.on.pull_request.branches).toEqual(["main"]);
  });

  test("installs and runs the tests first", () => {
    expect(runs(pr.jobs.test)).toBe("npm ci\nnpm test");
  });

  test("diffs every stack of the app, after the tests", () => {
    expect(pr.jobs.diff.needs).toBe("test");
    expect([...pr.jobs.diff.strategy.matrix.stack].sort()).toEqual(stacksOf().sort());
    expect(runs(pr.jobs.diff)).toContain("npx cdktf diff ${{ matrix.stack }}");
  });

  test("never plans two runs on one stack's state at once", () => {
    expect(pr.jobs.diff.concurrency).toEqual({ group: "state-${{ matrix.stack }}", "cancel-in-progress": false });
  });

  test("keeps one plan comment per pull request, updated in place", () => {
    const script: string = pr.jobs.comment.steps.find((s: { uses?: string }) =>
      s.uses?.startsWith("actions/github-script@"),
    ).with.script;
    expect(script).toContain('const marker = "<!-- cdktf-plan -->"');
    expect(script).toContain("github.rest.issues.updateComment");
    expect(script).toContain("github.rest.issues.createComment");
    expect(script.indexOf("updateComment")).toBeLessThan(script.indexOf("createComment"));
    expect(pr.jobs.comment.needs).toBe("diff");
  });
});

describe("the deploy workflow", () => {
  test("runs on pushes to main only", () => {
    expect(Object.keys(deploy.on)).toEqual(["push"]);
    expect(deploy.on.push.branches).toEqual(["main"]);
  });

  test("deploys dev's stacks in the dev environment, then prod's behind the prod environment", () => {
    expect(deploy.jobs["deploy-dev"].environment).toBe("dev");
    expect([...deploy.jobs["deploy-dev"].strategy.matrix.stack].sort()).toEqual(stacksOf("dev").sort());
    expect(deploy.jobs["deploy-prod"].environment).toBe("prod");
    expect(deploy.jobs["deploy-prod"].needs).toBe("deploy-dev");
    expect([...deploy.jobs["deploy-prod"].strategy.matrix.stack].sort()).toEqual(stacksOf("prod").sort());
  });

  test("deploys one stack per job, approved by the workflow, never racing another run on its state", () => {
    for (const job of [deploy.jobs["deploy-dev"], deploy.jobs["deploy-prod"]]) {
      expect(runs(job)).toContain("npm ci\nnpx cdktf deploy ${{ matrix.stack }} --auto-approve");
      expect(job.concurrency).toEqual({ group: "state-${{ matrix.stack }}", "cancel-in-progress": false });
      expect(uses(job)).toContain("hashicorp/setup-terraform@v3");
    }
  });
});
