import { readBackendSettings } from "../../settings/backend-settings";
import { ConfigError } from "../../settings/checks";
import { appStacks } from "../support/app-config";
import { appSynth, SHARED_STATE } from "../support/app-synth";
import { devEnvironment, synthesizeAll } from "../support/stack";
import { thrown } from "../support/thrown";

const problemsOf = (env: NodeJS.ProcessEnv) => thrown(() => readBackendSettings(env), ConfigError).problems;

describe("state with no backend settings", () => {
  const { stacks } = appSynth("local");

  test("stays local, in state/ beside the output folder, by a relative path named for each stack", () => {
    // Terraform runs in <outdir>/stacks/<stack>/: three folders up is the folder holding <outdir>.
    for (const [name, json] of stacks)
      expect(json.terraform.backend).toEqual({ local: { path: `../../../state/${name}.tfstate` } });
  });

  test("is what an empty environment gives", () => {
    expect(readBackendSettings({})).toBeUndefined();
    expect(readBackendSettings({ STATE_BUCKET: "", STATE_REGION: "" })).toBeUndefined();
  });
});

describe("state with backend settings", () => {
  // The user's app synthesized with STATE_BUCKET=acme-terraform-state and STATE_REGION=eu-west-1.
  const { stacks } = appSynth("s3");

  test("goes to S3 for every stack, encrypted, with S3-native locking", () => {
    for (const json of stacks.values()) {
      expect(json.terraform.backend).toEqual({
        s3: expect.objectContaining({
          bucket: SHARED_STATE.bucket,
          region: SHARED_STATE.region,
          encrypt: true,
          use_lockfile: true,
        }),
      });
    }
  });

  test("gives each stack its own key under the project name", () => {
    const keys = [...stacks].map(([name, json]) => [name, (json.terraform.backend as any).s3.key]);
    expect(keys).toEqual(appStacks.map((s) => [s.name, `${s.environment.project}/${s.name}.tfstate`]));
  });

  test("uses no DynamoDB lock table unless asked", () => {
    for (const json of stacks.values()) expect((json.terraform.backend as any).s3.dynamodb_table).toBeUndefined();
  });

  test("takes a key prefix and a lock table for Terraform older than 1.10", () => {
    const withLock = readBackendSettings({
      STATE_BUCKET: "acme-terraform-state",
      STATE_REGION: "eu-west-1",
      STATE_KEY_PREFIX: "platform/streams",
      STATE_LOCK_TABLE: "terraform-locks",
    });
    const json = synthesizeAll([devEnvironment()], withLock).get("books-dev")!;
    expect((json.terraform.backend as any).s3).toMatchObject({
      key: "platform/streams/books-dev.tfstate",
      dynamodb_table: "terraform-locks",
      use_lockfile: true,
    });
  });
});

describe("half-given backend settings", () => {
  test("a bucket without a region is rejected, naming what is missing", () => {
    expect(problemsOf({ STATE_BUCKET: "acme-terraform-state" })).toEqual([
      "STATE_REGION is not set, but STATE_BUCKET is; the S3 backend needs STATE_BUCKET and STATE_REGION (set neither for local state)",
    ]);
  });

  test("a region without a bucket is rejected, naming what is missing", () => {
    expect(problemsOf({ STATE_REGION: "eu-west-1" })).toEqual([
      "STATE_BUCKET is not set, but STATE_REGION is; the S3 backend needs STATE_BUCKET and STATE_REGION (set neither for local state)",
    ]);
  });

  test("a lock table alone is rejected, naming both missing settings", () => {
    expect(problemsOf({ STATE_LOCK_TABLE: "locks" })[0]).toMatch(
      /^STATE_BUCKET and STATE_REGION are not set, but STATE_LOCK_TABLE is;/,
    );
  });

  test("an invalid bucket name is rejected with what is allowed", () => {
    expect(problemsOf({ STATE_BUCKET: "Acme_State", STATE_REGION: "eu-west-1" })).toEqual([
      'STATE_BUCKET is "Acme_State"; allowed: an S3 bucket name: 3 to 63 of a-z 0-9 . -',
    ]);
  });

  test.each([
    "eu-west-99",
    "us-east-1-global",
    "mars-north-1",
    "EU-WEST-1",
  ])("a region the AWS SDK does not know (%s) is rejected, as an environment's region is", (region) => {
    expect(problemsOf({ STATE_BUCKET: "acme-state", STATE_REGION: region })).toEqual([
      `STATE_REGION is ${JSON.stringify(region)}; allowed: an AWS region the AWS SDK knows, such as us-east-1`,
    ]);
  });

  test.each([
    "eu-west-1",
    "us-gov-west-1",
    "cn-north-1",
    "eu-central-2",
  ])("a region the AWS SDK knows (%s) is accepted", (region) => {
    expect(readBackendSettings({ STATE_BUCKET: "acme-state", STATE_REGION: region })?.region).toBe(region);
  });

  test("a key prefix with a leading slash is rejected", () => {
    expect(
      problemsOf({ STATE_BUCKET: "acme-state", STATE_REGION: "eu-west-1", STATE_KEY_PREFIX: "/state" })[0],
    ).toMatch(/^STATE_KEY_PREFIX is "\/state"; allowed:/);
  });

  test("a key prefix too long for every stack's key to fit S3's 1,024 bytes is rejected", () => {
    const env = { STATE_BUCKET: "acme-state", STATE_REGION: "eu-west-1" };
    expect(problemsOf({ ...env, STATE_KEY_PREFIX: "p".repeat(783) })).toEqual([
      "STATE_KEY_PREFIX is 783 characters long; allowed: at most 782 characters, so that every stack's key and its .tflock fit S3's 1,024 bytes",
    ]);
    expect(readBackendSettings({ ...env, STATE_KEY_PREFIX: "p".repeat(782) })?.keyPrefix).toHaveLength(782);
  });
});
