// Invokes the stack's function with parked records as a DynamoDB stream event and says which records it
// accepted, by the same ReportBatchItemFailures rules Lambda applies. On AWS a synchronous Invoke; locally
// the worker the local runner uses.

import { InvokeCommand, type InvokeCommandOutput, type LambdaClient } from "@aws-sdk/client-lambda";
import type { DynamoDBRecord } from "aws-lambda";
import { interpretResponse } from "../emulation/batch-response";
import { type InvocationResult, LocalInvoker } from "../emulation/local-invoker";
import type { LocalFunction } from "../emulation/synthesized-stacks";
import type { LocalDynamoDB } from "./local-idempotency";

export interface Invoker {
  invoke(event: { Records: readonly DynamoDBRecord[] }): Promise<InvocationResult>;
  close(): Promise<void>;
}

export type ReplayOutcome = (
  | { readonly kind: "accepted" }
  /** Records from `failedFrom` on failed (Lambda would retry from there); those before were accepted. */
  | { readonly kind: "partial"; readonly failedFrom: number }
  | { readonly kind: "error"; readonly error: string }
) & {
  /** What the function logged (locally; on AWS its log group has them). */
  readonly logs: readonly string[];
};

export async function replay(
  invoker: Invoker,
  records: readonly DynamoDBRecord[],
  reportBatchItemFailures: boolean,
): Promise<ReplayOutcome> {
  const result = await invoker.invoke({ Records: records });
  const { logs } = result;
  if (result.kind === "error") return { kind: "error", error: `${result.errorType}: ${result.errorMessage}`, logs };
  const outcome = interpretResponse(result, records, reportBatchItemFailures);
  if (outcome.kind === "ok") return { kind: "accepted", logs };
  if (outcome.kind === "partial") return { kind: "partial", failedFrom: outcome.from, logs };
  return { kind: "error", error: "the function failed", logs };
}

/** The function's answer as JSON; anything else as the text it is (which then fails the batch, as in Lambda). */
function parseOrText(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The deployed function, invoked synchronously (RequestResponse), unqualified: $LATEST, as the mapping runs it. */
export class AwsInvoker implements Invoker {
  constructor(
    private readonly client: LambdaClient,
    private readonly functionName: string,
  ) {}

  async invoke(event: { Records: readonly DynamoDBRecord[] }): Promise<InvocationResult> {
    const started = Date.now();
    const base = { logs: [], requestId: "", ms: 0 };
    let out: InvokeCommandOutput;
    try {
      out = await this.client.send(
        new InvokeCommand({
          FunctionName: this.functionName,
          InvocationType: "RequestResponse",
          Payload: new TextEncoder().encode(JSON.stringify(event)),
        }),
      );
    } catch (error) {
      const e = error as Error;
      return { ...base, kind: "error", errorType: e.name, errorMessage: e.message, ms: Date.now() - started };
    }
    const text = out.Payload ? new TextDecoder().decode(out.Payload) : "";
    const payload = parseOrText(text);
    const requestId = out.$metadata?.requestId ?? "";
    const ms = Date.now() - started;
    if (out.FunctionError) {
      const error = (payload ?? {}) as { errorType?: string; errorMessage?: string };
      const errorType = error.errorType ?? out.FunctionError;
      return { kind: "error", errorType, errorMessage: error.errorMessage ?? "", logs: [], requestId, ms };
    }
    return { kind: "returned", response: payload, logs: [], requestId, ms };
  }

  async close(): Promise<void> {}
}

/** The bundled handler in a worker thread, as `npm run local` runs it; its DynamoDB calls to `dynamodb`, if given. */
export function localInvoker(fn: LocalFunction, dynamodb?: LocalDynamoDB): Invoker {
  return new LocalInvoker(fn, dynamodb ? { dynamodb } : {});
}
