// The construct users instantiate: a table with its stream, the function it triggers, and the wiring.
// It takes settings already resolved (resolveConfig, or completeTriggerSettings for use on its own):
// defaults are applied in one place, trigger-settings.ts.
import { Construct } from "constructs";
import { failureQueueName } from "../settings/physical-names";
import type { ResolvedTriggerSettings } from "../settings/trigger-settings";
import { ExistingTable } from "./existing-table";
import { FailureBucket } from "./failure-bucket";
import { FailureQueue } from "./failure-queue";
import { FunctionLogGroup } from "./function-log-group";
import { FunctionRole } from "./function-role";
import { StreamFunction } from "./stream-function";
import { StreamMapping } from "./stream-mapping";
import { StreamTable } from "./stream-table";
import { TriggerAlarms } from "./trigger-alarms";

/** Every field of TriggerSettings, with its default filled in: see trigger-settings.ts for each range. */
export type StreamTriggerProps = ResolvedTriggerSettings;

export class StreamTrigger extends Construct {
  readonly settings: ResolvedTriggerSettings;
  /** The table whose stream the trigger reads: made or adopted by this stack, or an existing one it only reads. */
  readonly table: StreamTable | ExistingTable;
  readonly logGroup: FunctionLogGroup;
  readonly role: FunctionRole;
  readonly function: StreamFunction;
  readonly mapping: StreamMapping;
  /** Where exhausted batches go: exactly one of these, as failureDestination says. */
  readonly failureQueue?: FailureQueue;
  readonly failureBucket?: FailureBucket;
  readonly alarms: TriggerAlarms;

  constructor(scope: Construct, id: string, props: StreamTriggerProps) {
    super(scope, id);
    const s = props;
    this.settings = s;

    this.table =
      s.tableSource === "existing"
        ? new ExistingTable(this, "table", s)
        : new StreamTable(this, "table", { ...s, adopt: s.tableSource === "adopt" });
    this.logGroup = new FunctionLogGroup(this, "log-group", {
      functionName: s.functionName,
      retentionDays: s.logRetentionDays,
    });
    this.role = new FunctionRole(this, "role", { roleName: s.functionName });
    this.table.grantStreamRead(this.role);
    this.logGroup.grantWrite(this.role);
    let failureDestinationArn: string;
    if (s.failureDestination === "s3") {
      this.failureBucket = new FailureBucket(this, "failure-bucket", {
        functionName: s.functionName,
        retentionDays: s.failureRetentionDays,
      });
      this.failureBucket.grantPut(this.role);
      failureDestinationArn = this.failureBucket.arn;
    } else {
      this.failureQueue = new FailureQueue(this, "failure-queue", { queueName: failureQueueName(s.functionName) });
      this.failureQueue.grantSend(this.role);
      failureDestinationArn = this.failureQueue.arn;
    }

    this.function = new StreamFunction(this, "function", {
      functionName: s.functionName,
      handlerEntry: s.handlerEntry,
      roleArn: this.role.arn,
      logGroup: this.logGroup.logGroup,
      memorySize: s.memorySize,
      timeoutSeconds: s.timeoutSeconds,
      logLevel: s.logLevel,
      runtime: s.runtime,
    });
    this.mapping = new StreamMapping(this, "mapping", {
      ...s,
      streamArn: this.table.streamArn,
      functionArn: this.function.function.arn,
      failureDestinationArn,
      dependsOn: [this.role.policy],
    });
    this.alarms = new TriggerAlarms(this, "alarms", {
      ...s,
      mappingUuid: this.mapping.uuid,
      failureQueueName: this.failureQueue?.name,
      hasFilters: s.filterPatterns.length > 0,
      topic: s.alarmTopic,
    });
  }
}
