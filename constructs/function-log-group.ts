// The function's log group, declared so its retention is ours: left to Lambda, it would be created
// on first run with logs kept forever, and outside Terraform's state.
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";
import { logGroupName } from "../settings/physical-names";
import type { FunctionRole } from "./function-role";

export const LOG_WRITE_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents"] as const;

export interface FunctionLogGroupProps {
  /** The function whose logs it holds; the group is `/aws/lambda/<functionName>`. */
  readonly functionName: string;
  /** Retention in days; one of LOG_RETENTION_DAYS (0 = never expire). */
  readonly logRetentionDays: number;
}

export class FunctionLogGroup extends Construct {
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: FunctionLogGroupProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: logGroupName(props.functionName),
      retentionInDays: props.logRetentionDays,
    });
  }

  get name(): string {
    return this.logGroup.name;
  }

  /** Lets `role` write log events into this group's streams only. */
  grantWrite(role: FunctionRole): void {
    role.addStatement({
      Sid: "WriteOwnLogs",
      Effect: "Allow",
      Action: [...LOG_WRITE_ACTIONS],
      // Log streams live under the group's ARN; `:*` is how Lambda's own generated roles scope them.
      Resource: `${this.logGroup.arn}:*`,
    });
  }
}
