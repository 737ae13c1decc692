// The Lambda function's execution role: what it may do, and nothing more.
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Lazy } from "cdktf";
import { Construct } from "constructs";

/** The stream actions Lambda's poller needs; AWS's AWSLambdaDynamoDBExecutionRole grants the same four. */
export const STREAM_READ_ACTIONS = [
  "dynamodb:DescribeStream",
  "dynamodb:GetRecords",
  "dynamodb:GetShardIterator",
  "dynamodb:ListStreams",
] as const;

export const LOG_WRITE_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents"] as const;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
}

export interface FunctionRoleProps {
  /** Role name; 1–64 characters; the function name is used. */
  readonly roleName: string;
  /** The table's stream ARN (a reference, never `*`). */
  readonly streamArn: string;
  /** The function's log group ARN, without the trailing `:*`. */
  readonly logGroupArn: string;
}

export const LAMBDA_ASSUME_ROLE_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
} as const;

/** A role only Lambda can assume, with one inline policy; statements are added by the constructs that need them. */
export class FunctionRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  private readonly statements: PolicyStatement[];

  constructor(scope: Construct, id: string, props: FunctionRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      assumeRolePolicy: JSON.stringify(LAMBDA_ASSUME_ROLE_POLICY),
    });
    this.statements = [
      { Sid: "ReadTableStream", Effect: "Allow", Action: [...STREAM_READ_ACTIONS], Resource: props.streamArn },
      // Log streams live under the group's ARN; `:*` is how Lambda's own generated roles scope them.
      { Sid: "WriteOwnLogs", Effect: "Allow", Action: [...LOG_WRITE_ACTIONS], Resource: `${props.logGroupArn}:*` },
    ];
    this.policy = new IamRolePolicy(this, "policy", {
      name: "least-privilege",
      role: this.role.id,
      // Rendered at synth time so statements added after construction are included.
      policy: Lazy.stringValue({ produce: () => this.policyDocument() }),
    });
  }

  addStatement(statement: PolicyStatement): void {
    this.statements.push(statement);
  }

  get arn(): string {
    return this.role.arn;
  }

  private policyDocument(): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: this.statements });
  }
}
