// What Lambda makes of a function's answer to a stream batch (AWS's ReportBatchItemFailures contract).
import type { DynamoDBRecord } from "aws-lambda";
import type { InvocationResult } from "./local-invoker";

/** ok: checkpoint after the batch; partial: records from `from` on are retried; error: the batch failed. */
export type Outcome =
  | { readonly kind: "ok" }
  | { readonly kind: "partial"; readonly from: number }
  | { readonly kind: "error" };

export function interpretResponse(
  result: InvocationResult,
  records: readonly DynamoDBRecord[],
  reportBatchItemFailures: boolean,
): Outcome {
  if (result.kind === "error") return { kind: "error" };
  // Without ReportBatchItemFailures any answer means success.
  if (!reportBatchItemFailures) return { kind: "ok" };
  const response = result.response as { batchItemFailures?: unknown } | null;
  // An empty list, null, or no answer at all: the whole batch succeeded.
  if (response === null || typeof response !== "object" || response.batchItemFailures == null) return { kind: "ok" };
  const failures = response.batchItemFailures;
  if (!Array.isArray(failures)) return { kind: "partial", from: 0 };
  if (failures.length === 0) return { kind: "ok" };
  let from = records.length;
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const index =
      typeof id === "string" && id !== "" ? records.findIndex((r) => r.dynamodb?.SequenceNumber === id) : -1;
    // An empty, null or unknown identifier, or a wrong key name, fails the whole batch.
    if (index === -1) return { kind: "partial", from: 0 };
    from = Math.min(from, index);
  }
  // Lambda checkpoints before the lowest failed record and retries from there.
  return { kind: "partial", from };
}
