import { DAN_BROWN } from "../support/records";
import { booksTrigger, LocalTrigger } from "./support/local-trigger";

describe("the seed's walkthrough against DynamoDB Local", () => {
  let local: LocalTrigger;

  beforeAll(async () => {
    local = await new LocalTrigger(booksTrigger("books")).start();
    await local.put(DAN_BROWN);
    await local.update(DAN_BROWN, { subTitle: "Volume-1" });
    await local.delete(DAN_BROWN);
    await local.waitFor("three changes logged", () => local.changeLines.length >= 3);
  });

  afterAll(() => local.stop());

  test("the handler logs INSERT, MODIFY and REMOVE, in that order and nothing else", () => {
    expect(local.changeLines.map((l) => l.eventName)).toEqual(["INSERT", "MODIFY", "REMOVE"]);
  });

  test("INSERT carries only the new image", () => {
    const [insert] = local.changeLines;
    expect(insert.newImage).toEqual(DAN_BROWN);
    expect(insert.oldImage).toBeUndefined();
  });

  test("MODIFY carries the new image with the subtitle and the old image without it", () => {
    const modify = local.changeLines[1];
    expect(modify.newImage).toEqual({ ...DAN_BROWN, subTitle: "Volume-1" });
    expect(modify.oldImage).toEqual(DAN_BROWN);
  });

  test("REMOVE carries only the old image", () => {
    const remove = local.changeLines[2];
    expect(remove.oldImage).toEqual({ ...DAN_BROWN, subTitle: "Volume-1" });
    expect(remove.newImage).toBeUndefined();
  });

  test("each record comes in its own invocation, as batch size 1 says, with Lambda's event fields", () => {
    expect(local.invocations.map((i) => i.records.length)).toEqual([1, 1, 1]);
    for (const { records } of local.invocations) {
      expect(records[0].eventSourceARN).toMatch(/^arn:aws:dynamodb:.*:table\/books[0-9a-f]{6}-e2e\/stream\//);
      expect(records[0].awsRegion).toBe("eu-west-1");
    }
  });

  test("every invocation answers with an empty failure list", () => {
    for (const i of local.invocations)
      expect(i.result).toMatchObject({ kind: "returned", response: { batchItemFailures: [] } });
  });

  test("the handler's lines carry the request id and function name", () => {
    for (const line of local.changeLines) {
      expect(line.function_name).toBe(`${local.tableName}-stream-handler`);
      expect(line.function_request_id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
