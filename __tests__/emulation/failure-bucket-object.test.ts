// Reading an object from the failure bucket: the on-failure message's pointer, plus the records its
// payload holds (AWS writes the original invocation event there as an escaped JSON string), checked
// against the batch info they must match.
import type { DynamoDBRecord } from "aws-lambda";
import { onFailureObject, readOnFailureMessage } from "../../emulation/on-failure-message";
import { AWS_ON_FAILURE_EXAMPLE, parkedBatch } from "../support/on-failure-messages";
import { DAN_BROWN, streamRecord } from "../support/records";

const record = (sequenceNumber: string): DynamoDBRecord =>
  streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN, sequenceNumber });
/** AWS's documented example with a payload of `records`, as an escaped JSON string. */
const awsObject = (records: unknown[], payload: unknown = JSON.stringify({ Records: records })) =>
  JSON.stringify({ ...AWS_ON_FAILURE_EXAMPLE, payload });
const EXAMPLE_SEQUENCE = AWS_ON_FAILURE_EXAMPLE.DDBStreamBatchInfo.startSequenceNumber;

describe("reading an object from the failure bucket", () => {
  test("takes the records out of the payload of AWS's example object, beside the pointer", () => {
    const records = [record(EXAMPLE_SEQUENCE)];
    expect(readOnFailureMessage(awsObject(records))).toMatchObject({
      shardId: AWS_ON_FAILURE_EXAMPLE.DDBStreamBatchInfo.shardId,
      startSequenceNumber: EXAMPLE_SEQUENCE,
      batchSize: 1,
      records,
    });
  });

  test("reads what the local runner parks in its bucket folder the same way", () => {
    const records = [record("501"), record("502")];
    expect(readOnFailureMessage(JSON.stringify(onFailureObject(parkedBatch(records))))).toMatchObject({
      startSequenceNumber: "501",
      endSequenceNumber: "502",
      records,
    });
  });

  test("also reads a payload written as an object rather than a string", () => {
    const records = [record(EXAMPLE_SEQUENCE)];
    expect(readOnFailureMessage(awsObject(records, { Records: records }))).toMatchObject({ records });
  });

  test("has no records for a queue's message, which only points into the stream", () => {
    expect(readOnFailureMessage(JSON.stringify(AWS_ON_FAILURE_EXAMPLE))).not.toHaveProperty("records");
  });

  test.each([
    ["a payload that is not JSON", awsObject([], "{not json"), "payload is not JSON"],
    ["a payload with no records", awsObject([]), "payload holds no Records: not a DynamoDB stream event"],
    [
      "a record without a sequence number",
      awsObject([{ eventName: "INSERT", dynamodb: {} }]),
      "payload has a record without a dynamodb.SequenceNumber",
    ],
    [
      "records from another range",
      awsObject([record("7")]),
      `payload's records run from 7 to 7, not from ${EXAMPLE_SEQUENCE} to ${EXAMPLE_SEQUENCE} as DDBStreamBatchInfo says`,
    ],
    [
      "more records than the batch held",
      awsObject([record(EXAMPLE_SEQUENCE), record(EXAMPLE_SEQUENCE)]),
      "payload holds 2 records; DDBStreamBatchInfo.batchSize is 1",
    ],
  ])("refuses %s", (_, body, invalid) => {
    expect(readOnFailureMessage(body)).toEqual({ invalid });
  });
});
