// The construct users instantiate: a table with its stream, the function it triggers, and the wiring.
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaEventSourceMapping } from "@cdktf/provider-aws/lib/lambda-event-source-mapping";
import { Construct } from "constructs";
import { Checker } from "./checks";
import { FailureQueue } from "./failure-queue";
import { FunctionRole } from "./function-role";
import { StreamFunction } from "./stream-function";
import { StreamTable } from "./stream-table";
import { TriggerAlarms } from "./trigger-alarms";
import { type ResolvedTriggerSettings, resolveTriggerSettings, type TriggerSettings } from "./trigger-settings";

export type StreamTriggerProps = TriggerSettings;

export class StreamTrigger extends Construct {
  readonly settings: ResolvedTriggerSettings;
  readonly table: StreamTable;
  readonly logGroup: CloudwatchLogGroup;
  readonly role: FunctionRole;
  readonly function: StreamFunction;
  readonly mapping: LambdaEventSourceMapping;
  readonly failureQueue: FailureQueue;
  readonly alarms: TriggerAlarms;

  constructor(scope: Construct, id: string, props: StreamTriggerProps) {
    super(scope, id);
    // Validate before creating anything, naming this construct's path, as aws-lambda-event-sources does.
    const check = new Checker(this.node.path, ": ");
    const s = resolveTriggerSettings(props, check);
    check.throwIfAny();
    this.settings = s;

    this.table = new StreamTable(this, "table", s);
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/lambda/${s.functionName}`,
      retentionInDays: s.logRetentionDays,
    });
    this.role = new FunctionRole(this, "role", {
      roleName: s.functionName,
      streamArn: this.table.streamArn,
      logGroupArn: this.logGroup.arn,
    });
    this.failureQueue = new FailureQueue(this, "failure-queue", { queueName: `${s.functionName}-failures` });
    this.role.addStatement({
      Sid: "SendFailuresToQueue",
      Effect: "Allow",
      Action: ["sqs:SendMessage"],
      Resource: this.failureQueue.arn,
    });
    this.function = new StreamFunction(this, "function", {
      functionName: s.functionName,
      handlerEntry: s.handlerEntry,
      roleArn: this.role.arn,
      logGroup: this.logGroup,
      memorySize: s.memorySize,
      timeout: s.timeout,
      logLevel: s.logLevel,
    });
    this.mapping = new LambdaEventSourceMapping(this, "mapping", {
      eventSourceArn: this.table.streamArn,
      functionName: this.function.function.arn,
      startingPosition: s.startingPosition,
      batchSize: s.batchSize,
      maximumBatchingWindowInSeconds: s.batchingWindowSeconds,
      enabled: s.enabled,
      parallelizationFactor: s.parallelizationFactor,
      // The handler answers which records failed and Lambda retries from the earliest of them; a batch
      // that errors as a whole is split in two, so a poison record ends up retried and parked alone.
      functionResponseTypes: ["ReportBatchItemFailures"],
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: s.maximumRetryAttempts,
      maximumRecordAgeInSeconds: s.maximumRecordAgeSeconds,
      destinationConfig: { onFailure: { destinationArn: this.failureQueue.arn } },
      filterCriteria:
        s.filterPatterns.length > 0 ? { filter: s.filterPatterns.map((pattern) => ({ pattern })) } : undefined,
      // AWS checks the role can read the stream when the mapping is created: the policy must exist first.
      dependsOn: [this.role.policy],
    });
    this.alarms = new TriggerAlarms(this, "alarms", {
      functionName: s.functionName,
      failureQueueName: this.failureQueue.name,
      iteratorAgeSeconds: s.iteratorAgeAlarmSeconds,
      topic: s.alarmTopic,
    });
  }
}
