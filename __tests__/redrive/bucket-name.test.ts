// The failure bucket's deployed name, from the stack's outputs: the synthesized name with a 12-digit
// account ID where Terraform fills it in, that account being the bucket's expected owner.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { findBucketName } from "../../redrive/bucket-name";
import { tempDir } from "../support/stack";

const NAME = "books-dev-stream-handler-failures-123456789012";
const base = {
  stack: "books-dev",
  localName: "books-dev-stream-handler-failures-000000000000",
  stackDir: "cdktf.out/stacks/books-dev",
  env: {},
  terraformOutputs: () => undefined,
};

describe("finding the failure bucket's name", () => {
  test("reads cdktf deploy's outputs file, and takes the account ID the name ends in as its owner", () => {
    const outputsFile = path.join(tempDir("outputs-"), "outputs.json");
    writeFileSync(outputsFile, JSON.stringify({ "books-dev": { failure_bucket_name: NAME } }));
    expect(findBucketName({ ...base, outputsFile })).toEqual({
      name: NAME,
      accountId: "123456789012",
      from: outputsFile,
    });
  });

  test("then FAILURE_BUCKET_NAME, then terraform output run in the stack's folder", () => {
    expect(findBucketName({ ...base, env: { FAILURE_BUCKET_NAME: NAME } }).from).toBe("FAILURE_BUCKET_NAME");
    const terraformOutputs = () => JSON.stringify({ failure_bucket_name: { value: NAME } });
    expect(findBucketName({ ...base, terraformOutputs }).from).toBe("terraform output");
  });

  test("says every way to give it when none answers", () => {
    expect(() => findBucketName(base)).toThrow(
      "the failure bucket's name is unknown: pass --outputs FILE (from `cdktf deploy books-dev --outputs-file FILE`), set FAILURE_BUCKET_NAME, or deploy so that `terraform output` in cdktf.out/stacks/books-dev answers",
    );
  });

  test.each([
    ["another stack's bucket", "usersposts-dev-stream-handler-failures-123456789012"],
    ["a name not ending in an account ID", "books-dev-stream-handler-failures-backup"],
  ])("refuses %s", (_, name) => {
    expect(() => findBucketName({ ...base, env: { FAILURE_BUCKET_NAME: name } })).toThrow(
      `FAILURE_BUCKET_NAME: bucket ${name} is not the stack's failure bucket books-dev-stream-handler-failures-<12-digit account id>`,
    );
  });
});
