// Delivery of one batch with the function stubbed in-process and time simulated: each pause advances a
// virtual clock at once, so retry, bisect and age-out rules are tested without a stream, a worker thread
// or a wall-clock wait deciding a result.
import type { DynamoDBRecord } from "aws-lambda";
import type { InvocationResult } from "../../emulation/local-invoker";
import { toLambdaRecord } from "../../emulation/stream-records";
import type { LocalMapping } from "../../emulation/synthesized-stacks";
import { Delivery, type Invoker, type ParkingDestination } from "../../local/delivery";
import type { Backoff } from "../../local/retry-policy";
import type { RunnerReport } from "../../local/runner-reports";
import { record, STREAM } from "./fake-stream";

/** A handler run in-process: what it returns is the response, what it throws is a function error. */
export type StubHandler = (event: { Records: DynamoDBRecord[] }) => unknown;

export class StubInvoker implements Invoker {
  readonly functionArn = "arn:aws:lambda:eu-west-1:000000000000:function:f";
  private requests = 0;

  constructor(private readonly handler: StubHandler) {}

  async invoke(event: { Records: DynamoDBRecord[] }): Promise<InvocationResult> {
    const requestId = `request-${++this.requests}`;
    try {
      const response = await this.handler(event);
      return { kind: "returned", response: response ?? null, logs: [], requestId, ms: 0 };
    } catch (error) {
      const e = error as Error;
      return { kind: "error", errorType: e.name, errorMessage: e.message, logs: [], requestId, ms: 0 };
    }
  }
}

/** A stream record as Lambda delivers it (see fake-stream's `record`). */
export const lambdaRecord = (...args: Parameters<typeof record>): DynamoDBRecord =>
  toLambdaRecord(record(...args), STREAM, "eu-west-1");

export interface StubDeliveryOptions {
  readonly retryBackoff?: Backoff;
  readonly destination?: ParkingDestination;
  /** The virtual clock's start (epoch ms); the real time by default. */
  readonly startMs?: number;
}

export class StubDelivery {
  readonly reports: RunnerReport[] = [];
  /** Every pause delivery asked for, in order. */
  readonly pauses: number[] = [];
  readonly checkpoints: string[] = [];
  readonly delivery: Delivery;
  private readonly startMs: number;
  private elapsedMs = 0;
  private stopAtMs = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(mapping: LocalMapping, handler: StubHandler, options: StubDeliveryOptions = {}) {
    this.startMs = options.startMs ?? Date.now();
    this.delivery = new Delivery({
      mapping,
      streamArn: STREAM,
      invoker: new StubInvoker(handler),
      destination: options.destination,
      report: (r) => this.reports.push(r),
      pause: async (ms) => this.pause(ms),
      stopped: () => this.stopped,
      retryBackoff: options.retryBackoff,
      clock: () => this.now(),
    });
  }

  now(): number {
    return this.startMs + this.elapsedMs;
  }

  /** Advances the virtual clock; a pause reaching the end of the run stops it, as stop() wakes a pause. */
  private pause(ms: number): void {
    this.pauses.push(ms);
    if (this.elapsedMs + ms >= this.stopAtMs) {
      this.elapsedMs = this.stopAtMs;
      this.stopped = true;
    } else {
      this.elapsedMs += ms;
    }
  }

  /**
   * Fetches `records` now and delivers them as one batch; the run stops once `forMs` of virtual time
   * have passed. Resolves with delivery's answer: false when the run stopped first.
   */
  async deliver(records: DynamoDBRecord[], forMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    for (const r of records) this.delivery.fetched(r.dynamodb!.SequenceNumber!);
    this.stopAtMs = this.elapsedMs + forMs;
    return this.delivery.deliver("only", records, (sequenceNumber) => this.checkpoints.push(sequenceNumber));
  }
}
