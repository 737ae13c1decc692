// The user's own config (config/environments.ts), checked by properties that hold whatever tables and
// environments it lists: add, remove or rename them and these still pass.
import { RUNBOOK } from "../../constructs/alarm-descriptions";
import { STREAM_READ_ACTIONS } from "../../constructs/stream-table";
import { resolveConfig } from "../../settings/config";
import type { AlarmKind } from "../../settings/physical-names";
import type { ResolvedTriggerSettings } from "../../settings/trigger-settings";
import { appStacks } from "../support/app-config";
import { appSynth } from "../support/app-synth";
import { BOOKS, devEnvironment, only, ref, synthesizeAll, type TerraformJson } from "../support/stack";

// The one synth of the user's app this test run shares, as npm run synth writes it.
const { stacks } = appSynth();

/** Every account-wide name a stack gives AWS, as `<resource type>:<name>`. An inline policy's name is
 * scoped to its role, so it is left out. */
function physicalNames(json: TerraformJson): string[] {
  const names: string[] = [];
  for (const [type, resources] of Object.entries(json.resource)) {
    if (type === "aws_iam_role_policy") continue;
    for (const body of Object.values(resources)) {
      for (const field of ["name", "function_name", "alarm_name"]) {
        const value = body[field];
        if (typeof value === "string" && !value.startsWith("${")) names.push(`${type}:${value}`);
      }
    }
  }
  return names;
}

function addresses(json: TerraformJson): Set<string> {
  const of = (kind: "resource" | "data", prefix: string) =>
    Object.entries(json[kind] ?? {}).flatMap(([type, r]) => Object.keys(r).map((n) => `${prefix}${type}.${n}`));
  return new Set([...of("resource", ""), ...of("data", "data.")]);
}

describe("the app built from config/environments.ts", () => {
  test("has exactly one stack per environment and table, named <table>-<environment>", () => {
    expect([...stacks.keys()]).toEqual(appStacks.map((s) => s.name));
    for (const s of appStacks) expect(s.name).toBe(`${s.trigger.settings.tableName}`);
  });

  test("gives no physical name to two stacks", () => {
    const all = [...stacks.values()].flatMap(physicalNames);
    const repeated = all.filter((name, i) => all.indexOf(name) !== i);
    expect(repeated).toEqual([]);
  });

  test("keeps every stack self-contained, so each can be diffed and deployed alone", () => {
    for (const json of stacks.values()) {
      const own = addresses(json);
      const text = JSON.stringify({ resource: json.resource, data: json.data, output: json.output });
      for (const [, reference] of text.matchAll(/\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z0-9_]+\}/g)) {
        expect(own).toContain(reference);
      }
      expect(json.data?.terraform_remote_state).toBeUndefined();
    }
  });
});

describe.each(appStacks)("the stack $name", ({ name, environment, trigger }) => {
  const json = stacks.get(name)!;
  const table = only(json, "aws_dynamodb_table");

  test("has one table, named as configured, with its stream on", () => {
    expect(table.body).toMatchObject({
      name: trigger.settings.tableName,
      hash_key: trigger.settings.partitionKey.name,
      stream_enabled: true,
      stream_view_type: trigger.settings.streamViewType,
    });
  });

  test("lets Terraform destroy the table only when deletion protection is off", () => {
    expect(table.body.deletion_protection_enabled).toBe(trigger.settings.deletionProtection);
    expect(table.body.lifecycle?.prevent_destroy === true).toBe(trigger.settings.deletionProtection);
  });

  test("has a role that reads only its own table's stream, writes only its own logs and queue", () => {
    const policy = JSON.parse(only(json, "aws_iam_role_policy").body.policy);
    const resources = policy.Statement.flatMap((s: { Resource: string | string[] }) => [s.Resource].flat());
    expect(resources).not.toContain("*");
    const read = policy.Statement.find((s: { Sid: string }) => s.Sid === "ReadTableStream");
    expect(read).toEqual(
      expect.objectContaining({ Action: [...STREAM_READ_ACTIONS], Resource: ref(table.address, "stream_arn") }),
    );
    for (const resource of resources)
      expect(resource).toMatch(/^\$\{aws_[a-z0-9_]+\.[A-Za-z0-9_-]+\.(stream_)?arn\}(:\*|\/\*)?$/);
  });

  test("deploys to its environment's region with its environment's tags", () => {
    expect(json.provider.aws[0]).toMatchObject({
      region: environment.region,
      default_tags: [{ tags: environment.tags }],
    });
    expect(environment.tags.Environment).toBe(environment.environment);
  });

  test("wires the mapping from its own table's stream to its own function", () => {
    const mapping = only(json, "aws_lambda_event_source_mapping").body;
    expect(mapping.event_source_arn).toBe(ref(table.address, "stream_arn"));
    expect(mapping.function_name).toBe(ref(only(json, "aws_lambda_function").address, "arn"));
  });
});

