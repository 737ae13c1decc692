// A mapping's filter criteria as the local runner applies them. Lambda ORs the patterns; one the local
// grammar refuses, or one that fails while matching, is reported once and never drops a record.
import type { DynamoDBRecord } from "aws-lambda";
import { passesFilters } from "../emulation/event-filter";
import { filterPatternProblems } from "../settings/filter-grammar";

export class RecordFilter {
  private readonly reportedErrors = new Set<string>();
  /** The filter patterns the grammar accepts, and whether any it refuses is configured too. */
  private readonly judgeable: string[] = [];
  private unjudgeable = false;

  constructor(
    private readonly patterns: readonly string[],
    private readonly onError: (error: string) => void,
  ) {}

  /** Reports each pattern Lambda would not accept; called once, when the runner starts. */
  check(): void {
    for (const pattern of this.patterns) {
      const [problem] = filterPatternProblems(pattern);
      if (!problem) {
        this.judgeable.push(pattern);
        continue;
      }
      this.unjudgeable = true;
      const where = problem.path || "the pattern";
      this.error(
        `filter pattern ${pattern} is not one Lambda accepts: ${where} is ${problem.description ?? JSON.stringify(problem.value)}; allowed: ${problem.allowed}. Records it might match are delivered`,
      );
    }
  }

  private error(error: string): void {
    if (this.reportedErrors.has(error)) return;
    this.reportedErrors.add(error);
    this.onError(error);
  }

  /**
   * Whether a record is delivered. Patterns are ORed, so a pattern that cannot be judged might have
   * matched: the record is delivered rather than dropped, and the pattern was reported at start.
   */
  passes(record: DynamoDBRecord): boolean {
    if (this.patterns.length === 0) return true;
    try {
      return this.judgeable.some((pattern) => passesFilters([pattern], record)) || this.unjudgeable;
    } catch (error) {
      this.error(`${error instanceof Error ? error.message : String(error)}. Records are delivered unfiltered`);
      return true;
    }
  }
}
