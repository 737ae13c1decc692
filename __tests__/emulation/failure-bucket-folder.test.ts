// failureDestination "s3", locally: each parked batch is a file shaped as the object Lambda writes to the
// bucket (AWS Lambda developer guide, "Retain discarded records for a DynamoDB event source": the SQS
// message's fields plus `payload`, the original invocation event as an escaped JSON string, at
// aws/lambda/<ESM-UUID>/<shardID>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<Random UUID>).
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { synthesizeApp } from "../../constructs/app";
import {
  FailureBucketFolder,
  failureObjectKey,
  LOCAL_ACCOUNT_ID,
  localBucketName,
  localMappingUuid,
} from "../../emulation/failure-bucket-folder";
import { failureFolderFor } from "../../emulation/failure-folder";
import { FailureQueueFolder } from "../../emulation/failure-queue-folder";
import { onFailureMessage, onFailureObject } from "../../emulation/on-failure-message";
import { readSynthesizedApp } from "../../emulation/synthesized-stacks";
import { snapshot } from "../support/file-tree";
import { AWS_ON_FAILURE_EXAMPLE, parkedBatch } from "../support/on-failure-messages";
import { DAN_BROWN, streamRecord } from "../support/records";
import { devEnvironment, tempDir } from "../support/stack";

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const keyPaths = (value: unknown, prefix = ""): string[] =>
  value !== null && typeof value === "object"
    ? Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keyPaths(v, `${prefix}${k}.`)])
    : [];

describe("the object key", () => {
  const at = new Date("2026-03-07T09:05:04.321Z");

  test("follows AWS's layout: mapping, shard, UTC day, then the time with dots and a random UUID", () => {
    const key = failureObjectKey("esm-uuid", "shardId-0001-ab", at);
    expect(key).toMatch(
      new RegExp(`^aws/lambda/esm-uuid/shardId-0001-ab/2026/03/07/2026-03-07T09\\.05\\.04-${UUID.source}$`),
    );
  });

  test("differs for two batches parked in the same second", () => {
    expect(failureObjectKey("u", "s", at)).not.toBe(failureObjectKey("u", "s", at));
  });

  test("takes the day from UTC, not the machine's time zone", () => {
    expect(failureObjectKey("u", "s", new Date("2026-12-31T23:59:59Z"), "id")).toBe(
      "aws/lambda/u/s/2026/12/31/2026-12-31T23.59.59-id",
    );
  });
});

describe("the object's body", () => {
  const records = [1, 2].map((n) =>
    streamRecord({ eventName: "INSERT", keys: { ...DAN_BROWN, n }, after: DAN_BROWN, sequenceNumber: `20${n}` }),
  );
  const batch = parkedBatch(records, { functionError: "Unhandled" });
  const now = new Date("2026-11-24T10:00:00Z");
  const body = onFailureObject(batch, now);

  test("has AWS's fields in AWS's order, then payload", () => {
    expect(keyPaths(body)).toEqual([...keyPaths(AWS_ON_FAILURE_EXAMPLE), "payload"]);
  });

  test("is the queue's message plus payload", () => {
    const { payload, ...rest } = body;
    const message = onFailureMessage(batch, now);
    expect({ ...rest, requestContext: { ...rest.requestContext, requestId: "" } }).toEqual({
      ...message,
      requestContext: { ...message.requestContext, requestId: "" },
    });
    expect(typeof payload).toBe("string");
  });

  test("holds the whole invocation event, as the function received it, as an escaped JSON string", () => {
    expect(JSON.parse(body.payload)).toEqual({ Records: records });
  });
});

describe("writing objects into the bucket's folder", () => {
  const records = [streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN, sequenceNumber: "301" })];

  test("puts each object at its key under the folder, compact JSON, nothing half-written left", async () => {
    const folder = path.join(tempDir("bucket-"), "b");
    const file = await new FailureBucketFolder(folder, "u-1").write(parkedBatch(records));
    const key = path.relative(folder, file).split(path.sep).join("/");
    expect(key).toMatch(new RegExp(`^aws/lambda/u-1/shardId-1/\\d{4}/\\d{2}/\\d{2}/[0-9T.-]+-${UUID.source}$`));
    expect([...snapshot(folder).keys()]).toEqual([path.join(...key.split("/"))]);
    const text = readFileSync(file, "utf8");
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(JSON.parse(JSON.parse(text).payload).Records).toEqual(records);
  });

  test("the mapping's stand-in UUID is shaped like AWS's and the same at every start", () => {
    const mapping = { stack: "books-dev", table: { name: "books-dev" }, function: { name: "f" } };
    expect(localMappingUuid(mapping)).toMatch(new RegExp(`^${UUID.source}$`));
    expect(localMappingUuid(mapping)).toBe(localMappingUuid({ ...mapping }));
    expect(localMappingUuid(mapping)).not.toBe(localMappingUuid({ ...mapping, stack: "books-prod" }));
  });
});

describe("the bucket's local name", () => {
  test("fills the account ID Terraform learns at plan time with the local one", () => {
    expect(
      localBucketName("f-failures-${data.aws_caller_identity.trigger_failure-bucket_account_4A067876.account_id}", "w"),
    ).toBe(`f-failures-${LOCAL_ACCOUNT_ID}`);
  });

  test("refuses a name holding anything else to fill in", () => {
    expect(() => localBucketName("f-${aws_s3_bucket.x.id}", "mapping m destination")).toThrow(
      'mapping m destination: bucket name "f-${aws_s3_bucket.x.id}" is not text with at most the account ID to fill in',
    );
  });
});

describe("a synthesized stack whose failures go to S3", () => {
  const outdir = path.join(tempDir("local-s3-"), "cdktf.out");
  expect(synthesizeApp([devEnvironment({}, { failureDestination: "s3" })], { outdir }).exitCode).toBe(0);
  const [mapping] = readSynthesizedApp(outdir).mappings;

  test("is read with its bucket's local name and no queue", () => {
    expect(mapping.failureBucket).toBe(`books-dev-stream-handler-failures-${LOCAL_ACCOUNT_ID}`);
    expect(mapping.failureQueue).toBeUndefined();
  });

  test("parks into the bucket's folder under the failure folder; a queue stack into the queue's", () => {
    const destination = failureFolderFor(mapping, "/f");
    expect(destination).toBeInstanceOf(FailureBucketFolder);
    expect(destination?.folder).toBe(path.join("/f", mapping.failureBucket!));
    const queued = failureFolderFor({ ...mapping, failureBucket: undefined, failureQueue: "q" }, "/f");
    expect(queued).toBeInstanceOf(FailureQueueFolder);
    expect(queued?.folder).toBe(path.join("/f", "q"));
  });

  test("parks nowhere without an on-failure destination", () => {
    expect(failureFolderFor({ ...mapping, failureBucket: undefined }, "/f")).toBeUndefined();
  });
});
