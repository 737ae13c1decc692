// The construct users instantiate: a table with its stream, the function it triggers, and the wiring.
// It takes a trigger's settings as written and resolves them itself, through the resolver the config
// uses (settings/resolve-trigger.ts), so a construct used on its own accepts exactly what config does.
import { Construct } from "constructs";
import { failureQueueName } from "../settings/physical-names";
import { resolveTriggerSettings } from "../settings/resolve-trigger";
import type { ResolvedTriggerSettings, TriggerSettings } from "../settings/trigger-settings";
import { FailureBucket } from "./failure-bucket";
import { FailureQueue } from "./failure-queue";
import { FunctionLogGroup } from "./function-log-group";
import { FunctionRole } from "./function-role";
import { StreamFunction } from "./stream-function";
import { StreamMapping } from "./stream-mapping";
import { StreamTable } from "./stream-table";
import { TriggerAlarms } from "./trigger-alarms";

export class StreamTrigger extends Construct {
  readonly settings: ResolvedTriggerSettings;
  readonly table: StreamTable;
  readonly logGroup: FunctionLogGroup;
  readonly role: FunctionRole;
  readonly function: StreamFunction;
  readonly mapping: StreamMapping;
  /** Where exhausted batches go: exactly one of these, as failureDestination says. */
  readonly failureQueue?: FailureQueue;
  readonly failureBucket?: FailureBucket;
  readonly alarms: TriggerAlarms;

  /**
   * @param props the trigger's settings; each optional one says its default and range (TriggerSettings).
   * Invalid settings throw one ConfigError naming the construct's path and every invalid field, before
   * the construct is added to `scope`.
   */
  constructor(scope: Construct, id: string, props: TriggerSettings) {
    const s = resolveTriggerSettings(props, scope.node.path ? `${scope.node.path}/${id}` : id);
    super(scope, id);
    /** Every field with its default filled in. */
    this.settings = s;

    this.table = new StreamTable(this, "table", s);
    this.logGroup = new FunctionLogGroup(this, "log-group", s);
    this.role = new FunctionRole(this, "role", s);
    this.table.grantStreamRead(this.role);
    this.logGroup.grantWrite(this.role);
    let failureDestinationArn: string;
    if (s.failureDestination === "s3") {
      this.failureBucket = new FailureBucket(this, "failure-bucket", s);
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
    });
  }
}
