// What `npm run local` prints for each thing a trigger does: one line per invocation (with the
// handler's log lines under it), and a loud line for anything that needs the user's attention.
import type { InvocationReport, RunnerReport } from "./trigger-runner";

const tty = process.stdout.isTTY;
const dim = (s: string) => (tty ? `\x1b[2m${s}\x1b[0m` : s);
export const loud = (s: string) => (tty ? `\x1b[1;31m${s}\x1b[0m` : s);

export function describeInvocation(r: InvocationReport): string {
  const names = r.records.map((x) => x.eventName).join(", ");
  const plural = r.records.length === 1 ? "" : "s";
  const head = `[${r.functionName}] ${r.records.length} record${plural} in (${names})${r.attempt > 1 ? `, retry ${r.attempt - 1}` : ""}`;
  const outcome =
    r.result.kind === "error"
      ? `function error ${r.result.errorType}: ${r.result.errorMessage}`
      : r.failed.length === 0
        ? "ok"
        : `${r.failed.length} failed, retried from ${r.failed[0]}`;
  return `${head} → ${outcome} (${r.result.ms} ms)`;
}

/** The lines to print for one report. */
export function reportLines(report: RunnerReport): string[] {
  const at = `[${report.functionName}]`;
  switch (report.kind) {
    case "invocation":
      return [describeInvocation(report), ...report.result.logs.map((line) => dim(`    ${line}`))];
    case "filtered-out":
      return report.records.map((r) => dim(`${at} ${r.eventName} filtered out (the mapping's filters): not delivered`));
    case "parked":
      return [`${at} ${report.records.length} record(s) parked (${report.condition}) → ${report.file}`];
    case "poll-error":
      return [
        loud(
          `${at} reading ${report.shardId} failed ${report.failures} times in a row: ${report.error}; still retrying`,
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
