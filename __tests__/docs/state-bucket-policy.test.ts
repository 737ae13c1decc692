// docs/operations.md's state bucket statements for the planning and deploying roles: what the workflows
// do with the bucket is allowed, and nothing outside the project's prefix is.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { ACCOUNT, BUCKET, decide } from "../support/iam-simulator";

const doc = readFileSync(path.join(findProjectRoot(), "docs", "operations.md"), "utf8");
const block = /<!-- state-bucket-policy -->\n```json\n([\s\S]*?)\n```/.exec(doc);
const policy = JSON.parse(block![1]);
const principal = `arn:aws:sts::${ACCOUNT}:assumed-role/plan/github`;
const STATE = "acme-terraform-state";
const PREFIX = "dynamodb-stream-trigger";

const list = (prefix: string) =>
  decide(policy, { action: "s3:ListBucket", resource: BUCKET(STATE), principal, context: { "s3:prefix": prefix } });
const object = (action: string, key: string) =>
  decide(policy, { action, resource: `${BUCKET(STATE)}/${key}`, principal });

test("the orphan search may list the keys under the project's prefix, as find-orphans asks", async () => {
  expect(await list(`${PREFIX}/`)).toBe("Allowed");
});

test("no role may list another prefix of the bucket, or the whole bucket", async () => {
  expect(await list("other-team/")).toBe("ImplicitlyDenied");
  expect(await list("")).toBe("ImplicitlyDenied");
});

test("Terraform may list its workspaces at init, where no state of the project is", async () => {
  expect(await list("env:/")).toBe("Allowed");
});

test("a plan reads the project's state and holds its lock, and nothing else", async () => {
  expect(await object("s3:GetObject", `${PREFIX}/books-dev.tfstate`)).toBe("Allowed");
  expect(await object("s3:PutObject", `${PREFIX}/books-dev.tfstate.tflock`)).toBe("Allowed");
  expect(await object("s3:DeleteObject", `${PREFIX}/books-dev.tfstate.tflock`)).toBe("Allowed");
  expect(await object("s3:PutObject", `${PREFIX}/books-dev.tfstate`)).toBe("ImplicitlyDenied");
  expect(await object("s3:GetObject", "other-team/app-dev.tfstate")).toBe("ImplicitlyDenied");
});
