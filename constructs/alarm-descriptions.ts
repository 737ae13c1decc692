// What each alarm tells the person it wakes: what happened and what to do first, with the runbook
// section (docs/runbook.md, one heading per alarm kind) that says the rest.
import type { AlarmKind } from "../settings/physical-names";

export const RUNBOOK = "docs/runbook.md";

/** The runbook section of an alarm kind, as a repository path with its anchor. */
export const runbookLink = (kind: AlarmKind) => `${RUNBOOK}#${kind}`;

/** The dashboard's graphs (trigger-dashboard.ts), by title. */
export const GRAPHS = {
  iteratorAge: "Iterator age (max, ms)",
  invocations: "Invocations and errors",
  duration: "Duration (ms)",
  concurrency: "Concurrent executions (max)",
  mapping: "Mapping: records polled, filtered out, dropped, failed",
  parked: "Parked records",
} as const;

/**
 * The graph on the stack's dashboard (stack output dashboard_url) that shows what each alarm watches;
 * the runbook names it in each alarm's section.
 */
export const ALARM_GRAPHS: { readonly [K in AlarmKind]: string } = {
  "iterator-age": GRAPHS.iteratorAge,
  errors: GRAPHS.invocations,
  "parked-records": GRAPHS.parked,
  "dropped-records": GRAPHS.mapping,
  "delivery-failures": GRAPHS.parked,
  "failed-records": GRAPHS.mapping,
  "all-filtered-out": GRAPHS.mapping,
};

export interface DescriptionSettings {
  readonly iteratorAgeAlarmSeconds: number;
  readonly failedRecordsAlarmThreshold: number;
  readonly failedRecordsAlarmMinutes: number;
  readonly allFilteredOutAlarmMinutes: number;
  readonly failureDestination: "sqs" | "s3";
  /** The consumer the alarm watches, when it is one of the trigger's `consumers`; redrive needs its name. */
  readonly consumer?: string;
}

const redriveCommand = (s: DescriptionSettings) =>
  s.consumer ? `npm run redrive -- <stack> --consumer ${s.consumer}` : "npm run redrive";

export function alarmDescription(kind: AlarmKind, s: DescriptionSettings): string {
  return `${DESCRIPTIONS[kind](s)} Runbook: ${runbookLink(kind)}`;
}

const DESCRIPTIONS: { readonly [K in AlarmKind]: (s: DescriptionSettings) => string } = {
  "iterator-age": (s) =>
    `The oldest unprocessed stream record is over ${s.iteratorAgeAlarmSeconds} s old: the trigger is falling ` +
    "behind or blocked. Check the errors and failed-records alarms and the function's duration; records older " +
    "than 24 h leave the stream.",
  errors: () =>
    "The function threw or timed out, so whole batches are retried and split. Read the function's ERROR log " +
    "lines; fix the handler or raise timeoutSeconds.",
  "parked-records": (s) =>
    s.failureDestination === "s3"
      ? "Records exhausted their retries and were written whole to the failure bucket. Fix the cause, then " +
        `replay them from the bucket (${redriveCommand(s)}).`
      : "Records exhausted their retries; the failure queue holds pointers to them, and the stream keeps the " +
        `records 24 h only. Fix the cause, replay them (${redriveCommand(s)}), then delete the messages.`,
  "dropped-records": () =>
    "Records were lost: their retries ran out and the failure destination could not take them. Restore the " +
    "destination or the role's access to it now, then read the records back from the stream within 24 h.",
  "delivery-failures": () =>
    "Lambda could not write to the failure destination (deleted, access denied, or too large): the records of " +
    "that batch are lost. Restore the destination or the role's access to it now.",
  "failed-records": (s) =>
    `More than ${s.failedRecordsAlarmThreshold} records failed within ${s.failedRecordsAlarmMinutes} min ` +
    "(reported failed by the handler, or in failed invocations). They are retried, then parked. Read the " +
    "function's ERROR log lines.",
  "all-filtered-out": (s) =>
    `For ${s.allFilteredOutAlarmMinutes} min the filters dropped every record the mapping read: a wrong ` +
    "filterPatterns loses changes silently. Check the patterns against real records.",
};
