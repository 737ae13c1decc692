// The construct users instantiate: a table with its stream, the function it triggers, and the wiring.
// It takes a trigger's settings as written and resolves them itself, through the resolver the config
// uses (settings/resolve-trigger.ts), so a construct used on its own accepts exactly what config does.
import { Construct } from "constructs";
import { idempotencyEnvironment } from "../settings/handler-environment";
import { failureQueueName } from "../settings/physical-names";
import { resolveTriggerSettings } from "../settings/resolve-trigger";
import {
  idempotencyTtlSeconds,
  type ResolvedTriggerSettings,
  type TriggerSettings,
} from "../settings/trigger-settings";
import { ExistingTable } from "./existing-table";
import { FailureBucket } from "./failure-bucket";
import { FailureQueue } from "./failure-queue";
import { FunctionLogGroup } from "./function-log-group";
import { FunctionRole } from "./function-role";
import { checkHandlerGlue } from "./handler-glue";
import { IdempotencyTable } from "./idempotency-table";
import { LogQueries } from "./log-queries";
import { StreamFunction } from "./stream-function";
import { StreamMapping } from "./stream-mapping";
import { StreamTable } from "./stream-table";
import { TriggerAlarms } from "./trigger-alarms";
import type { DashboardSection } from "./trigger-dashboard";
import { triggerMetrics } from "./trigger-metrics";

/** What one reader of the stream is made of: its own function, role, logs, mapping, failure destination and alarms. */
export interface StreamConsumer {
  /** The consumer's name; undefined for the trigger's own (first) consumer. */
  readonly name?: string;
  readonly settings: ResolvedTriggerSettings;
  readonly logGroup: FunctionLogGroup;
  readonly role: FunctionRole;
  readonly function: StreamFunction;
  readonly mapping: StreamMapping;
  /** Where exhausted batches go: exactly one of these, as failureDestination says. */
  readonly failureQueue?: FailureQueue;
  readonly failureBucket?: FailureBucket;
  readonly alarms: TriggerAlarms;
  /** With idempotency only. */
  readonly idempotencyTable?: IdempotencyTable;
  readonly logQueries: LogQueries;
}

/** Builds one consumer's resources in `scope`: the trigger itself for its first, so those keep their addresses. */
function buildConsumer(
  scope: Construct,
  s: ResolvedTriggerSettings,
  table: StreamTable | ExistingTable,
  name?: string,
): StreamConsumer {
  const logGroup = new FunctionLogGroup(scope, "log-group", s);
  const role = new FunctionRole(scope, "role", s);
  table.grantStreamRead(role);
  logGroup.grantWrite(role);
  let failureDestinationArn: string;
  let failureBucket: FailureBucket | undefined;
  let failureQueue: FailureQueue | undefined;
  if (s.failureDestination === "s3") {
    failureBucket = new FailureBucket(scope, "failure-bucket", s);
    failureBucket.grantPut(role);
    failureDestinationArn = failureBucket.arn;
  } else {
    failureQueue = new FailureQueue(scope, "failure-queue", { queueName: failureQueueName(s.functionName) });
    failureQueue.grantSend(role);
    failureDestinationArn = failureQueue.arn;
  }

  const idempotencyTtl = idempotencyTtlSeconds(s);
  checkHandlerGlue(s);
  let idempotencyTable: IdempotencyTable | undefined;
  if (idempotencyTtl !== undefined) {
    idempotencyTable = new IdempotencyTable(scope, "idempotency", s);
    idempotencyTable.grantIdempotency(role);
  }
  const fn = new StreamFunction(scope, "function", {
    functionName: s.functionName,
    handlerEntry: s.handlerEntry,
    roleArn: role.arn,
    logGroup: logGroup.logGroup,
    memorySize: s.memorySize,
    timeoutSeconds: s.timeoutSeconds,
    logLevel: s.logLevel,
    runtime: s.runtime,
    templateVariables: idempotencyTable && idempotencyEnvironment(idempotencyTable.name, idempotencyTtl as number),
    handlerEnvironment: s.handlerEnvironment,
    reservedConcurrency: s.reservedConcurrency,
    tracing: s.tracing,
    architecture: s.architecture,
  });
  fn.grantTracing(role);
  const mapping = new StreamMapping(scope, "mapping", {
    ...s,
    streamArn: table.streamArn,
    functionArn: fn.function.arn,
    failureDestinationArn,
    dependsOn: [role.policy],
  });
  const alarms = new TriggerAlarms(scope, "alarms", {
    ...s,
    mappingUuid: mapping.uuid,
    failureQueueName: failureQueue?.name,
    hasFilters: s.filterPatterns.length > 0,
    consumer: name,
  });
  const logQueries = new LogQueries(scope, "log-queries", { ...s, logGroupName: logGroup.name });
  return {
    name,
    settings: s,
    logGroup,
    role,
    function: fn,
    mapping,
    failureQueue,
    failureBucket,
    alarms,
    idempotencyTable,
    logQueries,
  };
}

/** A consumer's part of its stack's dashboard (trigger-dashboard.ts). */
export function dashboardSection(consumer: StreamConsumer): DashboardSection {
  const s = consumer.settings;
  return {
    functionName: s.functionName,
    tableName: s.tableName,
    mappingMetrics: s.mappingMetrics,
    metrics: triggerMetrics({
      functionName: s.functionName,
      mappingUuid: consumer.mapping.uuid,
      failureQueueName: consumer.failureQueue?.name,
      failureBucketName: consumer.failureBucket?.name,
    }),
    alarmArns: [...consumer.alarms.alarms.values()].map((alarm) => alarm.arn),
  };
}

export class StreamTrigger extends Construct {
  readonly settings: ResolvedTriggerSettings;
  /** The table whose stream the trigger reads: made or adopted by this stack, or an existing one it only reads. */
  readonly table: StreamTable | ExistingTable;
  /** The first consumer's resources (the trigger's own fields), at the paths they have always had. */
  readonly logGroup: FunctionLogGroup;
  readonly role: FunctionRole;
  readonly function: StreamFunction;
  readonly mapping: StreamMapping;
  readonly failureQueue?: FailureQueue;
  readonly failureBucket?: FailureBucket;
  readonly alarms: TriggerAlarms;
  /** With idempotency only. */
  readonly idempotencyTable?: IdempotencyTable;
  readonly logQueries: LogQueries;
  /** Every reader of the stream: the trigger's own first, then each of `consumers`, each in a scope of its name. */
  readonly consumers: readonly StreamConsumer[];

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

    this.table =
      s.tableSource === "existing"
        ? new ExistingTable(this, "table", s)
        : new StreamTable(this, "table", { ...s, adopt: s.tableSource === "adopt" });
    const first = buildConsumer(this, s, this.table);
    this.logGroup = first.logGroup;
    this.role = first.role;
    this.function = first.function;
    this.mapping = first.mapping;
    this.failureQueue = first.failureQueue;
    this.failureBucket = first.failureBucket;
    this.alarms = first.alarms;
    this.idempotencyTable = first.idempotencyTable;
    this.logQueries = first.logQueries;
    this.consumers = [
      first,
      ...s.consumers.map((c) => buildConsumer(new Construct(this, `consumer-${c.name}`), c, this.table, c.name)),
    ];
  }

  /** The stack's dashboard: a section per reader of the stream, the trigger's own first. */
  dashboardSections(): DashboardSection[] {
    return this.consumers.map(dashboardSection);
  }
}
