// Runs a bundled handler the way Lambda does, in a worker thread standing for one warm execution
// environment: the function's own environment variables, a Lambda-like context, its log lines
// captured per invocation, its timeout enforced by ending the environment. Nothing the function does
// reaches the runner: a throw or rejection outside the handler's promise, an exit or running out of
// memory fails the invocation in flight (or, between invocations, just ends that environment), and the
// next invocation starts a fresh one, as Lambda replaces a crashed environment.
import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { LocalFunction } from "./synthesized-stacks";

export type InvocationResult = (
  | {
      readonly kind: "returned";
      readonly response: unknown;
      readonly logs: string[];
      readonly requestId: string;
      readonly ms: number;
    }
  | {
      readonly kind: "error";
      readonly errorType: string;
      readonly errorMessage: string;
      readonly logs: string[];
      readonly requestId: string;
      readonly ms: number;
    }
) & {
  /** Whether this invocation started a fresh environment (Lambda's cold start); local invocations only. */
  readonly coldStart?: boolean;
};

/** An environment that crashed or exited while no invocation was running in it. */
export interface EnvironmentEnd {
  readonly functionName: string;
  /** The last invocation it ran, whose timers or promises most likely caused it. */
  readonly requestId?: string;
  readonly error: string;
}

export interface LambdaInvokerOptions {
  readonly onEnvironmentEnd?: (end: EnvironmentEnd) => void;
  /** Where the function's own DynamoDB calls go (DynamoDB Local), with its credentials; default nowhere. */
  readonly dynamodb?: { readonly endpoint: string; readonly accessKeyId: string; readonly secretAccessKey: string };
}

// Runs inside the worker. Log writes are sent to the parent line by line, in order with the result,
// so each line is attributed to its invocation even when the invocation times out.
// Source maps on: a bundle built with one (npm run local's) reports handlers/record.ts:LINE in a stack.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("worker_threads");
process.setSourceMapsEnabled(true);
let current;
const capture = (chunk, encoding, callback) => {
  const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
  for (const line of text.split("\\n")) if (line !== "") parentPort.postMessage({ id: current, log: line });
  const done = typeof encoding === "function" ? encoding : callback;
  if (done) done();
  return true;
};
process.stdout.write = capture;
process.stderr.write = capture;
// A module that throws while it loads, or exports no handler, fails each invocation as Lambda's init
// does, instead of crashing the environment before it takes the event (which would restart it in a loop).
let handler, initError;
try {
  handler = require(workerData.file)[workerData.exportName];
  if (typeof handler !== "function")
    initError = { errorType: "Runtime.HandlerNotFound", errorMessage: workerData.exportName + " is not a function exported by " + workerData.file };
} catch (error) {
  initError = { errorType: "Runtime.InitError", errorMessage: "the module threw while it loaded: " + ((error && error.name) || "Error") + ": " + String(error && error.message || error) };
}
// The function's memory: its heap and what its Buffers and ArrayBuffers hold outside the heap (this
// thread's own figures), checked when the handler settles and every 20 ms while it runs. Over the limit,
// a full collection decides (only memory still held counts); then the invocation fails as Lambda's does
// when it kills the environment.
const limitBytes = workerData.memorySize * 1024 * 1024;
const held = () => { const m = process.memoryUsage(); return m.heapUsed + m.external; };
let collect;
const overLimit = () => {
  if (held() <= limitBytes) return false;
  if (!collect) {
    require("v8").setFlagsFromString("--expose-gc");
    collect = require("vm").runInNewContext("gc");
  }
  collect();
  return held() > limitBytes;
};
const outOfMemory = (id) => parentPort.postMessage({ id, killed: true, error: { errorType: "Runtime.OutOfMemory",
  errorMessage: "Runtime exited with error: signal: killed (the function held " + Math.round(held() / 1048576) + " MB of heap and buffers; memorySize is " + workerData.memorySize + " MB)" } });
