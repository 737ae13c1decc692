// The alarms that tell a team a trigger is falling behind, failing, or parking records.
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Construct } from "constructs";
import { alarmName, alarmTopicName } from "./physical-names";

export interface TriggerAlarmsProps {
  /** The function's name, the Lambda metrics' dimension and the alarms' name prefix. */
  readonly functionName: string;
  /** The failure queue's name, the SQS metric's dimension. */
  readonly failureQueueName: string;
  /** IteratorAge threshold in seconds; 1–86,400. */
  readonly iteratorAgeAlarmSeconds: number;
  /** "none", "create" or an existing SNS topic ARN. */
  readonly topic: string;
}

export class TriggerAlarms extends Construct {
  readonly iteratorAge: CloudwatchMetricAlarm;
  readonly errors: CloudwatchMetricAlarm;
  readonly parkedRecords: CloudwatchMetricAlarm;
  readonly topic?: SnsTopic;

  constructor(scope: Construct, id: string, props: TriggerAlarmsProps) {
    super(scope, id);
    if (props.topic === "create") {
      this.topic = new SnsTopic(this, "topic", {
        name: alarmTopicName(props.functionName),
        kmsMasterKeyId: "alias/aws/sns",
      });
    }
    const topicArn = props.topic === "create" ? this.topic!.arn : props.topic === "none" ? undefined : props.topic;
    const actions = topicArn ? { alarmActions: [topicArn], okActions: [topicArn] } : {};
    const lambda = { namespace: "AWS/Lambda", dimensions: { FunctionName: props.functionName } };
    // An idle table sends no metrics: missing data is fine, not a breach.
    const alarm = {
      period: 60,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
      ...actions,
    };
    const anyAtAll = { ...alarm, evaluationPeriods: 1, threshold: 0 };

    this.iteratorAge = new CloudwatchMetricAlarm(this, "iterator-age", {
      alarmName: alarmName(props.functionName, "iterator-age"),
      alarmDescription: `The oldest unprocessed stream record is over ${props.iteratorAgeAlarmSeconds} s old: the trigger is falling behind or blocked.`,
      ...lambda,
      metricName: "IteratorAge",
      statistic: "Maximum",
      ...alarm,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      threshold: props.iteratorAgeAlarmSeconds * 1000, // the metric is in milliseconds
    });
    this.errors = new CloudwatchMetricAlarm(this, "errors", {
      alarmName: alarmName(props.functionName, "errors"),
      alarmDescription: "The function threw or timed out: the whole batch will be retried.",
      ...lambda,
      metricName: "Errors",
      statistic: "Sum",
      ...anyAtAll,
    });
    this.parkedRecords = new CloudwatchMetricAlarm(this, "parked-records", {
      alarmName: alarmName(props.functionName, "parked-records"),
      alarmDescription:
        "Records exhausted their retries and are parked in the failure queue: read them back from the stream within 24 h.",
      namespace: "AWS/SQS",
      dimensions: { QueueName: props.failureQueueName },
      metricName: "ApproximateNumberOfMessagesVisible",
      statistic: "Maximum",
      ...anyAtAll,
    });
  }
}
