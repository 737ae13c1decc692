// Deployed stacks the app no longer synthesizes, in the workflows: found from the state bucket's keys,
// their destruction planned without their old code and checked, the comment showing it, deploys waiting.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { appStacks } from "../support/app-config";
import { appSynth, SHARED_STATE } from "../support/app-synth";
import { bundleTestEntry } from "../support/run-app";
import { tempDir } from "../support/stack";
import type { Step } from "../support/workflow-step";

const root = findProjectRoot();
const read = (...parts: string[]) => parse(readFileSync(path.join(root, ".github", ...parts), "utf8"));
const pr = read("workflows", "pull-request.yml");
const deploy = read("workflows", "deploy.yml");
const findOrphans = read("actions", "find-orphans", "action.yml");
const planOrphan = read("actions", "plan-orphan", "action.yml");

const at = (steps: Step[], pattern: RegExp) =>
  steps.findIndex((s) => s.run !== undefined && pattern.test(s.run.trim()));

describe("finding orphans (.github/actions/find-orphans)", () => {
  const steps: Step[] = findOrphans.runs.steps;
  const STATE = { STATE_BUCKET: SHARED_STATE.bucket, STATE_REGION: SHARED_STATE.region };
  // `npm run stacks` bundles the user's config, so the synth it reads is the user's app: the one this test
  // run shares, with no key prefix, each stack's state under its project.
  const [first] = appStacks;
  const prefixes = [...new Set(appStacks.map((s) => s.environment.project))].sort();
  const project = first.environment.project;
  const work = tempDir("find-orphans-");
  const bin = path.join(work, "bin");

  /** Runs a step's script in `work` as Actions would, with `npm run stacks` the real command and a fake `aws`. */
  function runStep(step: Step, awsPrints: string, env: NodeJS.ProcessEnv = {}) {
    writeFileSync(path.join(bin, "aws-prints"), awsPrints);
    return spawnSync("bash", ["-e", "-c", step.run!], {
      cwd: work,
      encoding: "utf8",
      env: {
        ...process.env,
        ...STATE,
        PATH: `${bin}:${process.env.PATH}`,
        GITHUB_OUTPUT: path.join(work, "out"),
        ...env,
      },
    });
  }

  beforeAll(() => {
    symlinkSync(appSynth("s3").outdir, path.join(work, "cdktf.out"), "dir");
    mkdirSync(bin);
    mkdirSync(path.join(work, "plan-check"));
    writeFileSync(path.join(work, "plan-check", "allow.json"), '{ "accept": [] }\n');
    const stacks = bundleTestEntry("scripts/stacks.ts", "stacks.js");
    // `npm run --silent stacks -- ARGS` runs the real command; `aws` records its arguments and prints a listing.
    writeFileSync(path.join(bin, "npm"), `#!/bin/bash\nshift 4\nexec "${process.execPath}" "${stacks}" "$@"\n`);
    writeFileSync(path.join(bin, "aws"), `#!/bin/bash\necho "$@" >> "${work}/aws-calls"\ncat "${bin}/aws-prints"\n`);
    chmodSync(path.join(bin, "npm"), 0o755);
    chmodSync(path.join(bin, "aws"), 0o755);
  });

  test("lists the bucket's keys under each prefix the synthesized stacks' state lives under, as text", () => {
    const listing = `${project}/${first.name}.tfstate\t${project}/renamed-away-dev.tfstate\n`;
    const result = runStep(steps[0], listing);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(work, "aws-calls"), "utf8")).toBe(
      prefixes
        .map(
          (p) =>
            `s3api list-objects-v2 --bucket acme-terraform-state --prefix ${p}/ --query Contents[].Key --output text\n`,
        )
        .join(""),
    );
    // The fake aws prints the same listing for every prefix.
    expect(readFileSync(path.join(work, "state-keys.txt"), "utf8")).toBe(listing.repeat(prefixes.length));
  });

  test("hands on every orphan with its state key, and does not fail for having found one", () => {
    writeFileSync(path.join(work, "state-keys.txt"), `${project}/${first.name}.tfstate\t${project}/gone-dev.tfstate\n`);
    writeFileSync(path.join(work, "out"), "");
    const result = runStep(steps[1], "");
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(`^gone-dev: deployed \\(state ${project}/gone-dev\\.tfstate\\) but no longer in the app`),
    );
    expect(readFileSync(path.join(work, "out"), "utf8")).toBe(
      `orphans=[{"stack":"gone-dev","state":"${project}/gone-dev.tfstate"}]\n`,
    );
    expect(findOrphans.outputs.orphans.value).toBe(`\${{ steps.${steps[1].id}.outputs.orphans }}`);
  });

  test("fails on an acceptance for a stack neither in the app nor deployed, which would accept nothing", () => {
    writeFileSync(path.join(work, "state-keys.txt"), "None\n");
    const entry = { stack: "retired-dev", address: "aws_dynamodb_table.t", reason: "retired" };
    writeFileSync(path.join(work, "plan-check", "allow.json"), JSON.stringify({ accept: [entry] }));
    try {
      const result = runStep(steps[1], "");
      expect(result.status).toBe(2);
      expect(result.stderr).toContain("accept[0] (retired-dev) names a stack neither in the app nor deployed");
    } finally {
      writeFileSync(path.join(work, "plan-check", "allow.json"), '{ "accept": [] }\n');
    }
  });

  test("fails on a listing it cannot read, rather than passing it as no orphan", () => {
    writeFileSync(path.join(work, "state-keys.txt"), "streams/notes.txt\n");
    const result = runStep(steps[1], "");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"streams/notes.txt" is not a state key or file');
  });
});

