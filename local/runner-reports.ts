// What a local trigger runner tells its caller (the live view, the walkthrough, the bench, tests).
import type { DynamoDBRecord } from "aws-lambda";
import type { InvocationResult } from "../emulation/local-invoker";
import type { FailureCondition } from "../emulation/on-failure-message";

/** What one invocation did, for the live view and for tests. */
export interface InvocationReport {
  readonly kind: "invocation";
  readonly functionName: string;
  readonly tableName: string;
  readonly shardId: string;
  readonly records: readonly DynamoDBRecord[];
  readonly result: InvocationResult;
  /** Sequence numbers Lambda would retry from this answer (empty: the batch succeeded). */
  readonly failed: readonly string[];
  /** 1 for the first try of this batch, 2 for its first retry, ... */
  readonly attempt: number;
}

export interface ParkedReport {
  readonly kind: "parked";
  readonly functionName: string;
  readonly tableName: string;
  readonly condition: FailureCondition;
  readonly records: readonly DynamoDBRecord[];
  readonly file: string;
}

/** Records the mapping's filters kept from the function: never delivered, and the checkpoint passes them. */
export interface FilteredOutReport {
  readonly kind: "filtered-out";
  readonly functionName: string;
  readonly tableName: string;
  readonly records: readonly DynamoDBRecord[];
}

/** Parking a batch failed (a full disk, an unwritable folder); said once, retried with backoff until it works. */
export interface ParkErrorReport {
  readonly kind: "park-error";
  readonly functionName: string;
  readonly tableName: string;
  readonly records: readonly DynamoDBRecord[];
  /** The folder standing for the queue or bucket. */
  readonly folder: string;
  readonly error: string;
}

/** Reading the stream has failed several times in a row; the runner keeps retrying. */
export interface PollErrorReport {
  readonly kind: "poll-error";
  readonly functionName: string;
  readonly shardId: string;
  readonly error: string;
  readonly failures: number;
}

/** A filter pattern the runner cannot evaluate: said once; matching records are delivered, not dropped. */
export interface FilterErrorReport {
  readonly kind: "filter-error";
  readonly functionName: string;
  readonly error: string;
}

/** The stream was disabled (its table deleted): the trigger has read what it held and stops; others carry on. */
export interface StreamDisabledReport {
  readonly kind: "stream-disabled";
  readonly functionName: string;
  readonly tableName: string;
  readonly streamArn: string;
}

/** The function's environment crashed or exited between invocations; the next one starts afresh. */
export interface EnvironmentEndedReport {
  readonly kind: "environment-ended";
  readonly functionName: string;
  readonly requestId?: string;
  readonly error: string;
}

export type RunnerReport =
  | InvocationReport
  | FilteredOutReport
  | ParkedReport
  | ParkErrorReport
  | PollErrorReport
  | FilterErrorReport
  | StreamDisabledReport
  | EnvironmentEndedReport;
