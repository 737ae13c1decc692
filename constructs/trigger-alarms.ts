// The alarms that tell a team a trigger is falling behind, failing, parking, dropping or filtering out
// every record. Their metrics come from trigger-metrics.ts, which the dashboard draws from too.
import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmConfig,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Construct } from "constructs";
import { type AlarmKind, alarmName, alarmTopicName } from "../settings/physical-names";
import { alarmDescription, type DescriptionSettings } from "./alarm-descriptions";
import { type MetricSource, triggerMetrics } from "./trigger-metrics";

export interface TriggerAlarmsProps extends DescriptionSettings {
  /** The function's name, the Lambda metrics' dimension and the alarms' name prefix. */
  readonly functionName: string;
  /** The mapping's UUID, the dimension of its metrics. */
  readonly mappingUuid: string;
  /** The failure queue's name, the SQS metric's dimension; only with failureDestination "sqs". */
  readonly failureQueueName?: string;
  /** Whether the mapping publishes its EventCount metrics; without them its four alarms are not made. */
  readonly mappingMetrics: boolean;
  /** Whether the mapping has filter patterns; without any the all-filtered-out alarm is not made. */
  readonly hasFilters: boolean;
  /** "none", "create" or an existing SNS topic ARN. */
  readonly alarmTopic: string;
}

type AlarmSettings = Omit<CloudwatchMetricAlarmConfig, "alarmName" | "alarmDescription">;

export class TriggerAlarms extends Construct {
  /** Every alarm made, by kind. */
  readonly alarms = new Map<AlarmKind, CloudwatchMetricAlarm>();
  readonly topic?: SnsTopic;

  constructor(scope: Construct, id: string, props: TriggerAlarmsProps) {
    super(scope, id);
    if (props.alarmTopic === "create") {
      this.topic = new SnsTopic(this, "topic", {
        name: alarmTopicName(props.functionName),
        kmsMasterKeyId: "alias/aws/sns",
      });
    }
    const topicArn = this.topic ? this.topic.arn : props.alarmTopic === "none" ? undefined : props.alarmTopic;
    const actions = topicArn ? { alarmActions: [topicArn], okActions: [topicArn] } : {};
    // An idle table sends no metrics: missing data is fine, not a breach.
    const base = { treatMissingData: "notBreaching", ...actions };
    const add = (kind: AlarmKind, settings: AlarmSettings) => {
      const alarm = new CloudwatchMetricAlarm(this, kind, {
        alarmName: alarmName(props.functionName, kind),
        alarmDescription: alarmDescription(kind, props),
        ...base,
        ...settings,
      });
      this.alarms.set(kind, alarm);
    };
    const metrics = triggerMetrics(props);
    /** Any datapoint above zero in a minute. */
    const anyIn = (metric: MetricSource) => ({
      ...metric,
      statistic: "Sum",
      period: 60,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
    });

    add("iterator-age", {
      ...metrics.iteratorAge,
      statistic: "Maximum",
      period: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      comparisonOperator: "GreaterThanThreshold",
      threshold: props.iteratorAgeAlarmSeconds * 1000, // the metric is in milliseconds
    });
    // Blind to records the handler reports failed (it never throws for them): failed-records sees those.
    add("errors", anyIn(metrics.errors));
    add("delivery-failures", anyIn(metrics.deliveryFailures));
    if (metrics.queueDepth) add("parked-records", { ...anyIn(metrics.queueDepth), statistic: "Maximum" });
    if (!props.mappingMetrics) return;
    if (props.failureDestination === "s3") add("parked-records", anyIn(metrics.deliveredToDestination));
    // With a destination set, only records it could not take are counted as dropped.
    add("dropped-records", anyIn(metrics.dropped));
    add("failed-records", {
      ...anyIn(metrics.failedInvoke),
      period: props.failedRecordsAlarmMinutes * 60,
      threshold: props.failedRecordsAlarmThreshold,
    });
    if (props.allFilteredOutAlarmMinutes > 0 && props.hasFilters) {
      add(
        "all-filtered-out",
        allFilteredOut(metrics.polled, metrics.filteredOut, props.allFilteredOutAlarmMinutes * 60),
      );
    }
  }
}

/**
 * Over one window: records were read, and the filters dropped every one of them. An idle stream polls
 * zero records and does not count; a minute without filtered-out data counts as none filtered out.
 */
function allFilteredOut(polled: MetricSource, filteredOut: MetricSource, period: number): AlarmSettings {
  const metric = (id: string, source: MetricSource) => ({
    id,
    returnData: false,
    metric: { ...source, period, stat: "Sum" },
  });
  return {
    metricQuery: [
      metric("polled", polled),
      metric("filtered", filteredOut),
      {
        id: "all_filtered_out",
        label: "Every polled record filtered out",
        expression: "IF(polled > 0 AND FILL(filtered, 0) >= polled, 1, 0)",
        returnData: true,
      },
    ],
    evaluationPeriods: 1,
    comparisonOperator: "GreaterThanOrEqualToThreshold",
    threshold: 1,
  };
}
