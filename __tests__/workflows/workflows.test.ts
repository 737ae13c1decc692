import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { environments } from "../../config/environments";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { resolveConfig } from "../../settings/config";
import { tempDir } from "../support/stack";
import type { Step } from "../support/workflow-step";

const root = findProjectRoot();
const file = (...parts: string[]) => path.join(root, ".github", ...parts);
const WORKFLOWS = ["pull-request.yml", "deploy.yml", "deploy-environment.yml"].map((f) => file("workflows", f));
const PLAN_ACTION = file("actions", "plan-stack", "action.yml");
const ORPHAN_ACTIONS = ["find-orphans", "plan-orphan"].map((a) => file("actions", a, "action.yml"));
const read = (f: string) => parse(readFileSync(f, "utf8"));
const [pr, deploy, deployEnvironment] = WORKFLOWS.map(read);
const planAction = read(PLAN_ACTION);

const runs = (steps: Step[]) => steps.flatMap((s) => (s.run ? [s.run.trim()] : [])).join("\n");
const uses = (steps: Step[]) => steps.map((s) => s.uses ?? "");
const stepUsing = (steps: Step[], action: string) => steps.find((s) => s.uses?.startsWith(action))!;
const indexOfRun = (steps: Step[], pattern: RegExp) =>
  steps.findIndex((s) => s.run !== undefined && pattern.test(s.run));

function validate(f: string) {
  return spawnSync(path.join(root, "node_modules", ".bin", "action-validator"), [f], { encoding: "utf8" });
}

