// failureDestination "s3", locally: what the runner parks is a file shaped as Lambda's S3 object, at
// AWS's key layout, holding the record itself; redrive reads the records from it and never from the
// stream, and says so. (The park-fix-replay story for both destinations is redrive-local.test.ts.)
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { LOCAL_ACCOUNT_ID, localMappingUuid } from "../../emulation/failure-bucket-folder";
import { snapshot } from "../support/file-tree";
import { FAIL_UNTIL_FIXED, LocalRedrive, parkTheThirdOfFive } from "./support/local-redrive";
import { booksTrigger, LocalTrigger } from "./support/local-trigger";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

describe("a batch parked in the local failure bucket", () => {
  let local: LocalTrigger;
  let redriver: LocalRedrive;
  let key: string;

  beforeAll(async () => {
    const trigger = booksTrigger("parks3", {
      handlerEntry: FAIL_UNTIL_FIXED,
      maximumRetryAttempts: 1,
      failureDestination: "s3",
    });
    local = await new LocalTrigger(trigger).start();
    redriver = new LocalRedrive(local);
    await parkTheThirdOfFive(local, redriver);
    [key] = [...snapshot(redriver.queueFolder).keys()];
  });

  afterAll(async () => {
    await local.stop();
    redriver.close();
  });

  test("sits in a folder named as the bucket, with the local account ID for the deployed one", () => {
    expect(path.basename(redriver.queueFolder)).toBe(`${local.tableName}-stream-handler-failures-${LOCAL_ACCOUNT_ID}`);
  });

  test("is at AWS's key: aws/lambda/<mapping UUID>/<shard>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<UUID>", () => {
    const prefix = `aws/lambda/${localMappingUuid(redriver.target)}/${local.invocations[0].shardId}/`;
    expect(key.startsWith(prefix)).toBe(true);
    expect(key.slice(prefix.length)).toMatch(
      new RegExp(`^(\\d{4})/(\\d{2})/(\\d{2})/\\1-\\2-\\3T\\d{2}\\.\\d{2}\\.\\d{2}-${UUID}$`),
    );
  });

  test("holds the on-failure message with the record itself in its payload", () => {
    const body = JSON.parse(readFileSync(path.join(redriver.queueFolder, key), "utf8"));
    expect(body).toMatchObject({
      requestContext: { condition: "RetryAttemptsExhausted", approximateInvokeCount: 2 },
      DDBStreamBatchInfo: { batchSize: 1, shardId: local.invocations[0].shardId },
    });
    expect(JSON.parse(body.payload)).toEqual({ Records: local.parked[0].records });
  });

  test("is read back without the stream, and redrive says the records are whole in the object", async () => {
    const summary = await redriver.run({ replay: false });
    expect(summary).toMatchObject({ messages: 1, found: 1, kept: 1, lost: 0, problems: [] });
    expect(redriver.streamLookups).toBe(0);
    expect(redriver.lines[0]).toMatch(
      /^\[1\] RetryAttemptsExhausted, shardId-\S+, 1 record \(sequence number \d+\), first record .* old, whole records in the object, no stream read: safe after the stream trims them$/,
    );
  });
});
