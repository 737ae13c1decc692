// The alarms that tell a team a trigger is falling behind, failing, parking, dropping or filtering out
// every record. Dimensions are the ones AWS documents for each metric: FunctionName for the
// function's metrics, EventSourceMappingUUID for the mapping's (published only with mappingMetrics).
import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmConfig,
} from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Construct } from "constructs";
import { type AlarmKind, alarmName, alarmTopicName } from "../settings/physical-names";
import { alarmDescription, type DescriptionSettings } from "./alarm-descriptions";

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
    const fn = { namespace: "AWS/Lambda", dimensions: { FunctionName: props.functionName } };
    const mapping = { namespace: "AWS/Lambda", dimensions: { EventSourceMappingUUID: props.mappingUuid } };
    /** Any datapoint above zero in a minute. */
    const anyIn = (metric: { namespace: string; dimensions: Record<string, string> }, metricName: string) => ({
      ...metric,
      metricName,
      statistic: "Sum",
      period: 60,
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
    });

    add("iterator-age", {
      ...fn,
      metricName: "IteratorAge",
      statistic: "Maximum",
      period: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      comparisonOperator: "GreaterThanThreshold",
      threshold: props.iteratorAgeAlarmSeconds * 1000, // the metric is in milliseconds
    });
    // Blind to records the handler reports failed (it never throws for them): failed-records sees those.
    add("errors", anyIn(fn, "Errors"));
    // Lambda counts a destination it could not write to here, even with the mapping's metrics off.
    add("delivery-failures", anyIn(fn, "DestinationDeliveryFailures"));
    if (props.failureDestination === "sqs") {
      const queue = { namespace: "AWS/SQS", dimensions: { QueueName: props.failureQueueName ?? "" } };
      add("parked-records", { ...anyIn(queue, "ApproximateNumberOfMessagesVisible"), statistic: "Maximum" });
    }
    if (!props.mappingMetrics) return;
    // S3 has no per-object metric: the mapping counts what it delivered to the bucket.
    if (props.failureDestination === "s3")
      add("parked-records", anyIn(mapping, "OnFailureDestinationDeliveredEventCount"));
    // With a destination set, only records it could not take are counted as dropped.
    add("dropped-records", anyIn(mapping, "DroppedEventCount"));
    add("failed-records", {
      ...anyIn(mapping, "FailedInvokeEventCount"),
      period: props.failedRecordsAlarmMinutes * 60,
      threshold: props.failedRecordsAlarmThreshold,
    });
    if (props.allFilteredOutAlarmMinutes > 0 && props.hasFilters) {
      add("all-filtered-out", allFilteredOut(mapping, props.allFilteredOutAlarmMinutes * 60));
    }
  }
}

/**
 * Over one window: records were read, and the filters dropped every one of them. An idle stream polls
 * zero records and does not count; a minute without filtered-out data counts as none filtered out.
 */
function allFilteredOut(
  mapping: { namespace: string; dimensions: Record<string, string> },
  period: number,
): AlarmSettings {
  const metric = (id: string, metricName: string) => ({
    id,
    returnData: false,
    metric: { ...mapping, metricName, period, stat: "Sum" },
  });
  return {
    metricQuery: [
      metric("polled", "PolledEventCount"),
      metric("filtered", "FilteredOutEventCount"),
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