describe("the workflows", () => {
  test.each(
    [...WORKFLOWS, PLAN_ACTION, ...ORPHAN_ACTIONS].map((f) => [path.relative(root, f), f]),
  )("%s passes action-validator's schema check", (_, f) => {
    const result = validate(f);
    expect(result.stderr + result.stdout).toBe("");
    expect(result.status).toBe(0);
  });

  test("a workflow with a misspelt key fails that check, so the check is real", () => {
    const broken = path.join(tempDir("workflow-"), "broken.yml");
    writeFileSync(broken, readFileSync(WORKFLOWS[2], "utf8").replace("    permissions:", "    permisions:"));
    expect(validate(broken).status).not.toBe(0);
  });

  test("grant nothing by default, and each job only what it needs", () => {
    for (const workflow of [pr, deploy, deployEnvironment]) {
      expect(workflow.permissions).toEqual({});
      for (const job of Object.values<any>(workflow.jobs)) expect(job.permissions).toBeDefined();
    }
    const planning = { contents: "read", "id-token": "write" };
    expect(pr.jobs.test.permissions).toEqual({ contents: "read" });
    expect(pr.jobs.stacks.permissions).toEqual({ contents: "read" });
    expect(pr.jobs.plan.permissions).toEqual(planning);
    expect(pr.jobs.comment.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(pr.jobs.orphans.permissions).toEqual(planning);
    expect(pr.jobs["orphan-plan"].permissions).toEqual(planning);
    expect(deploy.jobs.orphans.permissions).toEqual(planning);
    expect(deploy.jobs["orphan-check"].permissions).toEqual(planning);
    expect(deploy.jobs.stacks.permissions).toEqual({ contents: "read" });
    expect(deploy.jobs.deploy.permissions).toEqual(planning);
    expect(deployEnvironment.jobs.apply.permissions).toEqual(planning);
  });

  test("reach AWS by OIDC role assumption, never with stored keys", () => {
    for (const f of [...WORKFLOWS, PLAN_ACTION, ...ORPHAN_ACTIONS]) {
      expect(readFileSync(f, "utf8")).not.toMatch(
        /aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|secrets\./,
      );
    }
    const jobs = [
      pr.jobs.plan,
      pr.jobs.orphans,
      pr.jobs["orphan-plan"],
      deploy.jobs.orphans,
      deploy.jobs["orphan-check"],
    ];
    for (const job of [...jobs, deployEnvironment.jobs.apply]) {
      const step = stepUsing(job.steps, "aws-actions/configure-aws-credentials@");
      expect(step.with!["role-to-assume"]).toMatch(/^\$\{\{ vars\.AWS_[A-Z_]+_ROLE_ARN \}\}$/);
    }
  });

  test("pass the shared state settings to every job (a called workflow does not inherit them)", () => {
    for (const workflow of [pr, deploy, deployEnvironment]) {
      expect(workflow.env).toMatchObject({
        STATE_BUCKET: "${{ vars.STATE_BUCKET }}",
        STATE_REGION: "${{ vars.STATE_REGION }}",
        STATE_KEY_PREFIX: "${{ vars.STATE_KEY_PREFIX }}",
      });
    }
  });

  test("name no stack by hand: every stack list comes from the synthesized app", () => {
    const stacks = resolveConfig(environments).flatMap((e) => e.triggers.map((t) => t.stackName));
    for (const f of WORKFLOWS) {
      const text = readFileSync(f, "utf8");
      for (const stack of stacks) expect(text).not.toContain(stack);
    }
    for (const workflow of [pr, deploy])
      expect(runs(workflow.jobs.stacks.steps)).toMatch(
        /\nnpm run synth\nnpm run --silent stacks >> "\$GITHUB_OUTPUT"$/,
      );
  });
});

describe("planning one stack (.github/actions/plan-stack), shared by pull requests and deploys", () => {
  const steps: Step[] = planAction.runs.steps;

  // What npm run plan does (synth, init, the saved plan, its JSON and text, the check against
  // plan-check/allow.json) is specified by __tests__/deploy-plan.test.ts: the action only runs it.
  test("runs npm run plan for the stack, refusing local state, as its one step", () => {
    expect(steps).toHaveLength(1);
    expect(steps[0].run).toBe('npm run --silent plan -- "$STACK" --shared-state');
    expect((steps[0] as { env?: Record<string, string> }).env).toEqual({ STACK: "${{ inputs.stack }}" });
  });

  test("gives the stack's synthesized folder, where the plan and the verdict are saved", () => {
    expect(planAction.outputs.dir.value).toBe("cdktf.out/stacks/${{ inputs.stack }}");
  });

  test("fails on a hazard the allow file does not accept: no step may continue on error", () => {
    for (const step of steps) expect(step["continue-on-error"]).toBeUndefined();
    expect(runs(steps)).not.toMatch(/\|\| true|set \+e/);
  });
});

describe("every workflow", () => {
  type Job = { steps?: Step[]; strategy?: { matrix?: Record<string, unknown> } };
  const nodeOf = (job: Job) =>
    (job.steps ?? [])
      .filter((step) => step.uses?.startsWith("actions/setup-node"))
      .map((s) => s.with?.["node-version"]);

  test.each(WORKFLOWS)("%s builds, plans and deploys on the Node.js major that Lambda runs (nodejs22.x)", (f) => {
    const jobs = Object.entries(read(f).jobs as Record<string, Job>).filter(
      ([name]) => !(f === WORKFLOWS[0] && name === "test"),
    );
    for (const [, job] of jobs) for (const version of nodeOf(job)) expect(String(version)).toBe("22");
  });

  test("the pull request's tests run on every Node major package.json supports: 22 and 24", () => {
    const engines = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).engines.node;
    expect(engines).toMatch(/^>=22(\.\d+)*$/); // >=22.19 on CDK Terrain (npm run migrate:cdktn)
    expect(pr.jobs.test.strategy.matrix.node).toEqual([22, 24]);
    expect(nodeOf(pr.jobs.test)).toEqual(["${{ matrix.node }}"]);
  });
});

