import type { DynamoDBRecord } from "aws-lambda";
import type { ParkedBatch } from "../../emulation/on-failure-message";

// AWS's example of an on-failure message for a DynamoDB stream (Lambda developer guide, "Retaining
// discarded records for a DynamoDB event source"), as the SQS body arrives.
export const AWS_ON_FAILURE_EXAMPLE = {
  requestContext: {
    requestId: "316aa6d0-8154-xmpl-9af7-85d5f4a6bc81",
    functionArn: "arn:aws:lambda:us-east-2:123456789012:function:myfunction",
    condition: "RetryAttemptsExhausted",
    approximateInvokeCount: 1,
  },
  responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
  version: "1.0",
  timestamp: "2019-11-14T00:13:49.717Z",
  DDBStreamBatchInfo: {
    shardId: "shardId-00000001573689847184-864758bb",
    startSequenceNumber: "800000000003126276362",
    endSequenceNumber: "800000000003126276362",
    approximateArrivalOfFirstRecord: "2019-11-14T00:13:19Z",
    approximateArrivalOfLastRecord: "2019-11-14T00:13:19Z",
    batchSize: 1,
    streamArn: "arn:aws:dynamodb:us-east-2:123456789012:table/mytable/stream/2019-11-14T00:04:06.388",
  },
};

/** A batch as the local runner parks it, for onFailureMessage. */
export function parkedBatch(records: readonly DynamoDBRecord[], overrides: Partial<ParkedBatch> = {}): ParkedBatch {
  return {
    functionArn: "arn:aws:lambda:eu-west-1:000000000000:function:f",
    streamArn: "arn:aws:dynamodb:eu-west-1:000000000000:table/t/stream/x",
    shardId: "shardId-1",
    records,
    condition: "RetryAttemptsExhausted",
    approximateInvokeCount: 6,
    ...overrides,
  };
}
