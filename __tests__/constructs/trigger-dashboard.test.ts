// The stack's dashboard: a section per consumer whose every graph reads a metric the alarms' own source
// (constructs/trigger-metrics.ts) defines, each alarm's metric graphed, and the body the same each synth.
import { GRAPHS } from "../../constructs/alarm-descriptions";
import { devEnvironment, only, ref, synthesize, type TerraformJson } from "../support/stack";

type Widget = { type: string; x: number; y: number; width: number; height: number; properties: Record<string, any> };

function dashboard(json: TerraformJson) {
  const { address, body } = only(json, "aws_cloudwatch_dashboard");
  return { address, name: body.dashboard_name as string, widgets: JSON.parse(body.dashboard_body).widgets as Widget[] };
}

/** A metric as namespace/name/dimensions, whichever way it is written (a widget's row or an alarm). */
const key = (namespace: string, metricName: string, dimensions: Record<string, string>) =>
  JSON.stringify([namespace, metricName, Object.entries(dimensions).sort()]);

function graphed(widgets: Widget[]) {
  const keys = new Map<string, string[]>();
  for (const widget of widgets.filter((w) => w.type === "metric")) {
    for (const row of widget.properties.metrics as unknown[][]) {
      const [namespace, metricName, ...rest] = row as string[];
      const pairs = rest.slice(0, -1);
      const dimensions = Object.fromEntries(pairs.flatMap((_, i) => (i % 2 ? [] : [[pairs[i], pairs[i + 1]]])));
      const k = key(namespace, metricName, dimensions);
      keys.set(k, [...(keys.get(k) ?? []), widget.properties.title]);
    }
  }
  return keys;
}

function alarmMetrics(json: TerraformJson) {
  const keys: string[] = [];
  for (const alarm of Object.values(json.resource.aws_cloudwatch_metric_alarm) as Record<string, any>[]) {
    if (alarm.metric_name) keys.push(key(alarm.namespace, alarm.metric_name, alarm.dimensions));
    for (const q of alarm.metric_query ?? []) {
      if (q.metric) keys.push(key(q.metric.namespace, q.metric.metric_name, q.metric.dimensions));
    }
  }
  return keys;
}

const mappingUuids = (json: TerraformJson) =>
  Object.keys(json.resource.aws_lambda_event_source_mapping).map((m) =>
    ref(`aws_lambda_event_source_mapping.${m}`, "uuid"),
  );
const functionNames = (json: TerraformJson) =>
  (Object.values(json.resource.aws_lambda_function) as { function_name: string }[]).map((f) => f.function_name);
const CONFIGS = {
  "the default trigger": {},
  "a trigger parking in S3": { failureDestination: "s3" as const },
  "a trigger with filters and the all-filtered-out alarm": {
    filterPatterns: [{ eventName: ["INSERT"] }],
    allFilteredOutAlarmMinutes: 10,
  },
  "a trigger without mapping metrics": { mappingMetrics: false },
  "a trigger with a consumer parking in S3": { consumers: [{ name: "audit", failureDestination: "s3" as const }] },
};

