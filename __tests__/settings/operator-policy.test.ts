// The operator's redrive policy, evaluated by an IAM policy simulator: what redrive calls is allowed on
// this stack's queue, stream and function, and nothing else is.
import { redriveOperatorPolicy } from "../../settings/operator-policy";
import { ACCOUNT, FUNCTION, QUEUE, REGION, STREAM, decide as simulate } from "../support/iam-simulator";

const policy = redriveOperatorPolicy({
  queueArn: QUEUE("books-dev-stream-handler-failures"),
  streamArn: STREAM("books-dev"),
  functionArn: FUNCTION("books-dev-stream-handler"),
});

const decide = (action: string, resource: string, identity: unknown = policy) =>
  simulate(identity, { action, resource, principal: `arn:aws:iam::${ACCOUNT}:user/operator` });

describe("the redrive operator's policy, evaluated by an IAM simulator", () => {
  test.each([
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:ChangeMessageVisibility",
  ])("allows %s on the failure queue", async (action) => {
    expect(await decide(action, QUEUE("books-dev-stream-handler-failures"))).toBe("Allowed");
  });

  test.each([
    "dynamodb:DescribeStream",
    "dynamodb:GetShardIterator",
    "dynamodb:GetRecords",
  ])("allows %s on the table's stream", async (action) => {
    expect(await decide(action, STREAM("books-dev"))).toBe("Allowed");
  });

  test("allows invoking the function", async () => {
    expect(await decide("lambda:InvokeFunction", FUNCTION("books-dev-stream-handler"))).toBe("Allowed");
  });

  test.each([
    ["sqs:ReceiveMessage", QUEUE("UsersPost-dev-stream-handler-failures")],
    ["sqs:DeleteMessage", QUEUE("UsersPost-dev-stream-handler-failures")],
    ["dynamodb:GetRecords", STREAM("UsersPost-dev")],
    ["lambda:InvokeFunction", FUNCTION("UsersPost-dev-stream-handler")],
  ])("denies %s on another stack's %s", async (action, resource) => {
    expect(await decide(action, resource)).toBe("ImplicitlyDenied");
  });

  test.each([
    ["sqs:SendMessage", QUEUE("books-dev-stream-handler-failures")],
    ["sqs:PurgeQueue", QUEUE("books-dev-stream-handler-failures")],
    ["sqs:DeleteQueue", QUEUE("books-dev-stream-handler-failures")],
    ["sqs:SetQueueAttributes", QUEUE("books-dev-stream-handler-failures")],
    ["dynamodb:PutItem", `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/books-dev`],
    ["dynamodb:GetItem", `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/books-dev`],
    ["dynamodb:ListStreams", "*"],
    ["lambda:UpdateFunctionCode", FUNCTION("books-dev-stream-handler")],
    ["lambda:UpdateEventSourceMapping", `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:0000`],
    ["lambda:InvokeFunction", `${FUNCTION("books-dev-stream-handler")}:prod`],
  ])("denies %s on %s", async (action, resource) => {
    expect(await decide(action, resource)).toBe("ImplicitlyDenied");
  });

  test("names no wildcard resource", () => {
    for (const statement of policy.Statement) expect(statement.Resource).not.toContain("*");
  });

  test("keeps references as given, so the stack can fill them in at apply time", () => {
    const withTokens = redriveOperatorPolicy({
      queueArn: "${aws_sqs_queue.q.arn}",
      streamArn: "${aws_dynamodb_table.t.stream_arn}",
      functionArn: "${aws_lambda_function.f.arn}",
    });
    expect(withTokens.Statement.map((s) => s.Resource)).toEqual([
      "${aws_sqs_queue.q.arn}",
      "${aws_dynamodb_table.t.stream_arn}",
      "${aws_lambda_function.f.arn}",
    ]);
  });
});

describe("the redrive operator's policy for a stack parking in S3, evaluated by an IAM simulator", () => {
  const BUCKET = "arn:aws:s3:::books-dev-stream-handler-failures-123456789012";
  const bucketPolicy = redriveOperatorPolicy({
    bucketArn: BUCKET,
    streamArn: STREAM("books-dev"),
    functionArn: FUNCTION("books-dev-stream-handler"),
  });
  const decideS3 = (action: string, resource: string) => decide(action, resource, bucketPolicy);

  test.each([
    ["s3:ListBucket", BUCKET],
    ["s3:GetObject", `${BUCKET}/aws/lambda/uuid/shard/2026/11/24/object`],
    ["s3:DeleteObject", `${BUCKET}/aws/lambda/uuid/shard/2026/11/24/object`],
  ])("allows %s on %s", async (action, resource) => {
    expect(await decideS3(action, resource)).toBe("Allowed");
  });

  test.each([
    ["s3:PutObject", `${BUCKET}/aws/lambda/uuid/shard/2026/11/24/object`],
    ["s3:DeleteBucket", BUCKET],
    ["s3:GetObject", "arn:aws:s3:::another-bucket/object"],
    ["sqs:ReceiveMessage", QUEUE("books-dev-stream-handler-failures")],
  ])("denies %s on %s", async (action, resource) => {
    expect(await decideS3(action, resource)).toBe("ImplicitlyDenied");
  });
});
