import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { findQueueUrl } from "../../redrive/queue-url";
import { tempDir } from "../support/stack";

const URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/books-dev-stream-handler-failures";
const base = {
  stack: "books-dev",
  queueName: "books-dev-stream-handler-failures",
  stackDir: "cdktf.out/stacks/books-dev",
  env: {},
  terraformOutputs: () => undefined,
};
const file = (content: unknown) => {
  const name = path.join(tempDir("outputs-"), "outputs.json");
  writeFileSync(name, JSON.stringify(content));
  return name;
};

describe("finding the failure queue's URL", () => {
  test("reads cdktf deploy's outputs file, keyed by stack", () => {
    const outputsFile = file({ "books-dev": { failure_queue_url: URL, table_name: "books-dev" } });
    expect(findQueueUrl({ ...base, outputsFile })).toEqual({ url: URL, from: outputsFile });
  });

  test("reads terraform output -json's shape", () => {
    const outputsFile = file({ failure_queue_url: { value: URL, type: "string", sensitive: false } });
    expect(findQueueUrl({ ...base, outputsFile }).url).toBe(URL);
  });

  test("reads a consumer's queue from the outputs under its name", () => {
    const AUDIT = "https://sqs.eu-west-1.amazonaws.com/123456789012/books-dev-audit-failures";
    const outputsFile = file({ "books-dev": { failure_queue_url: URL, audit_failure_queue_url: AUDIT } });
    expect(
      findQueueUrl({ ...base, outputsFile, outputPrefix: "audit_", queueName: "books-dev-audit-failures" }).url,
    ).toBe(AUDIT);
  });

  test("then FAILURE_QUEUE_URL", () => {
    expect(findQueueUrl({ ...base, env: { FAILURE_QUEUE_URL: URL } })).toEqual({ url: URL, from: "FAILURE_QUEUE_URL" });
  });

  test("then terraform output run in the stack's folder", () => {
    let asked = "";
    const terraformOutputs = (dir: string) => {
      asked = dir;
      return JSON.stringify({ failure_queue_url: { value: URL } });
    };
    expect(findQueueUrl({ ...base, terraformOutputs }).url).toBe(URL);
    expect(asked).toBe("cdktf.out/stacks/books-dev");
  });

  test("says every way to give it when none answers", () => {
    expect(() => findQueueUrl(base)).toThrow(
      "the failure queue's URL is unknown: pass --outputs FILE (from `cdktf deploy books-dev --outputs-file FILE`), set FAILURE_QUEUE_URL, or deploy so that `terraform output` in cdktf.out/stacks/books-dev answers",
    );
  });

  test("says which source lacks the output", () => {
    const outputsFile = file({ "books-dev": { table_name: "books-dev" } });
    expect(() => findQueueUrl({ ...base, outputsFile })).toThrow(`(${outputsFile} has no failure_queue_url)`);
  });

  test("refuses a URL that is not the stack's queue", () => {
    const other = URL.replace("books-dev", "UsersPost-dev");
    expect(() => findQueueUrl({ ...base, env: { FAILURE_QUEUE_URL: other } })).toThrow(
      `FAILURE_QUEUE_URL: queue URL ${other} is not the stack's failure queue books-dev-stream-handler-failures`,
    );
  });
});