describe.each(Object.entries(CONFIGS))("the dashboard of %s", (_, trigger) => {
  const { json } = synthesize(devEnvironment({}, trigger));
  const { widgets } = dashboard(json);
  const queueNames = Object.keys(json.resource.aws_sqs_queue ?? {}).map((q) => ref(`aws_sqs_queue.${q}`, "name"));
  const bucketNames = Object.keys(json.resource.aws_s3_bucket ?? {}).map((b) => ref(`aws_s3_bucket.${b}`, "bucket"));

  test("graphs every metric an alarm watches, by the same namespace, name and dimensions", () => {
    const shown = graphed(widgets);
    for (const metric of alarmMetrics(json))
      expect({ metric, shown: shown.has(metric) }).toEqual({ metric, shown: true });
  });

  test("graphs only metrics AWS publishes for this trigger's function, mapping and failure destination", () => {
    const allowed = new Set([
      ...functionNames(json).flatMap((FunctionName) =>
        ["IteratorAge", "Invocations", "Errors", "Duration", "ConcurrentExecutions", "DestinationDeliveryFailures"].map(
          (m) => key("AWS/Lambda", m, { FunctionName }),
        ),
      ),
      ...((trigger as { mappingMetrics?: boolean }).mappingMetrics === false
        ? []
        : mappingUuids(json).flatMap((uuid) =>
            [
              "PolledEventCount",
              "FilteredOutEventCount",
              "DroppedEventCount",
              "FailedInvokeEventCount",
              "OnFailureDestinationDeliveredEventCount",
            ].map((m) => key("AWS/Lambda", m, { EventSourceMappingUUID: uuid })),
          )),
      ...queueNames.map((q) => key("AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: q })),
      ...bucketNames.map((b) => key("AWS/S3", "NumberOfObjects", { BucketName: b, StorageType: "AllStorageTypes" })),
    ]);
    for (const metric of graphed(widgets).keys())
      expect({ metric, known: allowed.has(metric) }).toEqual({ metric, known: true });
  });

  test("shows the state of every alarm of the trigger", () => {
    const arns = Object.keys(json.resource.aws_cloudwatch_metric_alarm).map((name) =>
      ref(`aws_cloudwatch_metric_alarm.${name}`, "arn"),
    );
    const alarmWidgets = widgets.filter((w) => w.type === "alarm");
    expect(alarmWidgets.flatMap((w) => w.properties.alarms).sort()).toEqual(arns.sort());
  });

  test("reads its metrics in the stack's region", () => {
    for (const w of widgets.filter((x) => x.type === "metric")) expect(w.properties.region).toBe("eu-west-1");
  });

  test("places no two widgets over each other, within CloudWatch's 24 columns", () => {
    const cells = new Set<string>();
    for (const w of widgets) {
      expect(w.x + w.width).toBeLessThanOrEqual(24);
      for (let x = w.x; x < w.x + w.width; x++)
        for (let y = w.y; y < w.y + w.height; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
    }
  });
});

test("labels a versioned failure bucket's daily object count as every version, replayed batches' included", () => {
  // S3's NumberOfObjects counts current and noncurrent versions and delete markers: after a redrive
  // deletes a parked batch, its versions stay in the count until the lifecycle rule expires them.
  const { json } = synthesize(devEnvironment({}, { failureDestination: "s3" }));
  const rows = dashboard(json).widgets.flatMap((w) => (w.type === "metric" ? w.properties.metrics : []));
  const bucket = rows.find((row: unknown[]) => row[1] === "NumberOfObjects") as unknown[];
  expect((bucket.at(-1) as { label: string }).label).toBe(
    "objects, every version (daily; replayed ones until expired)",
  );
});

describe("the dashboard", () => {
  const { json } = synthesize();
  const { widgets, name, address } = dashboard(json);

  test("is named after the stack, and its name and console address are stack outputs", () => {
    expect(name).toBe("books-dev");
    expect(json.output.dashboard_name.value).toBe(ref(address, "dashboard_name"));
    expect(json.output.dashboard_url.value).toBe(
      "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/books-dev",
    );
  });

  test("graphs iterator age, mapping events, invocations and errors, duration p50 and p99, concurrency and parked records", () => {
    const titles = widgets.filter((w) => w.type === "metric").map((w) => w.properties.title);
    expect(titles.sort()).toEqual(Object.values(GRAPHS).sort());
    const duration = widgets.find((w) => w.properties.title === GRAPHS.duration)!;
    expect(duration.properties.metrics.map((row: unknown[]) => (row.at(-1) as { stat: string }).stat)).toEqual([
      "p50",
      "p99",
    ]);
  });

  test("names a table with dots by dashes, as CloudWatch allows", () => {
    const { json: dotted } = synthesize(devEnvironment({}, { tableName: "books.v2" }), "books.v2-dev");
    expect(dashboard(dotted).name).toBe("books-v2-dev");
  });

  test("has the same body on every synth", () => {
    const again = only(synthesize().json, "aws_cloudwatch_dashboard").body.dashboard_body;
    expect(again).toBe(only(json, "aws_cloudwatch_dashboard").body.dashboard_body);
  });
});
