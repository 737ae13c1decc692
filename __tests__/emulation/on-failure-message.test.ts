import { onFailureMessage, readOnFailureMessage } from "../../emulation/on-failure-message";
import { AWS_ON_FAILURE_EXAMPLE, parkedBatch } from "../support/on-failure-messages";
import { DAN_BROWN, streamRecord } from "../support/records";

const AWS_EXAMPLE = JSON.stringify(AWS_ON_FAILURE_EXAMPLE);

describe("reading an on-failure message", () => {
  test("takes the pointer out of AWS's example message", () => {
    expect(readOnFailureMessage(AWS_EXAMPLE)).toEqual({
      condition: "RetryAttemptsExhausted",
      functionArn: "arn:aws:lambda:us-east-2:123456789012:function:myfunction",
      parkedAt: "2019-11-14T00:13:49.717Z",
      streamArn: "arn:aws:dynamodb:us-east-2:123456789012:table/mytable/stream/2019-11-14T00:04:06.388",
      shardId: "shardId-00000001573689847184-864758bb",
      startSequenceNumber: "800000000003126276362",
      endSequenceNumber: "800000000003126276362",
      batchSize: 1,
      firstArrival: "2019-11-14T00:13:19Z",
    });
  });

  test("reads what the local runner parks the same way", () => {
    const records = [streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN, sequenceNumber: "111" })];
    const body = JSON.stringify(onFailureMessage(parkedBatch(records)));
    expect(readOnFailureMessage(body)).toMatchObject({
      startSequenceNumber: "111",
      endSequenceNumber: "111",
      batchSize: 1,
    });
  });

  test.each([
    ["not json", "the body is not JSON"],
    ['{"KinesisBatchInfo":{}}', "no DDBStreamBatchInfo: not from a DynamoDB stream"],
    [
      '{"DDBStreamBatchInfo":{"shardId":"s","startSequenceNumber":"1","endSequenceNumber":"2"}}',
      "DDBStreamBatchInfo.streamArn is undefined; expected text",
    ],
    [
      '{"DDBStreamBatchInfo":{"shardId":"s","startSequenceNumber":"1x","endSequenceNumber":"2","streamArn":"a"}}',
      'DDBStreamBatchInfo.startSequenceNumber is "1x"; expected decimal digits',
    ],
    [
      '{"DDBStreamBatchInfo":{"shardId":"s","startSequenceNumber":"3","endSequenceNumber":"2","streamArn":"a"}}',
      "startSequenceNumber 3 is after endSequenceNumber 2",
    ],
  ])("refuses %s: %s", (body, invalid) => {
    expect(readOnFailureMessage(body)).toEqual({ invalid });
  });
});
