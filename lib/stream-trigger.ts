// The construct users instantiate: a table with its stream, the function it triggers, and the wiring.
// It takes settings already resolved (resolveConfig, or completeTriggerSettings for use on its own):
// defaults are applied in one place, trigger-settings.ts.
import { Construct } from "constructs";
import { FailureQueue } from "./failure-queue";
import { FunctionLogGroup } from "./function-log-group";
import { FunctionRole } from "./function-role";
import { failureQueueName } from "./physical-names";
import { StreamFunction } from "./stream-function";
import { StreamMapping } from "./stream-mapping";
import { StreamTable } from "./stream-table";
import { TriggerAlarms } from "./trigger-alarms";
import type { ResolvedTriggerSettings } from "./trigger-settings";

/** Every field of TriggerSettings, with its default filled in: see trigger-settings.ts for each range. */
export type StreamTriggerProps = ResolvedTriggerSettings;

export class StreamTrigger extends Construct {
  readonly settings: ResolvedTriggerSettings;
  readonly table: StreamTable;
  readonly logGroup: FunctionLogGroup;
  readonly role: FunctionRole;
  readonly function: StreamFunction;
  readonly mapping: StreamMapping;
  readonly failureQueue: FailureQueue;
  readonly alarms: TriggerAlarms;

  constructor(scope: Construct, id: string, props: StreamTriggerProps) {
    super(scope, id);
    const s = props;
    this.settings = s;

    this.table = new StreamTable(this, "table", s);
    this.logGroup = new FunctionLogGroup(this, "log-group", {
      functionName: s.functionName,
      retentionDays: s.logRetentionDays,
    });
    this.failureQueue = new FailureQueue(this, "failure-queue", { queueName: failureQueueName(s.functionName) });
    this.role = new FunctionRole(this, "role", { roleName: s.functionName });
    this.table.grantStreamRead(this.role);
    this.logGroup.grantWrite(this.role);
    this.failureQueue.grantSend(this.role);

    this.function = new StreamFunction(this, "function", {
      functionName: s.functionName,
      handlerEntry: s.handlerEntry,
      roleArn: this.role.arn,
      logGroup: this.logGroup.logGroup,
      memorySize: s.memorySize,
      timeoutSeconds: s.timeoutSeconds,
      logLevel: s.logLevel,
    });
    this.mapping = new StreamMapping(this, "mapping", {
      ...s,
      streamArn: this.table.streamArn,
      functionArn: this.function.function.arn,
      failureDestinationArn: this.failureQueue.arn,
      dependsOn: [this.role.policy],
    });
    this.alarms = new TriggerAlarms(this, "alarms", {
      functionName: s.functionName,
      failureQueueName: this.failureQueue.name,
      iteratorAgeAlarmSeconds: s.iteratorAgeAlarmSeconds,
      topic: s.alarmTopic,
    });
  }
}
