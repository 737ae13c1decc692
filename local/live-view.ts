// What `npm run local` prints for each thing a trigger does: one short line per record (with --verbose,
// or when the function failed, the handler's log lines under it), and a loud line for anything that
// needs the user's attention.
import { changedAttributes, type Image } from "./console/cards";
import type { InvocationReport, RunnerReport } from "./runner-reports";

const tty = process.stdout.isTTY;
const dim = (s: string) => (tty ? `\x1b[2m${s}\x1b[0m` : s);
export const loud = (s: string) => (tty ? `\x1b[1;31m${s}\x1b[0m` : s);

/** A value as a person reads it, cut short: "Dan Brown", 12, true, [3 items]. */
function shortValue(value: Record<string, unknown> | undefined): string {
  const [type, inner] = Object.entries(value ?? {})[0] ?? ["", ""];
  const text =
    type === "S" ? JSON.stringify(inner) : type === "N" || type === "B" || type === "BOOL" ? String(inner) : type;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** One short line per record: trigger, event name, keys, changed attributes, outcome, time. */
export function describeInvocation(r: InvocationReport): string[] {
  const failed = new Set(r.failed);
  const retry = r.attempt > 1 ? `, retry ${r.attempt - 1}` : "";
  const cold = r.result.coldStart ? ", cold start" : "";
  return r.records.map((record) => {
    const d = record.dynamodb ?? {};
    const keys = Object.entries(d.Keys ?? {}).map(([name, v]) => `${name}=${shortValue(v as Record<string, unknown>)}`);
    const changed = changedAttributes(d.NewImage as Image, d.OldImage as Image);
    const outcome = !failed.has(d.SequenceNumber ?? "")
      ? "ok"
      : r.result.kind === "error"
        ? `FAILED, function error ${r.result.errorType}: ${r.result.errorMessage}`
        : "FAILED (in batchItemFailures)";
    const what = [
      `[${r.functionName}]`,
      record.eventName,
      ...keys,
      ...(changed.length ? [`changed ${changed.join(",")}`] : []),
    ];
    const line = `${what.join(" ")} → ${outcome} (${r.result.ms} ms${cold}${retry})`;
    return outcome === "ok" ? line : loud(line);
  });
}

/** The lines to print for one report. */
export function reportLines(report: RunnerReport, verbose = false): string[] {
  const at = `[${report.functionName}]`;
  switch (report.kind) {
    case "invocation":
      return [
        ...describeInvocation(report),
        ...(verbose || report.failed.length > 0 ? report.result.logs.map((line) => dim(`    ${line}`)) : []),
      ];
    case "filtered-out":
      return report.records.map((r) => dim(`${at} ${r.eventName} filtered out (the mapping's filters): not delivered`));
    case "parked":
      return [`${at} ${report.records.length} record(s) parked (${report.condition}) → ${report.file}`];
    case "park-error":
      return [
        loud(
          `${at} cannot park ${report.records.length} record(s) in ${report.folder}: ${report.error}; free space or make the folder writable: the batch waits, not checkpointed, and parking is retried with backoff`,
        ),
      ];
    case "poll-error":
      return [
        loud(
          `${at} reading ${report.shardId} failed ${report.failures} times in a row: ${report.error}; still retrying`,
        ),
      ];
    case "stream-disabled":
      return [
        loud(
          `${at} the stream of table ${report.tableName} is disabled (the table was deleted, or its stream turned off): this trigger has delivered what it held and stops, the other triggers carry on; restart npm run local to create the table again`,
        ),
      ];
    case "filter-error":
      return [loud(`${at} FILTER: ${report.error}`)];
    case "environment-ended": {
      const after = report.requestId ? ` after invocation ${report.requestId} returned` : "";
      return [
        loud(`${at} the function's environment crashed${after}: ${report.error}`),
        `${at} as Lambda does, the next invocation gets a fresh environment (look for a timer or promise the handler left running)`,
      ];
    }
  }
}
