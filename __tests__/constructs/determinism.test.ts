import { readFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { resolveConfig } from "../../settings/config";
import { sampleEnvironments } from "../fixtures/sample-environments";
import { appStacks } from "../support/app-config";
import { appSynth } from "../support/app-synth";
import { checkout } from "../support/checkout";
import { expectSameFiles, snapshot } from "../support/file-tree";
import { runAppCommand } from "../support/run-app";
import { tempDir } from "../support/stack";

const root = findProjectRoot();
// Whether a synth's bytes depend on where it runs is a property of the code: these synths are of a small
// fixture config, so their cost stays the same whatever the user's config holds.
const sampleStacks = resolveConfig(sampleEnvironments).flatMap((e) => e.triggers.map((t) => t.stackName));

function stackFiles(outdir: string): Map<string, Buffer> {
  return snapshot(path.join(outdir, "stacks"));
}

describe("synthesized output", () => {
  test("is byte-identical across two synths into folders at different paths", () => {
    const project = checkout(path.join(tempDir("synth-ab-"), "project"), { sampleConfig: true });
    const first = path.join(tempDir("synth-a-"), "out");
    const second = path.join(tempDir("synth-b-"), "deeper", "folder", "out");
    expect(runAppCommand(project, first).status).toBe(0);
    expect(runAppCommand(project, second).status).toBe(0);
    const a = stackFiles(first);
    expect([...a.keys()].filter((f) => f.endsWith("cdk.tf.json"))).toEqual(
      sampleStacks.map((stack) => path.join(stack, "cdk.tf.json")).sort(),
    );
    expectSameFiles(a, stackFiles(second));
  });

  test("is byte-identical across two checkouts at different paths", () => {
    const one = checkout(path.join(tempDir("checkout-1-"), "project"), { sampleConfig: true });
    const two = checkout(path.join(tempDir("checkout-2-"), "elsewhere", "stream-trigger"), { sampleConfig: true });
    expect(runAppCommand(one, "cdktf.out").status).toBe(0);
    expect(runAppCommand(two, "cdktf.out").status).toBe(0);
    expectSameFiles(stackFiles(path.join(one, "cdktf.out")), stackFiles(path.join(two, "cdktf.out")));
  });

  // The sample has neither; a user's config may have both, whose bucket name and node24 bundle folder
  // must be as stable as the rest.
  test("is byte-identical across two checkouts with a failure bucket and nodejs24.x", () => {
    const configFixture = "bucket-node24-environments.ts";
    const one = checkout(path.join(tempDir("checkout-s3-1-"), "project"), { configFixture });
    const two = checkout(path.join(tempDir("checkout-s3-2-"), "elsewhere", "stream-trigger"), { configFixture });
    expect(runAppCommand(one, "cdktf.out").status).toBe(0);
    expect(runAppCommand(two, "cdktf.out").status).toBe(0);
    const files = stackFiles(path.join(one, "cdktf.out"));
    const json = [...files].filter(([name]) => name.endsWith("cdk.tf.json")).map(([, text]) => text.toString());
    expect(json.some((text) => text.includes('"aws_s3_bucket"') && text.includes('"nodejs24.x"'))).toBe(true);
    expectSameFiles(files, stackFiles(path.join(two, "cdktf.out")));
  });

  // The user's app, synthesized once for the test run into a folder under the system's temporary one.
  test("holds no absolute path of the machine, in any stack of the user's app", () => {
    const { outdir } = appSynth();
    for (const stack of appStacks) {
      const json = readFileSync(path.join(outdir, "stacks", stack.name, "cdk.tf.json"), "utf8");
      expect(json).not.toContain(root);
      expect(json).not.toMatch(/"(\/root|\/home|\/tmp|\/work|\/Users)\//);
    }
  });
});
