// The AWS path: the records are read from a real stream (DynamoDB Local's); SQS and Lambda, which have
// no offline emulator, are the SDK clients mocked by aws-sdk-client-mock, so the exact calls can be
// checked: receive with a visibility timeout, delete only after an accepted replay, nothing deleted when
// the function fails part of the batch.
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import type { DynamoDBRecord } from "aws-lambda";
import { mockClient } from "aws-sdk-client-mock";
import { localClientConfig } from "../../emulation/emulator";
import { onFailureMessage } from "../../emulation/on-failure-message";
import { type RedriveSummary, redrive } from "../../redrive/redrive";
import { AwsInvoker } from "../../redrive/replay";
import { SqsFailureSource } from "../../redrive/sqs-source";
import { type RedriveTarget, readRedriveTarget } from "../../redrive/stack-target";
import { answerInvokes, firstInvoke } from "../support/lambda-answers";
import { booksTrigger, endpoint, LocalTrigger } from "./support/local-trigger";

const QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/books-dev-stream-handler-failures";
const RECEIPT = "receipt-1";

describe("redrive on AWS: the queue and the function through their SDK clients", () => {
  const sqs = mockClient(SQSClient);
  const lambda = mockClient(LambdaClient);
  const streams = new DynamoDBStreamsClient(localClientConfig(endpoint()));
  let local: LocalTrigger;
  let target: RedriveTarget;
  let parked: DynamoDBRecord[];
  let body: string;
  /** Every SQS and Lambda call, in order, by command name. */
  let calls: string[];

  const answer = (response: unknown, functionError?: string) => answerInvokes(lambda, calls, response, functionError);

  const run = (visibilitySeconds = 45): Promise<RedriveSummary> =>
    redrive({
      source: new SqsFailureSource({
        client: new SQSClient({ region: "eu-west-1" }),
        queueUrl: QUEUE_URL,
        visibilitySeconds,
      }),
      target,
      streams: async () => streams,
      invoker: new AwsInvoker(new LambdaClient({ region: "eu-west-1" }), target.function.name),
      local: false,
      log: () => undefined,
    });

  beforeAll(async () => {
    local = await new LocalTrigger(booksTrigger("awspath")).start();
    target = readRedriveTarget(local.outdir, local.tableName);
    for (const n of [1, 2, 3]) await local.put({ author: `Author ${n}`, bookTitle: `Title ${n}` });
    await local.waitFor("three records", () => local.invocations.length >= 3);
    // The batch of the first two records, parked as AWS parks it.
    parked = local.invocations.slice(0, 2).map((i) => i.records[0]);
    body = JSON.stringify(
      onFailureMessage({
        functionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${target.function.name}`,
        streamArn: parked[0].eventSourceARN!,
        shardId: local.invocations[0].shardId,
        records: parked,
        condition: "RetryAttemptsExhausted",
        approximateInvokeCount: 6,
        functionError: "Unhandled",
      }),
    );
  });

  beforeEach(() => {
    sqs.reset();
    lambda.reset();
    calls = [];
    sqs
      .on(ReceiveMessageCommand)
      .callsFakeOnce(async () => {
        calls.push("ReceiveMessage");
        return { Messages: [{ MessageId: "m-1", ReceiptHandle: RECEIPT, Body: body }] };
      })
      .callsFake(async () => {
        calls.push("ReceiveMessage");
        return {};
      });
    sqs.on(DeleteMessageCommand).callsFake(async () => calls.push("DeleteMessage") && {});
    sqs.on(ChangeMessageVisibilityCommand).callsFake(async () => calls.push("ChangeMessageVisibility") && {});
  });

  afterAll(async () => {
    await local.stop();
    streams.destroy();
    sqs.restore();
    lambda.restore();
  });

  test("receives one message at a time, hidden for the replay's longest duration", async () => {
    answer({ batchItemFailures: [] });
    await run(45);
    expect(sqs.commandCalls(ReceiveMessageCommand)[0].args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      MaxNumberOfMessages: 1,
      VisibilityTimeout: 45,
      WaitTimeSeconds: 1,
    });
  });

  test("invokes the stack's function synchronously with the parked records as a stream event", async () => {
    answer({ batchItemFailures: [] });
    await run();
    const { input, event } = firstInvoke(lambda);
    expect(input).toMatchObject({ FunctionName: target.function.name, InvocationType: "RequestResponse" });
    expect(event).toEqual({ Records: parked });
  });

  test("deletes the message after the function accepted every record, and only then", async () => {
    answer({ batchItemFailures: [] });
    const summary = await run();
    expect(calls).toEqual(["ReceiveMessage", "Invoke", "DeleteMessage", "ReceiveMessage"]);
    expect(sqs.commandCalls(DeleteMessageCommand)[0].args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      ReceiptHandle: RECEIPT,
    });
    expect(summary).toMatchObject({ messages: 1, removed: 1, replayed: 2, problems: [] });
  });

  test("deletes nothing when the function fails part of the batch, and makes the message visible again", async () => {
    answer({ batchItemFailures: [{ itemIdentifier: parked[1].dynamodb!.SequenceNumber }] });
    const summary = await run();
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: QUEUE_URL, ReceiptHandle: RECEIPT, VisibilityTimeout: 0 },
    ]);
    expect(summary).toMatchObject({ messages: 1, removed: 0, kept: 1, replayed: 1 });
    expect(summary.problems).toEqual([
      `m-1: replayed: 1 accepted, 1 record failed (sequence number ${parked[1].dynamodb!.SequenceNumber})`,
    ]);
  });

  test("deletes nothing when the function throws", async () => {
    answer({ errorType: "Error", errorMessage: "still broken" }, "Unhandled");
    const summary = await run();
    expect(sqs.commandCalls(DeleteMessageCommand)).toHaveLength(0);
    expect(summary.problems).toEqual(["m-1: replay failed: Error: still broken"]);
  });

  test("keeps the message hidden while a long replay runs", async () => {
    lambda.on(InvokeCommand).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      calls.push("Invoke");
      return { StatusCode: 200, Payload: new TextEncoder().encode("{}") };
    });
    await run(2);
    expect(calls.slice(0, 3)).toEqual(["ReceiveMessage", "ChangeMessageVisibility", "Invoke"]);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)[0].args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      ReceiptHandle: RECEIPT,
      VisibilityTimeout: 2,
    });
  });
});
