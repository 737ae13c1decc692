// What the console shows for each runner report: one card per record (event name, keys, both images,
// the attributes that changed, how the invocation went, its log lines), and a notice for the rest.
// Pure: the server numbers these and streams them; the page only draws them.
import type { AttributeValue, DynamoDBRecord } from "aws-lambda";
import type { RunnerReport } from "../runner-reports";

export type Image = Record<string, AttributeValue>;

export interface RecordCard {
  readonly type: "record";
  readonly trigger: string;
  readonly table: string;
  readonly eventName: string;
  readonly sequenceNumber: string;
  readonly keys: Image;
  readonly newImage?: Image;
  readonly oldImage?: Image;
  /** Attributes added, removed or given another value between the old and the new image. */
  readonly changed: readonly string[];
  /** delivered: the function accepted it; failed: it will be retried; filtered-out: never delivered. */
  readonly status: "delivered" | "failed" | "filtered-out";
  readonly error?: string;
  readonly attempt?: number;
  readonly ms?: number;
  readonly coldStart?: boolean;
  /** The log lines of the invocation that carried this record (all of it, when it carried several). */
  readonly logs: readonly string[];
  readonly batchSize?: number;
}

export interface NoticeCard {
  readonly type: "notice";
  readonly trigger: string;
  readonly severity: "parked" | "error";
  readonly text: string;
}

export type ConsoleCard = RecordCard | NoticeCard;

const same = (a?: AttributeValue, b?: AttributeValue) => JSON.stringify(a) === JSON.stringify(b);

/** Changed attribute names, sorted; empty when only one image is present (an insert or a removal). */
export function changedAttributes(newImage?: Image, oldImage?: Image): string[] {
  if (!newImage || !oldImage) return [];
  const names = new Set([...Object.keys(newImage), ...Object.keys(oldImage)]);
  return [...names].filter((name) => !same(newImage[name], oldImage[name])).sort();
}

function recordCard(
  record: DynamoDBRecord,
  trigger: string,
  table: string,
  extra: Omit<RecordCard, "type" | "trigger" | "table" | "eventName" | "sequenceNumber" | "keys" | "changed">,
): RecordCard {
  const d = record.dynamodb ?? {};
  return {
    type: "record",
    trigger,
    table,
    eventName: record.eventName ?? "",
    sequenceNumber: d.SequenceNumber ?? "",
    keys: (d.Keys ?? {}) as Image,
    ...(d.NewImage && { newImage: d.NewImage as Image }),
    ...(d.OldImage && { oldImage: d.OldImage as Image }),
    changed: changedAttributes(d.NewImage as Image, d.OldImage as Image),
    ...extra,
  };
}

/** The cards one report makes, in stream order. */
export function cardsOf(report: RunnerReport): ConsoleCard[] {
  const trigger = report.functionName;
  switch (report.kind) {
    case "invocation": {
      const { result } = report;
      const failed = new Set(report.failed);
      const error = result.kind === "error" ? `${result.errorType}: ${result.errorMessage}` : undefined;
      return report.records.map((record) => {
        const didFail = failed.has(record.dynamodb?.SequenceNumber ?? "");
        return recordCard(record, trigger, report.tableName, {
          status: didFail ? "failed" : "delivered",
          ...(didFail && { error: error ?? "the function reported it in batchItemFailures" }),
          attempt: report.attempt,
          ms: result.ms,
          coldStart: result.coldStart ?? false,
          logs: result.logs,
          batchSize: report.records.length,
        });
      });
    }
    case "filtered-out":
      return report.records.map((record) =>
        recordCard(record, trigger, report.tableName, { status: "filtered-out", logs: [] }),
      );
    case "parked":
      return [
        {
          type: "notice",
          trigger,
          severity: "parked",
          text: `${report.records.length} record(s) parked (${report.condition}): replay them under Parked failures`,
        },
      ];
    case "park-error":
      return [
        {
          type: "notice",
          trigger,
          severity: "error",
          text: `cannot park ${report.records.length} record(s) in ${report.folder}: ${report.error}; the batch waits and parking is retried`,
        },
      ];
    case "stream-disabled":
      return [
        {
          type: "notice",
          trigger,
          severity: "error",
          text: `the stream of table ${report.tableName} is disabled: this trigger stops; restart npm run local to create the table again`,
        },
      ];
    case "poll-error":
      return [
        { type: "notice", trigger, severity: "error", text: `reading ${report.shardId} failed: ${report.error}` },
      ];
    case "filter-error":
      return [{ type: "notice", trigger, severity: "error", text: `filter: ${report.error}` }];
    case "environment-ended":
      return [{ type: "notice", trigger, severity: "error", text: `environment crashed: ${report.error}` }];
  }
}
