import { devEnvironment, only, ref, synthesize } from "./support/stack";

type Alarm = Record<string, any>;

function alarms(json: ReturnType<typeof synthesize>["json"]): Record<string, Alarm> {
  const all = Object.values(json.resource.aws_cloudwatch_metric_alarm) as Alarm[];
  return Object.fromEntries(all.map((a) => [a.metric_name, a]));
}

describe("the trigger's alarms", () => {
  const { json } = synthesize();
  const byMetric = alarms(json);

  test("are three: iterator age, errors and parked records", () => {
    expect(Object.keys(byMetric).sort()).toEqual(["ApproximateNumberOfMessagesVisible", "Errors", "IteratorAge"]);
  });

  test("watch the function's maximum IteratorAge against 300 s, in milliseconds", () => {
    expect(byMetric.IteratorAge).toMatchObject({
      alarm_name: "books-dev-stream-handler-iterator-age",
      namespace: "AWS/Lambda",
      dimensions: { FunctionName: "books-dev-stream-handler" },
      statistic: "Maximum",
      threshold: 300000,
      comparison_operator: "GreaterThanThreshold",
    });
  });

  test("fire on any function error", () => {
    expect(byMetric.Errors).toMatchObject({
      namespace: "AWS/Lambda",
      dimensions: { FunctionName: "books-dev-stream-handler" },
      statistic: "Sum",
      threshold: 0,
      comparison_operator: "GreaterThanThreshold",
    });
  });

  test("fire on any message visible in the failure queue", () => {
    expect(byMetric.ApproximateNumberOfMessagesVisible).toMatchObject({
      namespace: "AWS/SQS",
      dimensions: { QueueName: ref(only(json, "aws_sqs_queue").address, "name") },
      threshold: 0,
      comparison_operator: "GreaterThanThreshold",
    });
  });

  test("treat missing data as fine, since an idle table sends no metrics", () => {
    for (const alarm of Object.values(byMetric)) expect(alarm.treat_missing_data).toBe("notBreaching");
  });

  test("notify nobody, and create no topic, by default", () => {
    for (const alarm of Object.values(byMetric)) expect(alarm.alarm_actions).toBeUndefined();
    expect(json.resource.aws_sns_topic).toBeUndefined();
  });

  test("take the iterator age threshold from config", () => {
    expect(alarms(synthesize(devEnvironment({}, { iteratorAgeAlarmSeconds: 60 })).json).IteratorAge.threshold).toBe(
      60000,
    );
  });

  test("notify an existing topic, on alarm and on recovery", () => {
    const arn = "arn:aws:sns:eu-west-1:123456789012:oncall";
    for (const alarm of Object.values(alarms(synthesize(devEnvironment({}, { alarmTopic: arn })).json))) {
      expect(alarm.alarm_actions).toEqual([arn]);
      expect(alarm.ok_actions).toEqual([arn]);
    }
  });

  test("notify a topic of their own, encrypted, when asked to create one", () => {
    const { json: other } = synthesize(devEnvironment({}, { alarmTopic: "create" }));
    const topic = only(other, "aws_sns_topic");
    expect(topic.body).toMatchObject({ name: "books-dev-stream-handler-alarms", kms_master_key_id: "alias/aws/sns" });
    for (const alarm of Object.values(alarms(other))) expect(alarm.alarm_actions).toEqual([ref(topic.address, "arn")]);
  });
});
