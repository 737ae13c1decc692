// Lambda's tumbling windows as the local runner plays them: per shard, a window aligned to multiples of
// its length, the state each invocation answered carried to the next, and a final invocation with no
// records once the window's end has passed (then the next window starts with {}). An answer without a
// state fails the invocation, as in Lambda.
import type { DynamoDBRecord } from "aws-lambda";
import type { InvocationResult } from "./local-invoker";

interface OpenWindow {
  readonly startMs: number;
  readonly endMs: number;
  state: Record<string, unknown>;
}

/** The event of a batch in a window, as Lambda shapes it. */
export interface WindowEvent {
  readonly Records: readonly DynamoDBRecord[];
  readonly window: { readonly start: string; readonly end: string };
  readonly state: Record<string, unknown>;
  readonly shardId: string;
  readonly eventSourceARN: string;
  readonly isFinalInvokeForWindow: boolean;
  readonly isWindowTerminatedEarly: boolean;
}

export class TumblingWindows {
  private readonly open = new Map<string, OpenWindow>();

  constructor(
    private readonly seconds: number,
    private readonly streamArn: string,
  ) {}

  /** The event for a batch of `shardId` at `now`, opening a window when none is open. */
  event(shardId: string, records: readonly DynamoDBRecord[], now: number): WindowEvent {
    let window = this.open.get(shardId);
    if (!window) {
      const length = this.seconds * 1000;
      const startMs = Math.floor(now / length) * length;
      window = { startMs, endMs: startMs + length, state: {} };
      this.open.set(shardId, window);
    }
    return this.shape(shardId, window, records, false);
  }

  /** The closing invocation's event, when the shard's window has ended by `now`. */
  closing(shardId: string, now: number): WindowEvent | undefined {
    const window = this.open.get(shardId);
    if (!window || now < window.endMs) return undefined;
    return this.shape(shardId, window, [], true);
  }

  /** Keeps the state an invocation answered; a result without one becomes the failure Lambda makes of it. */
  answered(shardId: string, result: InvocationResult): InvocationResult {
    if (result.kind !== "returned") return result;
    const state = (result.response as { state?: unknown } | null)?.state;
    if (typeof state !== "object" || state === null || Array.isArray(state)) {
      return {
        kind: "error",
        errorType: "MissingWindowState",
        errorMessage: "the function answered a tumbling window's batch without a state object",
        logs: result.logs,
        requestId: result.requestId,
        ms: result.ms,
      };
    }
    const window = this.open.get(shardId);
    if (window) window.state = state as Record<string, unknown>;
    return result;
  }

  /** The closing invocation succeeded: the next batch opens a new window. */
  closed(shardId: string): void {
    this.open.delete(shardId);
  }

  private shape(shardId: string, window: OpenWindow, records: readonly DynamoDBRecord[], final: boolean): WindowEvent {
    return {
      Records: records,
      window: { start: iso(window.startMs), end: iso(window.endMs) },
      state: window.state,
      shardId,
      eventSourceARN: this.streamArn,
      isFinalInvokeForWindow: final,
      isWindowTerminatedEarly: false,
    };
  }
}

/** As Lambda writes a window's bounds: to the second, with Z. */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
