import type { DynamoDBRecord } from "aws-lambda";
import { cardsOf, changedAttributes } from "../../../local/console/cards";
import type { InvocationReport } from "../../../local/runner-reports";

const record = (seq: string, eventName: "INSERT" | "MODIFY", images: Partial<DynamoDBRecord["dynamodb"]>) =>
  ({ eventName, dynamodb: { SequenceNumber: seq, Keys: { id: { S: "a" } }, ...images } }) as DynamoDBRecord;

const invocation = (records: DynamoDBRecord[], failed: string[]): InvocationReport => ({
  kind: "invocation",
  functionName: "f",
  tableName: "t",
  shardId: "s",
  records,
  failed,
  attempt: 1,
  result: { kind: "returned", response: {}, logs: ["line"], requestId: "r", ms: 5, coldStart: true },
});

describe("the console's record cards", () => {
  test("mark attributes added, removed or changed between the images", () => {
    expect(
      changedAttributes(
        { a: { S: "1" }, b: { S: "2" }, c: { N: "3" } },
        { a: { S: "1" }, b: { S: "x" }, d: { S: "4" } },
      ),
    ).toEqual(["b", "c", "d"]);
  });

  test("mark nothing when there is only one image", () => {
    expect(changedAttributes({ a: { S: "1" } }, undefined)).toEqual([]);
  });

  test("make one card per record, failed ones as failed, with the invocation's logs, time and cold start", () => {
    const cards = cardsOf(
      invocation(
        [
          record("1", "INSERT", { NewImage: { id: { S: "a" } } }),
          record("2", "MODIFY", { NewImage: { id: { S: "a" }, x: { S: "y" } }, OldImage: { id: { S: "a" } } }),
        ],
        ["2"],
      ),
    );
    expect(cards).toMatchObject([
      { type: "record", eventName: "INSERT", status: "delivered", ms: 5, coldStart: true, logs: ["line"], changed: [] },
      { type: "record", eventName: "MODIFY", status: "failed", changed: ["x"], batchSize: 2 },
    ]);
  });

  test("show filtered-out records as such", () => {
    const [card] = cardsOf({
      kind: "filtered-out",
      functionName: "f",
      tableName: "t",
      records: [record("3", "INSERT", {})],
    });
    expect(card).toMatchObject({ type: "record", status: "filtered-out", sequenceNumber: "3" });
  });

  test("say a parked batch as a notice", () => {
    const [card] = cardsOf({
      kind: "parked",
      functionName: "f",
      tableName: "t",
      condition: "RetryAttemptsExhausted",
      records: [],
      file: "x",
    });
    expect(card).toMatchObject({ type: "notice", severity: "parked" });
  });
});