parentPort.on("message", async ({ id, event, context }) => {
  current = id;
  parentPort.postMessage({ id, received: true });
  if (initError) return parentPort.postMessage({ id, error: initError, init: true });
  const ctx = { ...context, callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, context.deadline - Date.now()),
    done() {}, fail() {}, succeed() {} };
  let killed = false;
  const watch = setInterval(() => { if (!killed && overLimit()) { killed = true; outOfMemory(id); } }, 20);
  let outcome;
  try {
    const response = await handler(event, ctx);
    outcome = { id, response: response === undefined ? null : response };
  } catch (error) {
    outcome = { id, error: { errorType: (error && error.name) || "Error", errorMessage: String(error && error.message || error) } };
  }
  clearInterval(watch);
  if (killed) return;
  if (overLimit()) return outOfMemory(id);
  parentPort.postMessage(outcome);
});
`;

interface Pending {
  readonly requestId: string;
  readonly message: unknown;
  /** The environment took the event: a crash before that was the previous environment's, not this event's. */
  received: boolean;
  readonly started: number;
  /** The invocation got a fresh environment. */
  coldStart: boolean;
  readonly logs: string[];
  readonly timer: NodeJS.Timeout;
  readonly resolve: (result: InvocationResult) => void;
}

interface WorkerMessage {
  readonly id: string;
  readonly received?: boolean;
  readonly log?: string;
  readonly response?: unknown;
  readonly error?: { errorType: string; errorMessage: string };
  /** The error is the module's, while it loaded: the environment is not reused. */
  readonly init?: boolean;
  /** The function went over its memory: Lambda kills the environment, so it is not reused. */
  readonly killed?: boolean;
}

export class LocalInvoker {
  private worker?: Worker;
  private pending?: Pending;
  private lastRequestId?: string;
  private readonly accountId = "000000000000";

  constructor(
    private readonly fn: LocalFunction,
    private readonly options: LambdaInvokerOptions = {},
  ) {}

  get functionArn(): string {
    return `arn:aws:lambda:${this.fn.region}:${this.accountId}:function:${this.fn.name}`;
  }

  /** Whether an invocation is running (Ctrl-C says so). */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  /** The bundle's modification time when the environment loaded it. */
  private loaded?: number;

  private bundleStamp(): number | undefined {
    try {
      return statSync(this.fn.file).mtimeMs;
    } catch {
      return undefined; // a rebuild is replacing it; the environment keeps what it loaded
    }
  }

  /**
   * A bundle rebuilt since the environment loaded it (npm run local watches the handler's sources):
   * the next invocation gets a fresh environment running the new code, as after a deploy.
   */
  private replaceIfRebuilt(): void {
    const stamp = this.bundleStamp();
    if (!this.worker || stamp === undefined || stamp === this.loaded) return;
    const stale = this.worker;
    this.worker = undefined;
    void stale.terminate();
  }

  private start(): Worker {
    this.loaded = this.bundleStamp();
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: this.fn.file, exportName: this.fn.exportName, memorySize: this.fn.memorySize },
      env: {
        PATH: process.env.PATH ?? "",
        TZ: "UTC",
        ...this.fn.environment,
        AWS_REGION: this.fn.region,
        AWS_DEFAULT_REGION: this.fn.region,
        AWS_LAMBDA_FUNCTION_NAME: this.fn.name,
        AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(this.fn.memorySize),
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${this.fn.name}`,
        AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
        AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
        // The AWS SDK's per-service endpoint variable: the function's calls (its idempotency records) go there.
        ...(this.options.dynamodb && {
          AWS_ENDPOINT_URL_DYNAMODB: this.options.dynamodb.endpoint,
          AWS_ACCESS_KEY_ID: this.options.dynamodb.accessKeyId,
          AWS_SECRET_ACCESS_KEY: this.options.dynamodb.secretAccessKey,
        }),
      },
      // The function's memory bounds its heap, so a leak fails the invocation instead of the runner (what
      // it holds outside the heap, in buffers, is measured by the worker itself: see WORKER_SOURCE).
      resourceLimits: { maxOldGenerationSizeMb: Math.max(64, this.fn.memorySize) },
      stdout: false,
      stderr: false,
    });
    // Listeners for the worker's whole life: an error or exit with no invocation running must still
    // be caught, or Node would rethrow it in the runner. An error is acted on at the exit that follows it:
    // Node hands the error over on a channel of its own, possibly before an answer the function posted
    // just before it threw, and delivers every posted message before it emits "exit".
    let crash: { errorType: string; message: string } | undefined;
    worker.on("message", (message: WorkerMessage) => this.onMessage(message));
    worker.on("error", (error: Error & { code?: string }) => {
      crash ??= {
        errorType: error.code === "ERR_WORKER_OUT_OF_MEMORY" ? "Runtime.OutOfMemory" : "Runtime.UnhandledError",
        message: `${error.name}: ${error.message}`,
      };
    });
    worker.on("exit", (code) =>
      crash
        ? this.ended(worker, crash.errorType, crash.message)
        : this.ended(worker, "Runtime.ExitError", `the runtime exited with code ${code}`),
    );
    return worker;
  }

  private onMessage(message: WorkerMessage): void {
    const pending = this.pending;
    if (!pending || message.id !== pending.requestId) return;
    if (message.received) pending.received = true;
    else if (message.log !== undefined) pending.logs.push(message.log);
    else if (message.error) {
      // Lambda initializes a new environment for the next invocation after a failed init.
      if (message.init || message.killed) this.discardWorker();
      this.fail(message.error.errorType, message.error.errorMessage);
    } else
      this.settle({
        kind: "returned",
        response: message.response,
        logs: pending.logs,
        requestId: pending.requestId,
        ms: Date.now() - pending.started,
        coldStart: pending.coldStart,
      });
  }

  private settle(result: InvocationResult): void {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending = undefined;
    this.lastRequestId = pending.requestId;
    pending.resolve(result);
  }

  private fail(errorType: string, errorMessage: string): void {
    const pending = this.pending;
    if (pending)
      this.settle({
        kind: "error",
        errorType,
        errorMessage,
        logs: pending.logs,
        requestId: pending.requestId,
        ms: Date.now() - pending.started,
        coldStart: pending.coldStart,
      });
  }

  /** The environment is gone (crash, exit, timeout): forget it, and say why if nothing was running. */
  private ended(worker: Worker, errorType: string, message: string) {
    if (this.worker !== worker) return; // already replaced; its exit after terminate() is expected
    this.worker = undefined;
    void worker.terminate();
    const pending = this.pending;
    if (pending && !pending.received) {
      // The environment died before it took the event (it exited between invocations): hand the event
      // to a fresh one, at no cost to this invocation.
      this.worker = this.start();
      pending.coldStart = true;
      this.worker.postMessage(pending.message);
      return this.reportEnd(message);
    }
    if (pending) return this.fail(errorType, message);
    this.reportEnd(message);
  }

  private reportEnd(message: string): void {
    this.options.onEnvironmentEnd?.({ functionName: this.fn.name, requestId: this.lastRequestId, error: message });
  }

  /** Invokes once; a throw, a crash or a timeout comes back as kind "error", as Lambda reports it. */
  invoke(event: unknown): Promise<InvocationResult> {
    if (this.pending) throw new Error(`${this.fn.name}: one invocation at a time per environment`);
    this.replaceIfRebuilt();
    const coldStart = this.worker === undefined;
    const worker = (this.worker ??= this.start());
    const requestId = randomUUID();
    const started = Date.now();
    const timeoutMs = this.fn.timeoutSeconds * 1000;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // Lambda ends a timed-out environment; the next invocation gets a fresh one.
        this.discardWorker();
        this.fail("Sandbox.Timedout", `Task timed out after ${this.fn.timeoutSeconds.toFixed(2)} seconds`);
      }, timeoutMs);
      const message = {
        id: requestId,
        event,
        context: {
          awsRequestId: requestId,
          functionName: this.fn.name,
          functionVersion: "$LATEST",
          invokedFunctionArn: this.functionArn,
          memoryLimitInMB: String(this.fn.memorySize),
          logGroupName: `/aws/lambda/${this.fn.name}`,
          logStreamName: `local/[$LATEST]${requestId.slice(0, 8)}`,
          deadline: started + timeoutMs,
        },
      };
      this.pending = { requestId, message, received: false, started, coldStart, logs: [], timer, resolve };
      worker.postMessage(message);
    });
  }

  /** Forgets the environment and ends it; its exit is expected, not reported. */
  private discardWorker(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  /** Ends the environment at once; an invocation in flight comes back as Runtime.Terminated. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.fail("Runtime.Terminated", "the local runner stopped during the invocation");
    if (worker) await worker.terminate();
  }
}
