// Runs a bundled handler the way Lambda does, in a worker thread standing for one warm execution
// environment: the function's own environment variables, a Lambda-like context, its log lines
// captured per invocation, and its timeout enforced by ending the environment.
import { randomUUID } from "node:crypto";
import { Worker } from "node:worker_threads";
import type { LocalFunction } from "./synthesized-stacks";

export type InvocationResult =
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
    };

// Runs inside the worker. Log writes are sent to the parent line by line, in order with the result,
// so each line is attributed to its invocation even when the invocation times out.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("worker_threads");
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
const handler = require(workerData.file)[workerData.exportName];
if (typeof handler !== "function") throw new Error(workerData.exportName + " is not a function exported by " + workerData.file);
parentPort.on("message", async ({ id, event, context }) => {
  current = id;
  const ctx = { ...context, callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, context.deadline - Date.now()),
    done() {}, fail() {}, succeed() {} };
  try {
    const response = await handler(event, ctx);
    parentPort.postMessage({ id, response: response === undefined ? null : response });
  } catch (error) {
    parentPort.postMessage({ id, error: { errorType: (error && error.name) || "Error", errorMessage: String(error && error.message || error) } });
  }
});
`;

export class LambdaInvoker {
  private worker?: Worker;
  private readonly accountId = "000000000000";

  constructor(private readonly fn: LocalFunction) {}

  get functionArn(): string {
    return `arn:aws:lambda:${this.fn.region}:${this.accountId}:function:${this.fn.name}`;
  }

  private start(): Worker {
    return new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: this.fn.file, exportName: this.fn.exportName },
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
      },
      stdout: false,
      stderr: false,
    });
  }

  /** Invokes once; a throw, a crash or a timeout comes back as kind "error", as Lambda reports it. */
  invoke(event: unknown): Promise<InvocationResult> {
    const worker = (this.worker ??= this.start());
    const requestId = randomUUID();
    const started = Date.now();
    const timeoutMs = this.fn.timeoutSeconds * 1000;
    const logs: string[] = [];
    return new Promise((resolve) => {
      const finish = (result: InvocationResult, discardWorker: boolean) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (discardWorker) {
          this.worker = undefined;
          void worker.terminate();
        }
        resolve(result);
      };
      const error = (errorType: string, errorMessage: string, discard: boolean) =>
        finish({ kind: "error", errorType, errorMessage, logs, requestId, ms: Date.now() - started }, discard);
      const onMessage = (message: {
        id: string;
        log?: string;
        response?: unknown;
        error?: { errorType: string; errorMessage: string };
      }) => {
        if (message.id !== requestId) return;
        if (message.log !== undefined) logs.push(message.log);
        else if (message.error) error(message.error.errorType, message.error.errorMessage, false);
        else finish({ kind: "returned", response: message.response, logs, requestId, ms: Date.now() - started }, false);
      };
      const onError = (e: Error) => error("Runtime.UnhandledError", e.message, true);
      const onExit = (code: number) => error("Runtime.ExitError", `the runtime exited with code ${code}`, true);
      const timer = setTimeout(
        () => error("Sandbox.Timedout", `Task timed out after ${this.fn.timeoutSeconds.toFixed(2)} seconds`, true),
        timeoutMs,
      );
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.postMessage({
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
      });
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}
