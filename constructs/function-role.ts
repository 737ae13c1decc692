// The Lambda function's execution role: a plain container of statements. Each resource grants what
// the function needs of it (table.grantStreamRead, logGroup.grantWrite, queue.grantSend,
// bucket.grantPut), as AWS CDK does.
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Lazy } from "cdktf";
import { Construct } from "constructs";

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  /** IAM condition operators to keys to values, such as `{ StringEquals: { "s3:ResourceAccount": "…" } }`. */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface FunctionRoleProps {
  /** The function that assumes it; the role is named after it (1–64 characters). */
  readonly functionName: string;
}

export const LAMBDA_ASSUME_ROLE_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
} as const;

/** A role only Lambda can assume, with one inline policy holding every granted statement. */
export class FunctionRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;
  private readonly statements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: FunctionRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", {
      name: props.functionName,
      assumeRolePolicy: JSON.stringify(LAMBDA_ASSUME_ROLE_POLICY),
    });
    this.policy = new IamRolePolicy(this, "policy", {
      name: "least-privilege",
      role: this.role.id,
      // Rendered at synth time so statements granted after construction are included.
      policy: Lazy.stringValue({ produce: () => this.policyDocument() }),
    });
  }

  addStatement(statement: PolicyStatement): void {
    if (this.statements.some((s) => s.Sid === statement.Sid)) {
      throw new Error(`${this.node.path}: a statement ${statement.Sid} was granted already`);
    }
    this.statements.push(statement);
  }

  get arn(): string {
    return this.role.arn;
  }

  private policyDocument(): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: this.statements });
  }
}
