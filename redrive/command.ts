// Wires one redrive run: the stack as synthesized, its parked batches (the SQS queue or the S3 bucket on
// AWS, the local runner's folder for either with --local), the stream reader, the function to replay
// into, and the closing summary.

import { existsSync } from "node:fs";
import * as path from "node:path";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import { SQSClient } from "@aws-sdk/client-sqs";
import { ClaimLocks } from "../emulation/claim-locks";
import { type LocalSession, runningLocalSessions } from "../emulation/session-file";
import { synthesizeInto } from "../emulation/synthesize";
import { readImagesWhole } from "../emulation/whole-images";
import type { RedriveOptions } from "./args";
import { findBucketName } from "./bucket-name";
import { FileFailureSource } from "./file-source";
import { idempotencyEndpoint, type LocalDynamoDB } from "./local-idempotency";
import { LocalStreams } from "./local-streams";
import { findQueueUrl } from "./queue-url";
import { RecordFile } from "./record-file";
import { type RedriveRun, type RedriveSummary, redrive } from "./redrive";
import { AwsInvoker, localInvoker } from "./replay";
import { records } from "./report";
import { S3FailureSource } from "./s3-source";
import { SqsFailureSource } from "./sqs-source";
import { type RedriveTarget, readRedriveTarget } from "./stack-target";

/** A replay may take the function's whole timeout; the margin covers reading the stream and the calls. */
export const VISIBILITY_MARGIN_SECONDS = 30;

type Wiring = Omit<RedriveRun, "log" | "target" | "out" | "max"> & { readonly where: string; close(): void };

/** A queue's messages point into the stream, which lives in a running session's DynamoDB Local. */
function requireSessions(sessions: readonly LocalSession[]): void {
  if (sessions.length === 0)
    throw new Error(
      "no local session is running: start `npm run local` in another terminal first (the records parked messages point to live in its in-memory DynamoDB Local)",
    );
}

function localWiring(
  root: string,
  target: RedriveTarget,
  sessions: LocalSession[],
  replay: boolean,
  dynamodb?: LocalDynamoDB,
): Wiring {
  const name = target.failureBucket ?? target.failureQueue;
  const folder = path.join(root, ".local", "failures", name);
  const shown = path.relative(root, folder);
  const streams = new LocalStreams(sessions);
  const invoker = replay ? localInvoker(target.function, dynamodb) : undefined;
  const layout = target.failureBucket !== undefined ? "bucket" : "queue";
  return {
    source: new FileFailureSource(folder, path.join(root, ".local", "redrive-locks", name), layout),
    streams: (arn) => streams.forStream(arn),
    invoker,
    local: true,
    where:
      sessions.length > 0 ? `${shown}/ (local session at ${sessions.map((s) => s.endpoint).join(", ")})` : `${shown}/`,
    close: () => streams.close(),
  };
}

/** The deployed queue or bucket, found from the stack's outputs; the client to close afterwards. */
function awsSource(root: string, outdir: string, target: RedriveTarget, options: RedriveOptions) {
  const region = target.function.region;
  const outputs = {
    stack: options.stack,
    outputsFile: options.outputs,
    outputPrefix: options.consumer ? `${options.consumer}_` : undefined,
    stackDir: path.relative(process.cwd(), path.join(outdir, "stacks", options.stack)),
  };
  if (target.failureBucket !== undefined) {
    const { name, accountId } = findBucketName({ ...outputs, localName: target.failureBucket });
    const client = new S3Client({ region });
    const locks = new ClaimLocks(path.join(root, ".local", "redrive-locks", name));
    return { client, source: new S3FailureSource({ client, bucket: name, expectedOwner: accountId, locks }) };
  }
  const { url } = findQueueUrl({ ...outputs, queueName: target.failureQueue });
  const client = new SQSClient({ region });
  const visibilitySeconds = target.function.timeoutSeconds + VISIBILITY_MARGIN_SECONDS;
  return { client, source: new SqsFailureSource({ client, queueUrl: url, visibilitySeconds }) };
}

function awsWiring(root: string, outdir: string, target: RedriveTarget, options: RedriveOptions): Wiring {
  const { client, source } = awsSource(root, outdir, target, options);
  const region = target.function.region;
  const lambda = new LambdaClient({ region });
  const streams = readImagesWhole(new DynamoDBStreamsClient({ region }));
  return {
    source,
    streams: async () => streams,
    invoker: options.replay ? new AwsInvoker(lambda, target.function.name) : undefined,
    local: false,
    where: source.where,
    close: () => {
      for (const c of [client, lambda, streams]) c.destroy();
    },
  };
}

export function closingLine(
  summary: RedriveSummary,
  replaying: boolean,
  noun: "message" | "object" = "message",
): string {
  const unreadable = summary.unreadable > 0 ? `${summary.unreadable} ${noun}(s) CANNOT BE READ` : undefined;
  if (summary.messages === 0) return unreadable ? `No readable parked ${noun}s; ${unreadable}.` : `No parked ${noun}s.`;
  const parts = [
    `${summary.messages} ${noun}(s), ${records(summary.found)} read back`,
    replaying ? `${summary.removed} replayed and deleted, ${summary.kept} kept` : `${summary.kept} kept`,
  ];
  if (summary.lost > 0) parts.push(`${records(summary.lost)} LOST`);
  if (unreadable) parts.push(unreadable);
  return `${parts.join("; ")}.`;
}

/** Exit code: 0 when nothing was lost or left unreplayed that should have been; 1 otherwise. */
export async function runRedriveCommand(root: string, options: RedriveOptions, log = console.log): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const sessions = options.local ? runningLocalSessions(root) : [];
  // Locally the replay runs the handler as it is now, so it is synthesized first.
  const outdir = options.local ? synthesizeInto(root, path.join(root, "cdktf.out")) : path.join(root, "cdktf.out");
  if (!options.local && !existsSync(path.join(outdir, "stacks")))
    throw new Error(`no synthesized ${options.stack} in ${path.relative(root, outdir)}/: run npm run synth first`);
  const target = readRedriveTarget(outdir, options.stack, options.consumer);
  // A replay is a plain batch: the function's window glue never sees it, so no aggregate includes it.
  if (options.replay && target.tumblingWindowSeconds > 0)
    log(
      `tumbling window (tumblingWindowSeconds ${target.tumblingWindowSeconds}): replayed records run the handler's work outside any window, so no window's state counts them (the windows they were read in have closed)`,
    );
  // An S3 object holds its records: replaying it locally needs no running session.
  if (options.local && target.failureQueue !== undefined) requireSessions(sessions);
  const dynamodb = options.local && options.replay ? await idempotencyEndpoint(target.function, sessions) : undefined;
  const wiring = options.local
    ? localWiring(root, target, sessions, options.replay, dynamodb)
    : awsWiring(root, outdir, target, options);
  const out = options.out ? new RecordFile(options.out) : undefined;
  log(
    `Redrive ${options.stack}: ${wiring.where} → ${target.function.name}${options.replay ? "" : " (showing only; --replay invokes it)"}`,
  );
  try {
    const summary = await redrive({ ...wiring, target, out, max: options.max, log });
    log(closingLine(summary, options.replay, wiring.source.noun));
    if (out) log(`${records(out.written)} written to ${options.out}`);
    for (const problem of summary.problems) log(`not replayed: ${problem}`);
    return summary.problems.length === 0 ? 0 : 1;
  } finally {
    out?.close();
    await wiring.invoker?.close();
    wiring.close();
  }
}
