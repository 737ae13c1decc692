import { readFileSync } from "node:fs";
import * as path from "node:path";
import { ALARM_GRAPHS, RUNBOOK } from "../../constructs/alarm-descriptions";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { ALARM_KINDS } from "../../settings/physical-names";
import { devEnvironment, only, ref, synthesize, type TerraformJson } from "../support/stack";

type Alarm = Record<string, any>;

/** The stack's alarms by kind, the kind read off the alarm's name (`<function>-<kind>`). */
function alarms(json: TerraformJson): Record<string, Alarm> {
  const all = Object.values(json.resource.aws_cloudwatch_metric_alarm) as Alarm[];
  return Object.fromEntries(all.map((a) => [a.alarm_name.replace(/^books-dev-stream-handler-/, ""), a]));
}

const FILTERED = { filterPatterns: [{ eventName: ["INSERT"] }] };

describe("the trigger's alarms, by default", () => {
  const { json } = synthesize();
  const byKind = alarms(json);
  const mapping = only(json, "aws_lambda_event_source_mapping").address;
  const byFunction = { namespace: "AWS/Lambda", dimensions: { FunctionName: "books-dev-stream-handler" } };
  const byMapping = { namespace: "AWS/Lambda", dimensions: { EventSourceMappingUUID: ref(mapping, "uuid") } };

  test("are every kind but the optional all-filtered-out", () => {
    expect(Object.keys(byKind).sort()).toEqual(ALARM_KINDS.filter((k) => k !== "all-filtered-out").sort());
  });

  test("watch the function's maximum IteratorAge against 300 s, in milliseconds", () => {
    expect(byKind["iterator-age"]).toMatchObject({
      ...byFunction,
      metric_name: "IteratorAge",
      statistic: "Maximum",
      threshold: 300000,
      comparison_operator: "GreaterThanThreshold",
    });
  });

  test("fire on any function error", () => {
    expect(byKind.errors).toMatchObject({ ...byFunction, metric_name: "Errors", statistic: "Sum", threshold: 0 });
  });

  test("fire on any record Lambda could not deliver to the failure destination, by function name", () => {
    expect(byKind["delivery-failures"]).toMatchObject({
      ...byFunction,
      metric_name: "DestinationDeliveryFailures",
      statistic: "Sum",
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
    });
  });

  test("fire on any record dropped, by the mapping's UUID", () => {
    expect(byKind["dropped-records"]).toMatchObject({
      ...byMapping,
      metric_name: "DroppedEventCount",
      statistic: "Sum",
      period: 60,
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
    });
  });

  test("fire on any record failing within 5 minutes, by the mapping's UUID", () => {
    expect(byKind["failed-records"]).toMatchObject({
      ...byMapping,
      metric_name: "FailedInvokeEventCount",
      statistic: "Sum",
      period: 300,
      evaluation_periods: 1,
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
    });
  });

  test("fire on any message visible in the failure queue", () => {
    expect(byKind["parked-records"]).toMatchObject({
      namespace: "AWS/SQS",
      dimensions: { QueueName: ref(only(json, "aws_sqs_queue").address, "name") },
      metric_name: "ApproximateNumberOfMessagesVisible",
      threshold: 0,
      comparison_operator: "GreaterThanThreshold",
    });
  });

  test("treat missing data as fine, since an idle table sends no metrics", () => {
    for (const alarm of Object.values(byKind)) expect(alarm.treat_missing_data).toBe("notBreaching");
  });

  test("each say what to do and point at their own runbook section", () => {
    for (const [kind, alarm] of Object.entries(byKind)) {
      expect(alarm.alarm_description).toMatch(new RegExp(`\\. Runbook: ${RUNBOOK}#${kind}$`));
      expect(alarm.alarm_description.length).toBeLessThanOrEqual(1024);
    }
  });

  test("notify nobody, and create no topic, by default", () => {
    for (const alarm of Object.values(byKind)) expect(alarm.alarm_actions).toBeUndefined();
    expect(json.resource.aws_sns_topic).toBeUndefined();
  });
});

