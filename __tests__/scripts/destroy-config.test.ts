// `npm run destroy-config`: the configuration an orphaned stack's destruction is planned with.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { destroyConfiguration, runDestroyConfig, stateRegion } from "../../scripts/destroy-config";
import { StackListError } from "../../scripts/stack-list-error";
import { appStacks } from "../support/app-config";
import { appSynth } from "../support/app-synth";
import { tempDir } from "../support/stack";
import { thrown } from "../support/thrown";

const [first] = appStacks;
// The user's app, synthesized once for the test run with an S3 backend, and with local state.
const shared = appSynth("s3");
const like = shared.stacks.get(first.name)!;

/** A state as `terraform state pull` prints it, its resources' ARNs in `region`. */
const pulled = (region: string) => ({
  version: 4,
  resources: [
    { type: "aws_iam_role", instances: [{ attributes: { arn: "arn:aws:iam::123456789012:role/books-dev" } }] },
    {
      type: "aws_dynamodb_table",
      instances: [{ attributes: { arn: `arn:aws:dynamodb:${region}:123456789012:table/books`, name: "books" } }],
    },
    {
      type: "aws_lambda_event_source_mapping",
      instances: [{ attributes: { event_source_arn: `arn:aws:dynamodb:${region}:1:table/books/stream/x` } }],
    },
  ],
});

describe("the configuration", () => {
  const config = destroyConfiguration(like, "streams/books-dev.tfstate", "ap-south-1", "like.json") as any;

  test("holds no resource, data source or output: planned, it destroys everything in the state", () => {
    expect(Object.keys(config).sort()).toEqual(["provider", "terraform"]);
  });

  test("reads the orphan's state: the synthesized stacks' S3 backend, with the orphan's key", () => {
    expect(config.terraform.backend.s3).toEqual({
      ...(like.terraform.backend as any).s3,
      key: "streams/books-dev.tfstate",
    });
  });

  test("has the synthesized stacks' providers, the AWS one in the region given", () => {
    expect(config.terraform.required_providers).toEqual(like.terraform.required_providers);
    expect(Object.keys(config.provider).sort()).toEqual(
      Object.keys(like.terraform.required_providers as object).sort(),
    );
    expect(config.provider.aws).toEqual([{ region: "ap-south-1" }]);
  });

  test("is refused for stacks with local state, whose own folder plans their destruction", () => {
    const local = appSynth("local").stacks.get(first.name)!;
    expect(
      thrown(() => destroyConfiguration(local, "k.tfstate", undefined, "like.json"), StackListError).message,
    ).toMatch(/^like\.json: keeps local state; set STATE_BUCKET and STATE_REGION/);
  });
});

describe("the region of an orphan's resources", () => {
  test("is read from the regional ARNs in its state, IAM's (which have none) aside", () => {
    expect(stateRegion(pulled("eu-central-2"), "state.json")).toBe("eu-central-2");
  });

  test("is refused when the state names none, or several, so the provider never calls the wrong one", () => {
    expect(thrown(() => stateRegion({ resources: [] }, "state.json"), StackListError).message).toMatch(
      /^state\.json: holds no regional ARN; plan its destruction by hand/,
    );
    const mixed = { resources: [...pulled("eu-west-1").resources, ...pulled("us-east-1").resources] };
    expect(thrown(() => stateRegion(mixed, "state.json"), StackListError).message).toMatch(
      /^state\.json: names several regions \(eu-west-1, us-east-1\)/,
    );
  });
});

describe("the command", () => {
  const { outdir } = shared;

  test("writes the configuration as JSON, the region from --state", () => {
    const state = path.join(tempDir("destroy-config-"), "state.json");
    writeFileSync(state, JSON.stringify(pulled("sa-east-1")));
    const outcome = runDestroyConfig(["--key", "streams/gone-dev.tfstate", "--state", state, "--outdir", outdir]);
    expect(outcome.code).toBe(0);
    const config = JSON.parse(outcome.stdout);
    expect(config.terraform.backend.s3.key).toBe("streams/gone-dev.tfstate");
    expect(config.provider.aws).toEqual([{ region: "sa-east-1" }]);
  });

  test("leaves the AWS provider's region out before the state is pulled", () => {
    const outcome = runDestroyConfig(["--key", "streams/gone-dev.tfstate", "--outdir", outdir]);
    expect(JSON.parse(outcome.stdout).provider.aws).toEqual([{}]);
  });

  test("exits 2 on a key that is no state key, or an unknown option, writing nothing", () => {
    expect(runDestroyConfig(["--key", "streams/gone-dev", "--outdir", outdir])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'destroy-config: --key is "streams/gone-dev"; expected <prefix>/<stack>.tfstate\n',
    });
    expect(runDestroyConfig(["--bogus"])).toMatchObject({ code: 2, stdout: "" });
  });
});
