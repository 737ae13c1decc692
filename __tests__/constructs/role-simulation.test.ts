// The role's policy, taken from the synthesized JSON with its references filled in as AWS would,
// evaluated by an IAM policy simulator.
import { ACCOUNT, BUCKET, LOG_GROUP, QUEUE, REGION, STREAM, decide as simulate } from "../support/iam-simulator";
import { devEnvironment, only, ref, synthesize, type TerraformJson } from "../support/stack";

const { json } = synthesize();
const table = only(json, "aws_dynamodb_table");
const queue = only(json, "aws_sqs_queue");
const logGroup = only(json, "aws_cloudwatch_log_group");
const tableName: string = table.body.name;
const queueName: string = queue.body.name;
const logGroupName: string = logGroup.body.name;

// The values Terraform puts in place of each reference at apply time.
const resolved: Record<string, string> = {
  [ref(table.address, "stream_arn")]: STREAM(tableName),
  [ref(queue.address, "arn")]: QUEUE(queueName),
  [ref(logGroup.address, "arn")]: LOG_GROUP(logGroupName),
};
/** The stack's role policy as AWS would hold it: references filled in, Terraform's `$${` escape undone. */
function policyOf(stack: TerraformJson, values: Record<string, string>): string {
  return Object.entries(values)
    .reduce(
      (text, [reference, value]) => text.split(reference).join(value),
      only(stack, "aws_iam_role_policy").body.policy as string,
    )
    .split("$${")
    .join("${");
}
const policyText = policyOf(json, resolved);

const ROLE = `arn:aws:sts::${ACCOUNT}:assumed-role/books-dev-stream-handler/books-dev-stream-handler`;

function decide(
  action: string,
  resource: string,
  policy = policyText,
  resourceAccount = ACCOUNT,
  resourcePolicy?: unknown,
): Promise<string> {
  return simulate(JSON.parse(policy), { action, resource, principal: ROLE, resourceAccount, resourcePolicy });
}

/** What a bucket of ours, deleted and its name taken by another account, could say: anyone may write. */
const OPEN_TO_ALL = (bucketArn: string) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: "*",
      Action: ["s3:PutObject", "s3:ListBucket"],
      Resource: [bucketArn, `${bucketArn}/*`],
    },
  ],
});

describe("the role's policy, evaluated by an IAM simulator", () => {
  test("has every reference resolved", () => {
    expect(policyText).not.toContain("${");
  });

  test("grants nothing on S3 while failures go to a queue", async () => {
    expect(await decide("s3:PutObject", `${BUCKET("books-dev-stream-handler-failures-123456789012")}/x`)).toBe(
      "ImplicitlyDenied",
    );
  });

  test.each([
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
  ])("allows %s on this table's stream", async (action) => {
    expect(await decide(action, STREAM(tableName))).toBe("Allowed");
  });

  test.each([
    "dynamodb:DescribeStream",
    "dynamodb:GetRecords",
    "dynamodb:GetShardIterator",
  ])("denies %s on another table's stream", async (action) => {
    expect(await decide(action, STREAM("UsersPost-dev"))).toBe("ImplicitlyDenied");
  });

  test("grants ListStreams nothing beyond the stream, since IAM only matches that action against *", async () => {
    expect(await decide("dynamodb:ListStreams", "*")).toBe("ImplicitlyDenied");
  });

  test.each([
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:Scan",
  ])("denies %s on the table", async (action) => {
    expect(await decide(action, `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${tableName}`)).toBe("ImplicitlyDenied");
  });

  test("allows sending to the failure queue", async () => {
    expect(await decide("sqs:SendMessage", QUEUE(queueName))).toBe("Allowed");
  });

  test("denies sending to another queue", async () => {
    expect(await decide("sqs:SendMessage", QUEUE("someone-elses-queue"))).toBe("ImplicitlyDenied");
  });

  test("denies reading from or purging the failure queue", async () => {
    expect(await decide("sqs:ReceiveMessage", QUEUE(queueName))).toBe("ImplicitlyDenied");
    expect(await decide("sqs:PurgeQueue", QUEUE(queueName))).toBe("ImplicitlyDenied");
  });

  test("allows creating and writing log streams in its own log group", async () => {
    const stream = `${LOG_GROUP(logGroupName)}:log-stream:2026/11/24/[$LATEST]abc`;
    expect(await decide("logs:CreateLogStream", stream)).toBe("Allowed");
    expect(await decide("logs:PutLogEvents", stream)).toBe("Allowed");
  });

  test("denies writing to another function's log group", async () => {
    expect(await decide("logs:PutLogEvents", `${LOG_GROUP("/aws/lambda/other")}:log-stream:abc`)).toBe(
      "ImplicitlyDenied",
    );
  });
});

