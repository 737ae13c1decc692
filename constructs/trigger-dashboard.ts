// A CloudWatch dashboard for a stack, one section per consumer: how far behind it is, what the mapping
// did with the records it polled, the function's invocations, errors, duration and concurrency, what is
// parked, and the state of its alarms. Every metric comes from trigger-metrics.ts, as the alarms' do.
// The body is built in a fixed order from the configuration only, so it is the same on every synth.
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Construct } from "constructs";
import { GRAPHS, RUNBOOK } from "./alarm-descriptions";
import type { MetricSource, TriggerMetrics } from "./trigger-metrics";

export interface DashboardSection {
  /** The consumer's function name, the section's title. */
  readonly functionName: string;
  readonly tableName: string;
  readonly metrics: TriggerMetrics;
  /** Whether the mapping publishes its EventCount metrics; without them their graph is left out. */
  readonly mappingMetrics: boolean;
  /** The consumer's alarms' ARNs, for the alarm status widget. */
  readonly alarmArns: readonly string[];
}

export interface TriggerDashboardProps {
  /** The dashboard's name: A–Z a–z 0–9 - _, at most 255 characters. */
  readonly dashboardName: string;
  /** The region whose metrics the graphs read (the stack's). */
  readonly region: string;
  readonly sections: readonly DashboardSection[];
}

/** A graphed metric: its source and how it is summarised. */
interface Line {
  readonly source: MetricSource;
  readonly stat: string;
  readonly label: string;
  readonly period?: number;
}

const WIDTH = 8;
const HEIGHT = 6;
const COLUMNS = 3;

export class TriggerDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: TriggerDashboardProps) {
    super(scope, id);
    const widgets: object[] = [];
    let y = 0;
    for (const section of props.sections) {
      widgets.push({
        type: "text",
        x: 0,
        y,
        width: 24,
        height: 2,
        properties: {
          markdown: `## ${section.functionName}\nStream of table \`${section.tableName}\`. What each alarm means and what to do: ${RUNBOOK} in the project.`,
        },
      });
      y += 2;
      const graphs = sectionGraphs(section);
      graphs.forEach((graph, i) => {
        widgets.push({
          type: "metric",
          x: (i % COLUMNS) * WIDTH,
          y: y + Math.floor(i / COLUMNS) * HEIGHT,
          width: WIDTH,
          height: HEIGHT,
          properties: {
            title: graph.title,
            region: props.region,
            view: "timeSeries",
            stacked: false,
            period: 60,
            metrics: graph.lines.map(metricRow),
          },
        });
      });
      y += Math.ceil(graphs.length / COLUMNS) * HEIGHT;
      widgets.push({
        type: "alarm",
        x: 0,
        y,
        width: 24,
        height: 3,
        properties: { title: `${section.functionName} alarms`, alarms: [...section.alarmArns] },
      });
      y += 3;
    }
    this.dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: props.dashboardName,
      dashboardBody: JSON.stringify({ widgets }),
    });
  }

  get name(): string {
    return this.dashboard.dashboardName;
  }
}

function sectionGraphs(s: DashboardSection): { title: string; lines: Line[] }[] {
  const m = s.metrics;
  const graphs: { title: string; lines: Line[] }[] = [
    { title: GRAPHS.iteratorAge, lines: [{ source: m.iteratorAge, stat: "Maximum", label: "oldest record" }] },
    { title: GRAPHS.invocations, lines: [sum(m.invocations, "invocations"), sum(m.errors, "errors")] },
    {
      title: GRAPHS.duration,
      lines: [
        { source: m.duration, stat: "p50", label: "p50" },
        { source: m.duration, stat: "p99", label: "p99" },
      ],
    },
    {
      title: GRAPHS.concurrency,
      lines: [{ source: m.concurrentExecutions, stat: "Maximum", label: "concurrent" }],
    },
  ];
  if (s.mappingMetrics) {
    graphs.push({
      title: GRAPHS.mapping,
      lines: [
        sum(m.polled, "polled"),
        sum(m.filteredOut, "filtered out"),
        sum(m.dropped, "dropped"),
        sum(m.failedInvoke, "failed invoke"),
      ],
    });
  }
  graphs.push({ title: GRAPHS.parked, lines: parkedLines(s) });
  return graphs;
}

function parkedLines(s: DashboardSection): Line[] {
  const lines: Line[] = [sum(s.metrics.deliveryFailures, "lost: destination refused")];
  if (s.metrics.queueDepth) lines.unshift({ source: s.metrics.queueDepth, stat: "Maximum", label: "in the queue" });
  if (s.metrics.bucketObjects) {
    // S3 counts a bucket's objects once a day; the mapping counts what it delivers there by the minute.
    if (s.mappingMetrics) lines.unshift(sum(s.metrics.deliveredToDestination, "delivered to the bucket"));
    // The bucket is versioned, and the count takes in noncurrent versions and delete markers: a batch
    // redrive replayed and deleted stays in it until the lifecycle rule expires its versions.
    lines.unshift({
      source: s.metrics.bucketObjects,
      stat: "Average",
      label: "objects, every version (daily; replayed ones until expired)",
      period: 86400,
    });
  }
  return lines;
}

const sum = (source: MetricSource, label: string): Line => ({ source, stat: "Sum", label });

/** CloudWatch's row: namespace, name, each dimension's name and value, then the rendering options. */
function metricRow(line: Line): unknown[] {
  const dimensions = Object.entries(line.source.dimensions).flat();
  const options = { stat: line.stat, label: line.label, ...(line.period ? { period: line.period } : {}) };
  return [line.source.namespace, line.source.metricName, ...dimensions, options];
}
