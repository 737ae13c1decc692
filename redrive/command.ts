// Wires one redrive run: the stack as synthesized, its failure messages (the SQS queue on AWS, the local
// runner's folder with --local), the stream reader, the function to replay into, and the closing summary.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { SQSClient } from "@aws-sdk/client-sqs";
import { type LocalSession, runningLocalSessions } from "../local/session-file";
import type { RedriveOptions } from "./args";
import { FileFailureSource } from "./file-source";
import { LocalStreams } from "./local-streams";
import { findQueueUrl } from "./queue-url";
import { RecordFile } from "./record-file";
import { type RedriveRun, type RedriveSummary, redrive } from "./redrive";
import { AwsInvoker, localInvoker } from "./replay";
import { records } from "./report";
import { SqsFailureSource } from "./sqs-source";
import { type RedriveTarget, readRedriveTarget } from "./stack-target";

/** A replay may take the function's whole timeout; the margin covers reading the stream and the calls. */
export const VISIBILITY_MARGIN_SECONDS = 30;

/** Runs cdktf.json's app into cdktf.out, as `npm run local` does, so the replay runs the handler as it is now. */
function synthesize(root: string): string {
  const outdir = path.join(root, "cdktf.out");
  const { app } = JSON.parse(readFileSync(path.join(root, "cdktf.json"), "utf8"));
  const env = { ...process.env, CDKTF_OUTDIR: outdir };
  const run = spawnSync("sh", ["-c", app], { cwd: root, stdio: ["ignore", "inherit", "inherit"], env });
  if (run.status !== 0) throw new Error("synth failed: fix the error above and try again");
  return outdir;
}

type Wiring = Omit<RedriveRun, "log" | "target" | "out" | "max"> & { readonly where: string; close(): void };

/** The running `npm run local` sessions; checked before synth, to fail fast. */
function localSessions(root: string): LocalSession[] {
  const sessions = runningLocalSessions(root);
  if (sessions.length === 0)
    throw new Error(
      "no local session is running: start `npm run local` in another terminal first (the records parked messages point to live in its in-memory DynamoDB Local)",
    );
  return sessions;
}

function localWiring(root: string, target: RedriveTarget, sessions: LocalSession[], replay: boolean): Wiring {
  const queueFolder = path.join(root, ".local", "failures", target.failureQueue);
  const shown = path.relative(root, queueFolder);
  const streams = new LocalStreams(sessions);
  const invoker = replay ? localInvoker(target.function) : undefined;
  return {
    source: new FileFailureSource(queueFolder, path.join(root, ".local", "redrive-locks", target.failureQueue)),
    streams: (arn) => streams.forStream(arn),
    invoker,
    local: true,
    where: `${shown}/ (local session at ${sessions.map((s) => s.endpoint).join(", ")})`,
    close: () => streams.close(),
  };
}

function awsWiring(outdir: string, target: RedriveTarget, options: RedriveOptions): Wiring {
  const { url } = findQueueUrl({
    stack: options.stack,
    queueName: target.failureQueue,
    outputsFile: options.outputs,
    stackDir: path.relative(process.cwd(), path.join(outdir, "stacks", options.stack)),
  });
  const region = target.function.region;
  const sqs = new SQSClient({ region });
  const lambda = new LambdaClient({ region });
  const streams = new DynamoDBStreamsClient({ region });
  return {
    source: new SqsFailureSource({
      client: sqs,
      queueUrl: url,
      visibilitySeconds: target.function.timeoutSeconds + VISIBILITY_MARGIN_SECONDS,
    }),
    streams: async () => streams,
    invoker: options.replay ? new AwsInvoker(lambda, target.function.name) : undefined,
    local: false,
    where: url,
    close: () => {
      for (const client of [sqs, lambda, streams]) client.destroy();
    },
  };
}

export function closingLine(summary: RedriveSummary, replaying: boolean): string {
  if (summary.messages === 0) return "No parked messages.";
  const parts = [
    `${summary.messages} message(s), ${records(summary.found)} read back`,
    replaying ? `${summary.removed} replayed and deleted, ${summary.kept} kept` : `${summary.kept} kept`,
  ];
  if (summary.lost > 0) parts.push(`${records(summary.lost)} LOST`);
  return `${parts.join("; ")}.`;
}

/** Exit code: 0 when nothing was lost or left unreplayed that should have been; 1 otherwise. */
export async function runRedriveCommand(root: string, options: RedriveOptions, log = console.log): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const sessions = options.local ? localSessions(root) : [];
  const outdir = options.local ? synthesize(root) : path.join(root, "cdktf.out");
  if (!options.local && !existsSync(path.join(outdir, "stacks", options.stack, "cdk.tf.json")))
    throw new Error(`no synthesized ${options.stack} in ${path.relative(root, outdir)}/: run npm run synth first`);
  const target = readRedriveTarget(outdir, options.stack);
  const wiring = options.local
    ? localWiring(root, target, sessions, options.replay)
    : awsWiring(outdir, target, options);
  const out = options.out ? new RecordFile(options.out) : undefined;
  log(
    `Redrive ${options.stack}: ${wiring.where} → ${target.function.name}${options.replay ? "" : " (showing only; --replay invokes it)"}`,
  );
  try {
    const summary = await redrive({ ...wiring, target, out, max: options.max, log });
    log(closingLine(summary, options.replay));
    if (out) log(`${records(out.written)} written to ${options.out}`);
    for (const problem of summary.problems) log(`not replayed: ${problem}`);
    return summary.problems.length === 0 ? 0 : 1;
  } finally {
    out?.close();
    await wiring.invoker?.close();
    wiring.close();
  }
}