describe("planning an orphan's destruction (.github/actions/plan-orphan)", () => {
  const steps: Step[] = planOrphan.runs.steps;
  const inDir = "orphans/${{ inputs.stack }}";

  test("plans in a folder named for the stack, which check-plan names the plan by", () => {
    expect(planOrphan.outputs.dir.value).toBe(inDir);
    for (const step of steps.filter((s) => /^terraform /.test(s.run ?? "")))
      expect(step["working-directory"]).toBe(inDir);
  });

  test("writes an empty configuration on its state, reads the state, gives the provider its region, then plans -destroy", () => {
    const first = at(
      steps,
      /^mkdir -p "\$DIR"\nnpm run --silent destroy-config -- --key "\$STATE_KEY" > "\$DIR\/main.tf.json"$/,
    );
    const init = at(steps, /^terraform init -input=false -no-color$/);
    const pull = at(steps, /^terraform state pull > state.json$/);
    const region = at(steps, /--state "\$DIR\/state.json" > "\$DIR\/main.tf.json"$/);
    const plan = at(steps, /^terraform plan -destroy -input=false -no-color -lock-timeout=15m -out=plan.tfplan\n/);
    expect(at(steps, /^npm run synth$/)).toBe(0);
    expect([first, init, pull, region, plan].every((i, n, all) => i > (n === 0 ? 0 : all[n - 1]))).toBe(true);
    expect(steps[first].env).toEqual({ DIR: inDir, STATE_KEY: "${{ inputs.state }}" });
    expect(steps[plan].run).toContain("terraform show -json plan.tfplan > plan.json");
    expect(steps[plan].run).toContain("terraform show -no-color plan.tfplan > plan.txt");
  });

  test("checks the destroy plan as any other, last, and nothing continues on error", () => {
    expect(steps[steps.length - 1].run).toBe(
      'npm run --silent check-plan -- "$DIR/plan.json" --allow-file plan-check/allow.json --markdown "$DIR/check.md"',
    );
    for (const step of steps) expect(step["continue-on-error"]).toBeUndefined();
  });
});

describe("the pull-request workflow", () => {
  test("finds the orphans after a synth with the state settings, with the planning role", () => {
    const steps: Step[] = pr.jobs.orphans.steps;
    expect(at(steps, /^npm run synth$/)).toBeLessThan(
      steps.findIndex((s) => s.uses === "./.github/actions/find-orphans"),
    );
    expect(pr.jobs.orphans.outputs.orphans).toBe("${{ steps.find.outputs.orphans }}");
  });

  test("plans each orphan's destruction after the tests, and hands its verdict to the comment", () => {
    const job = pr.jobs["orphan-plan"];
    expect(job.needs).toEqual(["test", "orphans"]);
    expect(job.if).toBe("needs.orphans.outputs.orphans != '[]'");
    expect(job.strategy.matrix.orphan).toBe("${{ fromJSON(needs.orphans.outputs.orphans) }}");
    const plan = job.steps.find((s: Step) => s.uses === "./.github/actions/plan-orphan");
    expect(plan.with).toEqual({ stack: "${{ matrix.orphan.stack }}", state: "${{ matrix.orphan.state }}" });
    const upload = job.steps.find((s: Step) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload.if).toBe("always()");
    expect(upload.with.name).toBe("plan-${{ matrix.orphan.stack }}");
    expect(job["continue-on-error"]).toBeUndefined();
  });
});

describe("the deploy workflow", () => {
  test("checks each orphan's destruction plan against the allow file", () => {
    const job = deploy.jobs["orphan-check"];
    expect(job.needs).toBe("orphans");
    expect(job.strategy.matrix.orphan).toBe("${{ fromJSON(needs.orphans.outputs.orphans) }}");
    expect(job.steps.find((s: Step) => s.uses === "./.github/actions/plan-orphan").with).toEqual({
      stack: "${{ matrix.orphan.stack }}",
      state: "${{ matrix.orphan.state }}",
    });
    expect(job["continue-on-error"]).toBeUndefined();
  });

  test("deploys nothing while an orphan's destruction is not accepted, or the orphans were not looked for", () => {
    expect(deploy.jobs.deploy.needs).toEqual(["stacks", "orphans", "orphan-check"]);
    // A skipped orphan-check (no orphan) lets the deploy run; a failed one, or a failed search, does not.
    expect(deploy.jobs.deploy.if).toBe("${{ !failure() && !cancelled() }}");
  });
});
