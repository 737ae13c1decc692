import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { only, ref, synthesize } from "../support/stack";

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Principal?: unknown;
  Condition?: unknown;
  NotAction?: unknown;
  NotResource?: unknown;
}

describe("the function's role", () => {
  const { synth, json } = synthesize();
  const role = only(json, "aws_iam_role");
  const policy = only(json, "aws_iam_role_policy");
  const table = only(json, "aws_dynamodb_table");
  const logGroup = only(json, "aws_cloudwatch_log_group");
  const statements = (JSON.parse(policy.body.policy).Statement as Statement[]).map((s) => ({
    ...s,
    Action: [s.Action].flat(),
    Resource: [s.Resource].flat(),
  }));

  test("can be assumed by the Lambda service and nothing else", () => {
    const trust = JSON.parse(role.body.assume_role_policy);
    expect(trust.Statement).toEqual([
      { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
  });

  test("is named after the function", () => {
    expect(synth).toHaveResourceWithProperties(IamRole, { name: "books-dev-stream-handler" });
  });

  test("has no managed policy attached and no other inline policy", () => {
    expect(json.resource.aws_iam_role_policy_attachment).toBeUndefined();
    expect(json.resource.aws_iam_role_policy_attachments_exclusive).toBeUndefined();
    expect(role.body.managed_policy_arns).toBeUndefined();
    expect(role.body.inline_policy).toBeUndefined();
    expect(Object.keys(json.resource.aws_iam_role_policy)).toHaveLength(1);
  });

  test("has its policy attached to this role", () => {
    expect(policy.body.role).toBe(ref(role.address, "id"));
  });

  test("allows exactly three statements, all Allow, with no conditions or negations", () => {
    expect(statements.map((s) => s.Sid)).toEqual(["ReadTableStream", "WriteOwnLogs", "SendFailuresToQueue"]);
    for (const s of statements) {
      expect(s.Effect).toBe("Allow");
      expect(s.Principal ?? s.Condition ?? s.NotAction ?? s.NotResource).toBeUndefined();
    }
  });

  test("lets the function read the stream: the four stream actions on the table's stream ARN only", () => {
    const read = statements.find((s) => s.Sid === "ReadTableStream")!;
    expect([...read.Action].sort()).toEqual([
      "dynamodb:DescribeStream",
      "dynamodb:GetRecords",
      "dynamodb:GetShardIterator",
      "dynamodb:ListStreams",
    ]);
    expect(read.Resource).toEqual([ref(table.address, "stream_arn")]);
  });

  test("lets the function write its own log group's streams and nothing else", () => {
    const logs = statements.find((s) => s.Sid === "WriteOwnLogs")!;
    expect([...logs.Action].sort()).toEqual(["logs:CreateLogStream", "logs:PutLogEvents"]);
    expect(logs.Resource).toEqual([`${ref(logGroup.address, "arn")}:*`]);
  });

  test("lets the function send to its own failure queue only", () => {
    const send = statements.find((s) => s.Sid === "SendFailuresToQueue")!;
    expect(send.Action).toEqual(["sqs:SendMessage"]);
    expect(send.Resource).toEqual([ref(only(json, "aws_sqs_queue").address, "arn")]);
  });

  test("grants no wildcard action, and no resource but this stack's own", () => {
    const own = [ref(table.address, "stream_arn"), ref(only(json, "aws_sqs_queue").address, "arn")];
    // The log group's streams are the one suffix: PutLogEvents is authorized against a log-stream ARN.
    const logStreams = `${ref(logGroup.address, "arn")}:*`;
    for (const s of statements) {
      for (const action of s.Action) expect(action).not.toMatch(/\*/);
      for (const resource of s.Resource) expect([...own, logStreams]).toContain(resource);
    }
  });
});
