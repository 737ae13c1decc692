// The AWS path for failureDestination "s3": the bucket and the function through their SDK clients, mocked
// by aws-sdk-client-mock (no S3 or Lambda emulator offline), so the exact calls can be checked: list the
// objects Lambda wrote, read each, replay the records its payload holds (no stream read), and delete it
// only after every record was accepted.

import * as path from "node:path";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBRecord } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { synthesizeApp } from "../../constructs/app";
import { ClaimLocks } from "../../emulation/claim-locks";
import { onFailureObject } from "../../emulation/on-failure-message";
import { type RedriveSummary, redrive } from "../../redrive/redrive";
import { AwsInvoker } from "../../redrive/replay";
import { S3FailureSource } from "../../redrive/s3-source";
import { readRedriveTarget } from "../../redrive/stack-target";
import { answerInvokes, firstInvoke } from "../support/lambda-answers";
import { parkedBatch } from "../support/on-failure-messages";
import { DAN_BROWN, streamRecord } from "../support/records";
import { devEnvironment, tempDir } from "../support/stack";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const BUCKET = "books-dev-stream-handler-failures-123456789012";
const OWNER = "123456789012";
const KEY_1 = "aws/lambda/0d9c1c6e-1111-4222-8333-444455556666/shardId-1/2026/11/30/2026-11-30T00.10.00-a";
const KEY_2 = "aws/lambda/0d9c1c6e-1111-4222-8333-444455556666/shardId-1/2026/11/30/2026-11-30T00.20.00-b";