/** The alarms a trigger's settings call for, by kind. */
function expectedAlarms(s: ResolvedTriggerSettings): AlarmKind[] {
  const always: AlarmKind[] = ["iterator-age", "errors", "delivery-failures"];
  const parked: AlarmKind[] = s.failureDestination === "sqs" || s.mappingMetrics ? ["parked-records"] : [];
  if (!s.mappingMetrics) return [...always, ...parked];
  const filtered: AlarmKind[] =
    s.allFilteredOutAlarmMinutes > 0 && s.filterPatterns.length > 0 ? ["all-filtered-out"] : [];
  return [...always, ...parked, "dropped-records", "failed-records", ...filtered];
}

/** The metrics an alarm reads, each with its namespace and dimensions. */
function metricsOf(alarm: Record<string, any>): { namespace: string; name: string; dimensions: object }[] {
  if (alarm.metric_query) {
    return alarm.metric_query
      .filter((q: Record<string, any>) => q.metric)
      .map((q: Record<string, any>) => ({
        namespace: q.metric.namespace,
        name: q.metric.metric_name,
        dimensions: q.metric.dimensions,
      }));
  }
  return [{ namespace: alarm.namespace, name: alarm.metric_name, dimensions: alarm.dimensions }];
}

// The dimension AWS documents for each metric the alarms read.
const FUNCTION_METRICS = ["IteratorAge", "Errors", "DestinationDeliveryFailures"];
const MAPPING_METRICS = [
  "PolledEventCount",
  "FilteredOutEventCount",
  "FailedInvokeEventCount",
  "DroppedEventCount",
  "OnFailureDestinationDeliveredEventCount",
];

// The user's config, and a fixture that takes every other branch: s3, metrics off, filters, node 24.
const varied = [
  devEnvironment({
    triggers: [
      {
        ...BOOKS,
        failureDestination: "s3",
        filterPatterns: [{ eventName: ["INSERT"] }],
        allFilteredOutAlarmMinutes: 10,
      },
      { ...BOOKS, tableName: "UsersPost", mappingMetrics: false, runtime: "nodejs24.x" },
      { ...BOOKS, tableName: "orders", allFilteredOutAlarmMinutes: 10 },
    ],
  }),
];
const variedStacks = synthesizeAll(varied);
const alarmCases = [
  ...appStacks.map((s) => ({ ...s, json: stacks.get(s.name)! })),
  ...resolveConfig(varied).flatMap((e) =>
    e.triggers.map((trigger) => ({
      name: `${trigger.stackName} (fixture)`,
      trigger,
      json: variedStacks.get(trigger.stackName)!,
    })),
  ),
];

describe.each(alarmCases)("the alarms and metrics of $name", ({ json, trigger }) => {
  const s = trigger.settings;
  const mapping = only(json, "aws_lambda_event_source_mapping");
  const alarms = Object.values(json.resource.aws_cloudwatch_metric_alarm);
  const kindOf = (alarm: Record<string, any>) => alarm.alarm_name.slice(s.functionName.length + 1);

  test("has the mapping publish its EventCount metrics exactly when mappingMetrics is on", () => {
    expect(mapping.body.metrics_config).toEqual(s.mappingMetrics ? { metrics: ["EventCount"] } : undefined);
  });

  test("has one alarm of each kind its settings call for, named <function>-<kind>", () => {
    expect(alarms.map(kindOf).sort()).toEqual(expectedAlarms(s).sort());
  });

  // Exactly these dimensions: a metric read with one more (or one fewer) is another series, which AWS
  // never publishes, and its alarm would never fire.
  test("reads each metric with the dimension AWS documents for it, and no other", () => {
    for (const metric of alarms.flatMap(metricsOf)) {
      if (FUNCTION_METRICS.includes(metric.name)) {
        expect(metric).toEqual({
          namespace: "AWS/Lambda",
          name: metric.name,
          dimensions: { FunctionName: s.functionName },
        });
      } else if (MAPPING_METRICS.includes(metric.name)) {
        expect(metric).toEqual({
          namespace: "AWS/Lambda",
          name: metric.name,
          dimensions: { EventSourceMappingUUID: ref(mapping.address, "uuid") },
        });
      } else {
        expect(metric).toEqual({
          namespace: "AWS/SQS",
          name: "ApproximateNumberOfMessagesVisible",
          dimensions: { QueueName: ref(only(json, "aws_sqs_queue").address, "name") },
        });
      }
    }
  });

  test("has every alarm's description end with its runbook section", () => {
    for (const alarm of alarms)
      expect(alarm.alarm_description).toMatch(new RegExp(`Runbook: ${RUNBOOK}#${kindOf(alarm)}$`));
  });

  test("parks failures where failureDestination says, and outputs where to find them", () => {
    const destination = mapping.body.destination_config.on_failure.destination_arn;
    if (s.failureDestination === "s3") {
      expect(destination).toBe(ref(only(json, "aws_s3_bucket").address, "arn"));
      expect(Object.keys(json.output)).toContain("failure_bucket_name");
    } else {
      expect(destination).toBe(ref(only(json, "aws_sqs_queue").address, "arn"));
      expect(Object.keys(json.output)).toContain("failure_queue_url");
    }
  });

  test("runs the configured runtime", () => {
    expect(only(json, "aws_lambda_function").body.runtime).toBe(s.runtime);
  });
});
