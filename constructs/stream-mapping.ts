// The event source mapping: Lambda's poller reading the table's stream and invoking the function.
import { LambdaEventSourceMapping } from "@cdktf/provider-aws/lib/lambda-event-source-mapping";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { terraformLiteral } from "../settings/terraform-literal";
import type { StartingPosition } from "../settings/trigger-settings";

export interface StreamMappingProps {
  /** The table's stream ARN. */
  readonly streamArn: string;
  /** The function's ARN. */
  readonly functionArn: string;
  /** Where the on-failure record goes (a queue's or a bucket's ARN). */
  readonly failureDestinationArn: string;
  /** Whether the mapping publishes its EventCount metrics (PolledEventCount, DroppedEventCount, …). */
  readonly mappingMetrics: boolean;
  /** Records per invocation; 1–10,000. */
  readonly batchSize: number;
  /** Where the mapping starts reading when it is created; LATEST or TRIM_HORIZON. */
  readonly startingPosition: StartingPosition;
  /** Seconds to gather records before invoking; 0–300. */
  readonly batchingWindowSeconds: number;
  /** Whether the mapping polls the stream. */
  readonly enabled: boolean;
  /** Retries of a failing batch; -1 (until expiry) or 0–10,000. */
  readonly maximumRetryAttempts: number;
  /** Oldest record sent to the function, in seconds; -1 (until expiry) or 60–604,800. */
  readonly maximumRecordAgeSeconds: number;
  /** Concurrent batches per shard; 1–10. */
  readonly parallelizationFactor: number;
  /** Filter patterns as JSON text, OR-ed; empty for none; at most 5. */
  readonly filterPatterns: readonly string[];
  /** Seconds of a tumbling window, whose state the handler carries between invocations; 0 (off) or 1–900. */
  readonly tumblingWindowSeconds: number;
  /** The KMS key ARN the filter criteria are encrypted with; default an AWS owned key. */
  readonly filterEncryptionKeyArn?: string;
  /** What must exist before AWS creates the mapping (it checks the role can read the stream then). */
  readonly dependsOn: ITerraformDependable[];
}

export class StreamMapping extends Construct {
  readonly mapping: LambdaEventSourceMapping;

  constructor(scope: Construct, id: string, props: StreamMappingProps) {
    super(scope, id);
    this.mapping = new LambdaEventSourceMapping(this, "mapping", {
      eventSourceArn: props.streamArn,
      functionName: props.functionArn,
      startingPosition: props.startingPosition,
      batchSize: props.batchSize,
      maximumBatchingWindowInSeconds: props.batchingWindowSeconds,
      enabled: props.enabled,
      parallelizationFactor: props.parallelizationFactor,
      // The handler answers which records failed and Lambda retries from the earliest of them; a batch
      // that errors as a whole is split in two, so a poison record ends up retried and parked alone.
      functionResponseTypes: ["ReportBatchItemFailures"],
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: props.maximumRetryAttempts,
      maximumRecordAgeInSeconds: props.maximumRecordAgeSeconds,
      destinationConfig: { onFailure: { destinationArn: props.failureDestinationArn } },
      // Only these metrics tell dropped, failing and filtered-out records apart (trigger-alarms.ts).
      metricsConfig: props.mappingMetrics ? { metrics: ["EventCount"] } : undefined,
      filterCriteria:
        props.filterPatterns.length > 0
          ? { filter: props.filterPatterns.map((pattern) => ({ pattern: terraformLiteral(pattern) })) }
          : undefined,
      // Omitted when off, as before the option existed.
      tumblingWindowInSeconds: props.tumblingWindowSeconds > 0 ? props.tumblingWindowSeconds : undefined,
      kmsKeyArn: props.filterEncryptionKeyArn,
      dependsOn: props.dependsOn,
      // The starting position is read only when a mapping is created; changing it later would make
      // Terraform replace the mapping, skipping or replaying records. A new position takes effect on a
      // new mapping only (docs/changing-live-triggers.md).
      lifecycle: { ignoreChanges: ["starting_position"] },
    });
  }

  get uuid(): string {
    return this.mapping.uuid;
  }
}
