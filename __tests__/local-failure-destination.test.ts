import { onFailureMessage } from "../local/failure-destination";
import { DAN_BROWN, streamRecord } from "./support/records";

describe("the local on-failure message", () => {
  const records = [1, 2, 3].map((n) =>
    streamRecord({ eventName: "INSERT", keys: { ...DAN_BROWN, n }, after: DAN_BROWN, sequenceNumber: `10${n}` }),
  );
  const message = onFailureMessage(
    {
      functionArn: "arn:aws:lambda:eu-west-1:000000000000:function:f",
      streamArn: "arn:aws:dynamodb:eu-west-1:000000000000:table/t/stream/x",
      shardId: "shardId-1",
      records,
      condition: "RetryAttemptsExhausted",
      approximateInvokeCount: 6,
      functionError: "Unhandled",
    },
    new Date("2026-11-24T10:00:00Z"),
  );

  test("has AWS's shape: request and response context, version, timestamp and batch info", () => {
    expect(Object.keys(message).sort()).toEqual([
      "DDBStreamBatchInfo",
      "requestContext",
      "responseContext",
      "timestamp",
      "version",
    ]);
    expect(message.requestContext).toMatchObject({ condition: "RetryAttemptsExhausted", approximateInvokeCount: 6 });
    expect(message.responseContext).toEqual({
      statusCode: 200,
      executedVersion: "$LATEST",
      functionError: "Unhandled",
    });
    expect(message.timestamp).toBe("2026-11-24T10:00:00.000Z");
  });

  test("points at the records by shard and sequence range, without holding them", () => {
    expect(message.DDBStreamBatchInfo).toEqual({
      shardId: "shardId-1",
      startSequenceNumber: "101",
      endSequenceNumber: "103",
      approximateArrivalOfFirstRecord: "2026-11-30T00:00:00.000Z",
      approximateArrivalOfLastRecord: "2026-11-30T00:00:00.000Z",
      batchSize: 3,
      streamArn: "arn:aws:dynamodb:eu-west-1:000000000000:table/t/stream/x",
    });
    expect(JSON.stringify(message)).not.toContain("Dan Brown");
  });
});
