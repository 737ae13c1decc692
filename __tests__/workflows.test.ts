import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { environments } from "../config/environments";
import { resolveConfig } from "../lib/config";
import { findProjectRoot } from "../lib/handler-bundle";
import { tempDir } from "./support/stack";

const root = findProjectRoot();
const file = (...parts: string[]) => path.join(root, ".github", ...parts);
const WORKFLOWS = ["pull-request.yml", "deploy.yml", "deploy-environment.yml"].map((f) => file("workflows", f));
const PLAN_ACTION = file("actions", "plan-stack", "action.yml");
const read = (f: string) => parse(readFileSync(f, "utf8"));
const [pr, deploy, deployEnvironment] = WORKFLOWS.map(read);
const planAction = read(PLAN_ACTION);

interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, string>;
  readonly "working-directory"?: string;
  readonly "continue-on-error"?: unknown;
}

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
    [...WORKFLOWS, PLAN_ACTION].map((f) => [path.relative(root, f), f]),
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
    expect(pr.jobs.comment.permissions).toEqual({ "pull-requests": "write" });
    expect(deploy.jobs.stacks.permissions).toEqual({ contents: "read" });
    expect(deploy.jobs.deploy.permissions).toEqual(planning);
    expect(deployEnvironment.jobs.apply.permissions).toEqual(planning);
  });

  test("reach AWS by OIDC role assumption, never with stored keys", () => {
    for (const f of [...WORKFLOWS, PLAN_ACTION]) {
      expect(readFileSync(f, "utf8")).not.toMatch(
        /aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|secrets\./,
      );
    }
    for (const job of [pr.jobs.plan, deployEnvironment.jobs.apply]) {
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

  describe("its comment", () => {
    const script: string = stepUsing(pr.jobs.comment.steps, "actions/github-script@").with!.script;

    /** Runs the comment script as actions/github-script would, over `plans/` artifacts; returns what it posted. */
    async function comment(
      artifacts: Record<string, Record<string, string>>,
      existing: { id: number; body: string }[] = [],
      stacks = Object.keys(artifacts).map((name) => name.replace(/^plan-/, "")),
    ) {
      const dir = tempDir("plan-comment-");
      mkdirSync(path.join(dir, "plans"));
      for (const [name, files] of Object.entries(artifacts)) {
        mkdirSync(path.join(dir, "plans", name), { recursive: true });
        for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, "plans", name, f), text);
      }
      const calls: [string, any][] = [];
      const github = {
        paginate: async () => existing,
        rest: {
          issues: {
            listComments: () => undefined,
            updateComment: async (args: any) => calls.push(["update", args]),
            createComment: async (args: any) => calls.push(["create", args]),
          },
        },
      };
      const context = { sha: "3f9c2ab0000000", repo: { owner: "acme", repo: "triggers" }, issue: { number: 7 } };
      const cwd = process.cwd();
      process.chdir(dir);
      process.env.STACKS = JSON.stringify(stacks);
      try {
        const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
        await new AsyncFunction("require", "github", "context", script)(require, github, context);
      } finally {
        process.chdir(cwd);
        delete process.env.STACKS;
      }
      return calls;
    }

    const HAZARD =
      "⛔ **Record check**: 1 hazard not accepted in books-dev: …\n\n- ⛔ **books-dev** `aws_sqs_queue.q`: failure queue deleted.\n";
    const PASS = "✅ **Record check**: no change in books-prod can lose, skip, replay or delete records.\n";
    const PLAN = "Terraform will perform the following actions:\n\nPlan: 0 to add, 0 to change, 1 to destroy.\n";

    test("puts every stack's verdict, one line per hazard, above the first plan", async () => {
      const [[, { body }]] = await comment({
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

    test("says so when a stack's job failed before its check", async () => {
      const [[, { body }]] = await comment({ "plan-books-dev": {} });
      expect(body).toContain("❓ **Record check**: books-dev not checked: the plan job failed before the check");
    });

    test("names every stack of the app, even one whose job uploaded nothing (a plan Terraform refused)", async () => {
      expect(pr.jobs.comment.needs).toEqual(["stacks", "plan"]);
      expect(pr.jobs.comment.env).toEqual({ STACKS: "${{ needs.stacks.outputs.stacks }}" });
      const [[, { body }]] = await comment(
        { "plan-books-dev": { "check.md": PASS, "plan.txt": PLAN } },
        [],
        ["books-dev", "books-prod"],
      );
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

    test("with 20 stacks of long plans, stays within GitHub's limit, cutting plans, never a verdict", async () => {
      const artifacts = manyStacks(20, hazardVerdict(2), 20000);
      const [[, { body }]] = await comment(artifacts);
      expect(body.length).toBeLessThanOrEqual(LIMIT);
      for (const files of Object.values(artifacts)) expect(body).toContain(files["check.md"].trim());
      for (const stack of Object.keys(artifacts).map((a) => a.replace(/^plan-/, "")))
        expect(body).toContain(
          `<details><summary><b>${stack}</b>: Plan: 0 to add, 1 to change, 0 to destroy.</summary>`,
        );
      expect(body).toContain("(cut: see the job log)");
    });

    test("when the verdicts alone are too long, keeps each verdict and each hazard's line, and says where the rest is", async () => {
      const artifacts = manyStacks(20, hazardVerdict(12), 2000);
      const [[, { body }]] = await comment(artifacts);
      expect(body.length).toBeLessThanOrEqual(LIMIT);
      for (const stack of Object.keys(artifacts).map((a) => a.replace(/^plan-/, ""))) {
        expect(body).toContain(`⛔ **Record check**: 12 hazards not accepted in ${stack}`);
        for (let i = 0; i < 12; i++)
          expect(body).toContain(`- ⛔ **${stack}** \`aws_sqs_queue.q${i}\`: failure queue deleted.`);
      }
      expect(body).toContain("each hazard's records and safe procedure: in its plan job's log");
    });

    test("is one comment per pull request, updated in place", async () => {
      expect(script).toContain('const marker = "<!-- cdktf-plan -->"');
      const first = await comment({ "plan-books-dev": { "check.md": PASS, "plan.txt": PLAN } });
      expect(first.map(([kind]) => kind)).toEqual(["create"]);
      const again = await comment({ "plan-books-dev": { "check.md": PASS, "plan.txt": PLAN } }, [
        { id: 41, body: "a reviewer's note" },
        { id: 42, body: "<!-- cdktf-plan -->\nolder plan" },
      ]);
      expect(again.map(([kind, args]) => [kind, args.comment_id])).toEqual([["update", 42]]);
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
    expect(job.needs).toBe("stacks");
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