describe("the role's policy with failures going to S3, evaluated by an IAM simulator", () => {
  const { json: s3 } = synthesize(devEnvironment({}, { failureDestination: "s3" }));
  const bucket = only(s3, "aws_s3_bucket");
  const bucketName = `books-dev-stream-handler-failures-${ACCOUNT}`;
  const policy = policyOf(s3, {
    [ref(only(s3, "aws_dynamodb_table").address, "stream_arn")]: STREAM(tableName),
    [ref(only(s3, "aws_cloudwatch_log_group").address, "arn")]: LOG_GROUP(logGroupName),
    [ref(bucket.address, "arn")]: BUCKET(bucketName),
  });
  const object = `${BUCKET(bucketName)}/aws/lambda/uuid/shardId-1/2026/11/24/2026-11-24T00.00.00-abc`;

  test("has every Terraform reference resolved, leaving only IAM's own policy variables", () => {
    expect(policy.replace(/\$\{aws:PrincipalAccount\}/g, "")).not.toContain("${");
  });

  test("allows writing records into its bucket, where Lambda puts them", async () => {
    expect(await decide("s3:PutObject", object, policy)).toBe("Allowed");
  });

  test("allows listing its bucket, which Lambda's delivery needs", async () => {
    expect(await decide("s3:ListBucket", BUCKET(bucketName), policy)).toBe("Allowed");
  });

  // Without the s3:ResourceAccount condition, the other account's bucket policy alone would let records in.
  test("denies writing into its bucket's name when another account owns it and lets anyone write", async () => {
    const open = OPEN_TO_ALL(BUCKET(bucketName));
    expect(await decide("s3:PutObject", object, policy, "210987654321", open)).toBe("ImplicitlyDenied");
  });

  test("denies listing its bucket's name when another account owns it and lets anyone list", async () => {
    const open = OPEN_TO_ALL(BUCKET(bucketName));
    expect(await decide("s3:ListBucket", BUCKET(bucketName), policy, "210987654321", open)).toBe("ImplicitlyDenied");
  });

  test("would be let in by such a bucket's policy were the condition missing, so the test above means something", async () => {
    const unconditioned = JSON.stringify({
      ...JSON.parse(policy),
      Statement: JSON.parse(policy).Statement.map(({ Condition, ...statement }: Record<string, unknown>) => statement),
    });
    const open = OPEN_TO_ALL(BUCKET(bucketName));
    expect(await decide("s3:PutObject", object, unconditioned, "210987654321", open)).toBe("Allowed");
  });

  test("denies writing into another bucket", async () => {
    expect(await decide("s3:PutObject", `${BUCKET("someone-elses-bucket")}/x`, policy)).toBe("ImplicitlyDenied");
  });

  test.each(["s3:GetObject", "s3:DeleteObject", "s3:PutObjectAcl"])("denies %s on its records", async (action) => {
    expect(await decide(action, object, policy)).toBe("ImplicitlyDenied");
  });

  test.each([
    "s3:DeleteBucket",
    "s3:PutBucketPolicy",
    "s3:DeleteBucketPolicy",
    "s3:PutLifecycleConfiguration",
    "s3:PutBucketVersioning",
    "s3:PutBucketPublicAccessBlock",
    "s3:ListBucketVersions",
  ])("denies %s on its bucket: listing is all it may do there", async (action) => {
    expect(await decide(action, BUCKET(bucketName), policy)).toBe("ImplicitlyDenied");
  });

  test("grants nothing on SQS", async () => {
    expect(await decide("sqs:SendMessage", QUEUE("books-dev-stream-handler-failures"), policy)).toBe(
      "ImplicitlyDenied",
    );
  });

  test("still reads its stream and writes its logs", async () => {
    expect(await decide("dynamodb:GetRecords", STREAM(tableName), policy)).toBe("Allowed");
    expect(await decide("logs:PutLogEvents", `${LOG_GROUP(logGroupName)}:log-stream:abc`, policy)).toBe("Allowed");
  });
});