describe("the pull-request workflow", () => {
  test("runs on pull requests to main", () => {
    expect(Object.keys(pr.on)).toEqual(["pull_request"]);
    expect(pr.on.pull_request.branches).toEqual(["main"]);
  });

  test("installs and runs the tests first", () => {
    expect(runs(pr.jobs.test.steps)).toBe("npm ci\nnpm test");
  });

  test("plans and checks every stack the synthesized app holds, after the tests", () => {
    expect(pr.jobs.stacks.outputs.stacks).toBe("${{ steps.stacks.outputs.stacks }}");
    expect(pr.jobs.plan.needs).toEqual(["test", "stacks"]);
    expect(pr.jobs.plan.strategy.matrix.stack).toBe("${{ fromJSON(needs.stacks.outputs.stacks) }}");
    const plan = stepUsing(pr.jobs.plan.steps, "./.github/actions/plan-stack");
    expect(plan.with).toEqual({ stack: "${{ matrix.stack }}" });
    expect(uses(pr.jobs.plan.steps)).toContain("hashicorp/setup-terraform@v3");
    expect(pr.jobs.plan["continue-on-error"]).toBeUndefined();
  });

  // GitHub keeps one pending job per concurrency group and cancels the one already pending when another
  // queues: a plan sharing a group with deploys could cancel a pending deploy. Plans wait on the state lock.
  test("shares no concurrency group with deploys, so no plan can cancel a pending deploy", () => {
    expect(pr.jobs.plan.concurrency).toBeUndefined();
  });

  test("hands each stack's plan text and verdict to the comment, even when the check failed", () => {
    const upload = stepUsing(pr.jobs.plan.steps, "actions/upload-artifact@");
    expect(upload.if).toBe("always()");
    expect(upload.with!.name).toBe("plan-${{ matrix.stack }}");
    expect(upload.with!.path.trim().split("\n")).toEqual([
      "${{ steps.plan.outputs.dir }}/plan.txt",
      "${{ steps.plan.outputs.dir }}/check.md",
    ]);
    expect(pr.jobs.comment.if).toBe("always() && needs.plan.result != 'skipped'");
  });

  describe("its comment (written by plan-check/pull-request-comment.ts, tested in __tests__/plan-check)", () => {
    const steps: Step[] = pr.jobs.comment.steps;
    const write = steps.find((s) => s.run?.includes("npm run --silent plan-comment"))!;
    const post = stepUsing(steps, "actions/github-script@");
    const scripts = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts;
    const bundle = /--outfile=(\S+)/.exec(scripts["plan-comment"])![1];

    test("names every stack of the app, even one whose job uploaded nothing (a plan Terraform refused)", () => {
      expect(pr.jobs.comment.needs).toEqual(["stacks", "plan", "orphans", "orphan-plan"]);
      expect(pr.jobs.comment.env).toEqual({
        STACKS: "${{ needs.stacks.outputs.stacks }}",
        ORPHANS: "${{ needs.orphans.outputs.orphans || '[]' }}",
      });
      expect(write.run).toContain('--stacks "$STACKS"');
      expect(write.run).toContain('--orphans "$ORPHANS"');
    });

    test("is written from the downloaded plans by npm run plan-comment, then posted", () => {
      expect(uses(steps).slice(0, 2)).toEqual(["actions/checkout@v4", "actions/setup-node@v4"]);
      const download = steps.indexOf(stepUsing(steps, "actions/download-artifact@"));
      expect(steps[download].with).toEqual({ pattern: "plan-*", path: "plans" });
      expect(indexOfRun(steps, /^npm ci$/)).toBeLessThan(steps.indexOf(write));
      expect(download).toBeLessThan(steps.indexOf(write));
      expect(steps.indexOf(write)).toBeLessThan(steps.indexOf(post));
      expect(write.run).toBe(
        'npm run --silent plan-comment -- --stacks "$STACKS" --orphans "$ORPHANS" --sha "$SHA" --plans plans --out plan-comment.md',
      );
      expect((write as { env?: Record<string, string> }).env).toEqual({ SHA: "${{ github.sha }}" });
    });

    test("is posted by the module npm run plan-comment bundled, from the file it wrote", () => {
      expect(post.with!.script.trim().split("\n")).toEqual([
        `const { publishPlanComment } = require("./${bundle}");`,
        'await publishPlanComment(github, context, "plan-comment.md");',
      ]);
    });

    test("the bundle it requires posts what npm run plan-comment wrote, one comment updated in place", async () => {
      const dir = tempDir("plan-comment-");
      mkdirSync(path.join(dir, "plan-books-dev"));
      writeFileSync(path.join(dir, "plan-books-dev", "check.md"), "✅ **Record check**: no change in books-dev.\n");
      const out = path.join(dir, "plan-comment.md");
      const wrote = spawnSync(
        "npm",
        [
          "run",
          "--silent",
          "plan-comment",
          "--",
          "--stacks",
          '["books-dev"]',
          "--sha",
          "3f9c2ab00",
          "--plans",
          dir,
          "--out",
          out,
        ],
        { cwd: root, encoding: "utf8" },
      );
      expect(wrote.stderr).toBe("");
      expect(wrote.status).toBe(0);
      const calls: [string, any][] = [];
      const github = {
        paginate: async () => [{ id: 42, body: "<!-- cdktf-plan -->\nolder plan" }],
        rest: {
          issues: {
            listComments: () => undefined,
            updateComment: async (args: any) => calls.push(["update", args]),
            createComment: async (args: any) => calls.push(["create", args]),
          },
        },
      };
      const context = { repo: { owner: "acme", repo: "triggers" }, issue: { number: 7 } };
      await require(path.join(root, bundle)).publishPlanComment(github, context, out);
      expect(calls).toEqual([
        ["update", { owner: "acme", repo: "triggers", comment_id: 42, body: readFileSync(out, "utf8") }],
      ]);
      expect(readFileSync(out, "utf8")).toMatch(
        /^<!-- cdktf-plan -->\n### Terraform plan for 3f9c2ab\n\n✅ \*\*Record check\*\*: no change in books-dev\./,
      );
    });
  });
});

