// The role's policy, taken from the synthesized JSON with its references filled in as AWS would,
// evaluated by an IAM policy simulator.
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { only, ref, synthesize } from "./support/stack";

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const STREAM = (table: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table}/stream/2026-11-24T00:00:00.000`;
const QUEUE = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
const LOG_GROUP = (name: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`;

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
const policyText = Object.entries(resolved).reduce(
  (text, [reference, value]) => text.split(reference).join(value),
  only(json, "aws_iam_role_policy").body.policy as string,
);

async function decide(action: string, resource: string): Promise<string> {
  const response = await runSimulation(
    {
      identityPolicies: [{ name: "least-privilege", policy: JSON.parse(policyText) }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action,
        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/books-dev-stream-handler/books-dev-stream-handler`,
        resource: { accountId: ACCOUNT, resource },
        contextVariables: {},
      },
    },
    {},
  );
  if (response.resultType === "error") return `error: ${JSON.stringify(response.errors)}`;
  return response.overallResult;
}

describe("the role's policy, evaluated by an IAM simulator", () => {
  test("has every reference resolved", () => {
    expect(policyText).not.toContain("${");
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