describe("the runbook", () => {
  const runbook = readFileSync(path.join(findProjectRoot(), RUNBOOK), "utf8");

  test.each(ALARM_KINDS)("has a section for the %s alarm", (kind) => {
    expect(runbook).toMatch(new RegExp(`^## ${kind}$`, "m"));
  });

  test.each(ALARM_KINDS)("sends the reader of the %s alarm to its graph on the stack's dashboard", (kind) => {
    const section = runbook.split(/^## /m).find((s) => s.startsWith(`${kind}\n`)) ?? "";
    expect(section).toContain(`*${ALARM_GRAPHS[kind]}*`);
    expect(section).toContain("`dashboard_url`");
  });
});

describe("the trigger's alarms, configured", () => {
  test("take the iterator age threshold from config", () => {
    const byKind = alarms(synthesize(devEnvironment({}, { iteratorAgeAlarmSeconds: 60 })).json);
    expect(byKind["iterator-age"].threshold).toBe(60000);
  });

  test("take the failed-records threshold and window from config", () => {
    const byKind = alarms(
      synthesize(devEnvironment({}, { failedRecordsAlarmThreshold: 25, failedRecordsAlarmMinutes: 15 })).json,
    );
    expect(byKind["failed-records"]).toMatchObject({ threshold: 25, period: 900 });
    expect(byKind["failed-records"].alarm_description).toMatch(/^More than 25 records failed within 15 min/);
  });

  test("watch for filters dropping every polled record over the configured window", () => {
    const { json } = synthesize(devEnvironment({}, { ...FILTERED, allFilteredOutAlarmMinutes: 30 }));
    const uuid = ref(only(json, "aws_lambda_event_source_mapping").address, "uuid");
    const alarm = alarms(json)["all-filtered-out"];
    const metric = (name: string) => ({
      namespace: "AWS/Lambda",
      dimensions: { EventSourceMappingUUID: uuid },
      metric_name: name,
      period: 1800,
      stat: "Sum",
    });
    expect(alarm.metric_query).toEqual([
      { id: "polled", metric: metric("PolledEventCount"), return_data: false },
      { id: "filtered", metric: metric("FilteredOutEventCount"), return_data: false },
      expect.objectContaining({
        id: "all_filtered_out",
        expression: "IF(polled > 0 AND FILL(filtered, 0) >= polled, 1, 0)",
        return_data: true,
      }),
    ]);
    expect(alarm).toMatchObject({ comparison_operator: "GreaterThanOrEqualToThreshold", threshold: 1 });
    expect(alarm.metric_name).toBeUndefined();
  });

  test("make no all-filtered-out alarm for a trigger without filters", () => {
    expect(alarms(synthesize(devEnvironment({}, { allFilteredOutAlarmMinutes: 30 })).json)).not.toHaveProperty(
      "all-filtered-out",
    );
  });

  test("keep the function's alarms and drop the mapping's when its metrics are off", () => {
    const byKind = alarms(synthesize(devEnvironment({}, { mappingMetrics: false })).json);
    expect(Object.keys(byKind).sort()).toEqual(["delivery-failures", "errors", "iterator-age", "parked-records"]);
  });

  test("count parked records with the mapping's delivered count when they go to a bucket", () => {
    const { json } = synthesize(devEnvironment({}, { failureDestination: "s3" }));
    expect(alarms(json)["parked-records"]).toMatchObject({
      namespace: "AWS/Lambda",
      dimensions: { EventSourceMappingUUID: ref(only(json, "aws_lambda_event_source_mapping").address, "uuid") },
      metric_name: "OnFailureDestinationDeliveredEventCount",
      statistic: "Sum",
      threshold: 0,
    });
  });

  test("notify an existing topic, on alarm and on recovery", () => {
    const arn = "arn:aws:sns:eu-west-1:123456789012:oncall";
    const config = { alarmTopic: arn, ...FILTERED, allFilteredOutAlarmMinutes: 5 } as const;
    for (const alarm of Object.values(alarms(synthesize(devEnvironment({}, config)).json))) {
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