describe("redrive on AWS from a failure bucket", () => {
  const outdir = path.join(tempDir("redrive-s3-"), "cdktf.out");
  expect(synthesizeApp([devEnvironment({}, { failureDestination: "s3" })], { outdir }).exitCode).toBe(0);
  const target = readRedriveTarget(outdir, "books-dev");
  const s3 = mockClient(S3Client);
  const lambda = mockClient(LambdaClient);
  const records: DynamoDBRecord[] = [1, 2].map((n) =>
    streamRecord({ eventName: "INSERT", keys: { ...DAN_BROWN, n }, after: DAN_BROWN, sequenceNumber: `40${n}` }),
  );
  /** What Lambda writes for a batch of `table`'s stream that `functionName` failed. */
  const objectBody = (table: string, functionName: string, batch = records) =>
    JSON.stringify(
      onFailureObject(
        parkedBatch(batch, {
          functionError: "Unhandled",
          functionArn: `arn:aws:lambda:eu-west-1:${OWNER}:function:${functionName}`,
          streamArn: `arn:aws:dynamodb:eu-west-1:${OWNER}:table/${table}/stream/2026-11-30T00:00:00.000`,
        }),
      ),
    );
  let body: string;
  /** Every S3 and Lambda call, in order, by command name. */
  let calls: string[];
  let streamLookups: number;
  let locks: string;

  const answer = (response: unknown, functionError?: string) => answerInvokes(lambda, calls, response, functionError);

  const source = () =>
    new S3FailureSource({
      client: new S3Client({ region: "eu-west-1" }),
      bucket: BUCKET,
      expectedOwner: OWNER,
      locks: new ClaimLocks(locks),
    });

  const run = (options: { max?: number; now?: number } = {}): Promise<RedriveSummary & { lines: string[] }> => {
    const lines: string[] = [];
    return redrive({
      source: source(),
      target,
      streams: async () => {
        streamLookups += 1;
        return { unreachable: "no stream in this test" };
      },
      invoker: new AwsInvoker(new LambdaClient({ region: "eu-west-1" }), target.function.name),
      local: false,
      max: options.max,
      now: options.now === undefined ? undefined : () => options.now!,
      log: (line) => lines.push(line),
    }).then((summary) => ({ ...summary, lines }));
  };

  /** The bucket holds `pages` of keys, each object the same body. */
  const bucketHolds = (...pages: string[][]) => {
    pages.forEach((keys, i) => {
      const input = i === 0 ? {} : { ContinuationToken: `page-${i}` };
      s3.on(ListObjectsV2Command, input).callsFake(async () => {
        calls.push("ListObjectsV2");
        const more = i < pages.length - 1;
        return {
          Contents: keys.map((Key) => ({ Key })),
          IsTruncated: more,
          NextContinuationToken: more ? `page-${i + 1}` : undefined,
        };
      });
    });
    s3.on(GetObjectCommand).callsFake(async () => {
      calls.push("GetObject");
      return { Body: { transformToString: async () => body } };
    });
    s3.on(DeleteObjectCommand).callsFake(async () => calls.push("DeleteObject") && {});
  };

  beforeEach(() => {
    s3.reset();
    lambda.reset();
    calls = [];
    streamLookups = 0;
    body = objectBody(target.table.name, target.function.name);
    locks = tempDir("redrive-s3-locks-");
  });

  afterAll(() => {
    s3.restore();
    lambda.restore();
  });

  test("lists what Lambda wrote under aws/lambda/, in the bucket the stack's account owns", async () => {
    bucketHolds([KEY_1]);
    answer({ batchItemFailures: [] });
    await run();
    expect(s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input)).toEqual([
      { Bucket: BUCKET, Prefix: "aws/lambda/", ExpectedBucketOwner: OWNER },
    ]);
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: BUCKET, Key: KEY_1, ExpectedBucketOwner: OWNER },
    ]);
  });

  test("replays the records the object's payload holds, without reading the stream", async () => {
    bucketHolds([KEY_1]);
    answer({ batchItemFailures: [] });
    await run();
    const { input, event } = firstInvoke(lambda);
    expect(input).toMatchObject({ FunctionName: target.function.name, InvocationType: "RequestResponse" });
    expect(event).toEqual({ Records: records });
    expect(streamLookups).toBe(0);
  });

  test("deletes the object after the function accepted every record, and only then", async () => {
    bucketHolds([KEY_1]);
    answer({ batchItemFailures: [] });
    const summary = await run();
    expect(calls).toEqual(["ListObjectsV2", "GetObject", "Invoke", "DeleteObject"]);
    expect(s3.commandCalls(DeleteObjectCommand)[0].args[0].input).toEqual({
      Bucket: BUCKET,
      Key: KEY_1,
      ExpectedBucketOwner: OWNER,
    });
    expect(summary).toMatchObject({ messages: 1, removed: 1, kept: 0, found: 2, replayed: 2, problems: [] });
    expect(summary.lines).toContain("  replayed: 2 records accepted → object deleted");
  });

  test("deletes nothing when the function fails part of the batch, and says which records failed", async () => {
    bucketHolds([KEY_1]);
    answer({ batchItemFailures: [{ itemIdentifier: "402" }] });
    const summary = await run();
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
    expect(summary).toMatchObject({ messages: 1, removed: 0, kept: 1, replayed: 1 });
    expect(summary.problems).toEqual([`${KEY_1}: replayed: 1 accepted, 1 record failed (sequence number 402)`]);
  });

  test("deletes nothing when the function throws", async () => {
    bucketHolds([KEY_1]);
    answer({ errorType: "Error", errorMessage: "still broken" }, "Unhandled");
    const summary = await run();
    expect(s3.commandCalls(DeleteObjectCommand)).toHaveLength(0);
    expect(summary.problems).toEqual([`${KEY_1}: replay failed: Error: still broken`]);
  });

  test("follows the listing's pages, and with --max lists no further than it needs", async () => {
    bucketHolds([KEY_1], [KEY_2]);
    answer({ batchItemFailures: [] });
    await run();
    expect(s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input.ContinuationToken)).toEqual([
      undefined,
      "page-1",
    ]);
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input.Key)).toEqual([KEY_1, KEY_2]);

    s3.resetHistory();
    await run({ max: 1 });
    expect(s3.commandCalls(ListObjectsV2Command)).toHaveLength(1);
  });

  test("says the records are safe after the stream's 24 hours, and replays them", async () => {
    bucketHolds([KEY_1]);
    answer({ batchItemFailures: [] });
    const thirtyHoursLater = (records[0].dynamodb!.ApproximateCreationDateTime! + 30 * 3600) * 1000;
    const summary = await run({ now: thirtyHoursLater });
    expect(summary.lines[0]).toBe(
      "[1] RetryAttemptsExhausted, shardId-1, 2 records (sequence numbers 401 to 402), first record 30 h 00 min old, whole records in the object, no stream read: safe after the stream trims them",
    );
    expect(summary).toMatchObject({ removed: 1, lost: 0, problems: [] });
  });

  test.each([
    ["another table's stream", "UsersPost-dev", "books-dev-stream-handler", "it holds table UsersPost-dev's records"],
    ["another function", "books-dev", "UsersPost-dev-stream-handler", "it was parked by UsersPost-dev-stream-handler"],
  ])("replays nothing from an object parked for %s, keeps it, and says why", async (_, table, functionName, why) => {
    body = objectBody(table, functionName);
    bucketHolds([KEY_1]);
    answer({ batchItemFailures: [] });
    const summary = await run();
    expect(calls).toEqual(["ListObjectsV2", "GetObject"]);
    expect(summary).toMatchObject({ messages: 1, removed: 0, kept: 1, found: 0, replayed: 0 });
    expect(summary.problems).toEqual([
      `${KEY_1}: not this stack's: ${why}; books-dev redrives books-dev's records into books-dev-stream-handler`,
    ]);
  });

  test("skips an object another redrive from this checkout is replaying, and says so", async () => {
    bucketHolds([KEY_1, KEY_2]);
    answer({ batchItemFailures: [] });
    const other = new ClaimLocks(locks);
    expect(other.claim(KEY_1)).toBe(true);
    const summary = await run();
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.Key)).toEqual([KEY_2]);
    expect(summary.problems).toEqual([`${KEY_1}: being replayed by another redrive, skipped`]);
  });
});
