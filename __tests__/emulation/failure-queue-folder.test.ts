import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { FailureQueueFolder } from "../../emulation/failure-queue-folder";
import { onFailureMessage } from "../../emulation/on-failure-message";
import { writeWhole } from "../../emulation/write-whole";
import { AWS_ON_FAILURE_EXAMPLE, parkedBatch } from "../support/on-failure-messages";
import { DAN_BROWN, streamRecord } from "../support/records";
import { tempDir } from "../support/stack";

/** Every key path of a JSON value, in order. */
const keyPaths = (value: unknown, prefix = ""): string[] =>
  value !== null && typeof value === "object"
    ? Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keyPaths(v, `${prefix}${k}.`)])
    : [];

describe("the local on-failure message", () => {
  const records = [1, 2, 3].map((n) =>
    streamRecord({ eventName: "INSERT", keys: { ...DAN_BROWN, n }, after: DAN_BROWN, sequenceNumber: `10${n}` }),
  );
  const batch = parkedBatch(records, { functionError: "Unhandled" });
  const message = onFailureMessage(batch, new Date("2026-11-24T10:00:00Z"));

  test("has AWS's fields in AWS's order", () => {
    expect(keyPaths(message)).toEqual(keyPaths(AWS_ON_FAILURE_EXAMPLE));
  });

  test("says how the last try failed", () => {
    expect(message.requestContext).toMatchObject({ condition: "RetryAttemptsExhausted", approximateInvokeCount: 6 });
    expect(message.responseContext).toEqual({
      statusCode: 200,
      executedVersion: "$LATEST",
      functionError: "Unhandled",
    });
    expect(message.timestamp).toBe("2026-11-24T10:00:00.000Z");
  });

  test("has functionError null when the last try returned its failures in batchItemFailures", () => {
    const returned = onFailureMessage({ ...batch, functionError: undefined });
    expect(returned.responseContext).toEqual({ statusCode: 200, executedVersion: "$LATEST", functionError: null });
  });

  test("points at the records by shard and sequence range, arrival in whole seconds, without holding them", () => {
    expect(message.DDBStreamBatchInfo).toEqual({
      shardId: "shardId-1",
      startSequenceNumber: "101",
      endSequenceNumber: "103",
      approximateArrivalOfFirstRecord: "2026-11-30T00:00:00Z",
      approximateArrivalOfLastRecord: "2026-11-30T00:00:00Z",
      batchSize: 3,
      streamArn: "arn:aws:dynamodb:eu-west-1:000000000000:table/t/stream/x",
    });
    expect(JSON.stringify(message)).not.toContain("Dan Brown");
  });

  test("is written as the SQS body exactly: compact JSON, no trailing newline, named by its first record", async () => {
    const folder = path.join(tempDir("destination-"), "q");
    const file = await new FailureQueueFolder(folder).write(batch);
    const text = readFileSync(file, "utf8");
    expect(text).toBe(JSON.stringify(JSON.parse(text)));
    expect(path.basename(file)).toMatch(/^101-[0-9a-f]{8}\.json$/);
    expect(readdirSync(folder)).toEqual([path.basename(file)]);
  });
});

describe("a message that cannot be written whole", () => {
  test("leaves no partial file behind, and its cause is thrown", () => {
    const folder = tempDir("full-disk-");
    const file = path.join(folder, "1-abc.json");
    // As on a full disk: the file is created, its content cannot be written.
    const fullDisk = (partial: string) => {
      writeFileSync(partial, "", { flag: "wx" });
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    };
    expect(() => writeWhole(file, "{}", fullDisk)).toThrow("ENOSPC");
    expect(readdirSync(folder)).toEqual([]);
  });
});