describe("the deploy workflow", () => {
  test("runs on pushes to main only", () => {
    expect(Object.keys(deploy.on)).toEqual(["push"]);
    expect(deploy.on.push.branches).toEqual(["main"]);
  });

  test("runs the whole test suite before it synthesizes anything to deploy", () => {
    const steps = deploy.jobs.stacks.steps;
    expect(indexOfRun(steps, /^npm test$/)).toBeGreaterThan(indexOfRun(steps, /^npm ci$/));
    expect(indexOfRun(steps, /^npm test$/)).toBeLessThan(indexOfRun(steps, /^npm run synth$/));
  });

  test("deploys the environments the synthesized app holds, one at a time, in their listed order", () => {
    expect(deploy.jobs.stacks.outputs.environments).toBe("${{ steps.stacks.outputs.environments }}");
    const job = deploy.jobs.deploy;
    expect(job.needs).toContain("stacks");
    expect(job.strategy).toEqual({
      "max-parallel": 1,
      "fail-fast": true,
      matrix: { environment: "${{ fromJSON(needs.stacks.outputs.environments) }}" },
    });
    expect(job.uses).toBe("./.github/workflows/deploy-environment.yml");
    expect(job.with).toEqual({
      environment: "${{ matrix.environment.name }}",
      stacks: "${{ toJSON(matrix.environment.stacks) }}",
    });
  });

  test("deploys an environment's stacks in its GitHub environment, so prod waits for its reviewers", () => {
    expect(Object.keys(deployEnvironment.on)).toEqual(["workflow_call"]);
    expect(Object.keys(deployEnvironment.on.workflow_call.inputs)).toEqual(["environment", "stacks"]);
    const job = deployEnvironment.jobs.apply;
    expect(job.environment).toBe("${{ inputs.environment }}");
    expect(job.strategy.matrix.stack).toBe("${{ fromJSON(inputs.stacks) }}");
    expect(job.concurrency).toBeUndefined();
  });

  test("runs one deploy at a time, so an older commit never applies after a newer one", () => {
    // Prod's approval can come after a later push deployed: without this, the older run would then apply
    // its older plan over the newer deploy. A newer push waits; a pending one is replaced by the next.
    expect(deploy.concurrency).toEqual({ group: "deploy", "cancel-in-progress": false });
  });

  test("applies exactly the plan it saved and checked, and only when the check passed", () => {
    const steps: Step[] = deployEnvironment.jobs.apply.steps;
    const plan = steps.findIndex((s) => s.uses === "./.github/actions/plan-stack");
    const apply = indexOfRun(steps, /npm run --silent apply/);
    expect(steps[plan].with).toEqual({ stack: "${{ matrix.stack }}" });
    expect(plan).toBeGreaterThan(steps.indexOf(stepUsing(steps, "aws-actions/configure-aws-credentials@")));
    expect(apply).toBe(steps.length - 1);
    expect(apply).toBeGreaterThan(plan);
    // npm run apply applies the saved plan.tfplan after checking that very file (deploy-apply.test.ts).
    expect(steps[apply].run).toBe('npm run --silent apply -- "$STACK"');
    expect((steps[apply] as { env?: Record<string, string> }).env).toEqual({ STACK: "${{ matrix.stack }}" });
    expect(steps[apply].if).toBeUndefined();
  });

  test("never deploys any other way", () => {
    for (const f of WORKFLOWS) expect(readFileSync(f, "utf8")).not.toMatch(/cdktf deploy|-auto-approve/);
  });
});
