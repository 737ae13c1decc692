// The second seed, end to end: the user's existing UsersPost table already holds John's and Alice's posts;
// its stream is switched on (the seed's step 1), the trigger attaches to it as an "existing" table reading
// batches of up to 100 from LATEST, and the seed's step 4 edits, duplicates and deletes a post.
import { CreateTableCommand, DescribeTableCommand, ScanCommand, UpdateTableCommand } from "@aws-sdk/client-dynamodb";
import { readSynthesizedApp } from "../../emulation/synthesized-stacks";
import {
  ALICES_NEW_POST,
  EARLIER_POSTS,
  EDITED_CONTENT,
  JOHNS_SECOND_POST,
  putEarlierPosts,
  USERS_POST_STEPS,
} from "../../local/users-post-walkthrough";
import { existingUsersPost } from "../fixtures/existing-tables";
import { LocalTrigger, uniqueName } from "./support/local-trigger";

describe("the second seed on an existing UsersPost table, against DynamoDB Local", () => {
  const local = new LocalTrigger({ ...existingUsersPost, tableName: uniqueName("UsersPost") });
  const table = local.tableName;

  beforeAll(async () => {
    // The user's table as it was before this app: keyed user_id/post_id, no stream yet.
    await local.db.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [
          { AttributeName: "user_id", AttributeType: "S" },
          { AttributeName: "post_id", AttributeType: "S" },
        ],
        KeySchema: [
          { AttributeName: "user_id", KeyType: "HASH" },
          { AttributeName: "post_id", KeyType: "RANGE" },
        ],
      }),
    );
    // Step 1 of the seed: the stream, new and old images.
    await local.db.send(
      new UpdateTableCommand({
        TableName: table,
        StreamSpecification: { StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" },
      }),
    );
    // Written with the stream on, before the trigger starts: in the stream, but before LATEST.
    await putEarlierPosts(local.db, table);
    await local.start();
    for (const step of USERS_POST_STEPS) await step.run(local.db, table);
    await local.waitFor("three changes logged", () => local.changeLines.length >= 3);
  });

  afterAll(() => local.stop());

  test("the trigger reads the table by its exact name, in batches of up to 100 from LATEST", () => {
    const [mapping] = readSynthesizedApp(local.outdir).mappings;
    expect(mapping).toMatchObject({ batchSize: 100, startingPosition: "LATEST" });
    expect(mapping.table.name).toBe(table);
    for (const invocation of local.invocations) expect(invocation.records.length).toBeLessThanOrEqual(100);
  });

  test("the table keeps the posts it held: the trigger neither created nor replaced it", async () => {
    const scan = await local.db.send(new ScanCommand({ TableName: table, Select: "COUNT" }));
    expect(scan.Count).toBe(EARLIER_POSTS.length);
  });

  test("the handler receives MODIFY, INSERT and REMOVE, and nothing from before the trigger started", () => {
    expect(local.changeLines.map((l) => l.eventName)).toEqual(["MODIFY", "INSERT", "REMOVE"]);
  });

  test("MODIFY carries John's second post both as edited and as it was", () => {
    const [modify] = local.changeLines;
    expect(modify.newImage).toEqual({ ...JOHNS_SECOND_POST, post_content: EDITED_CONTENT });
    expect(modify.oldImage).toEqual(JOHNS_SECOND_POST);
  });

  test("INSERT carries only the new post for Alice", () => {
    const insert = local.changeLines[1];
    expect(insert.newImage).toEqual(ALICES_NEW_POST);
    expect(insert.oldImage).toBeUndefined();
  });

  test("REMOVE carries only the deleted post, as it was", () => {
    const remove = local.changeLines[2];
    expect(remove.oldImage).toEqual(ALICES_NEW_POST);
    expect(remove.newImage).toBeUndefined();
  });
});

describe("an existing table DynamoDB Local lacks", () => {
  const local = new LocalTrigger({
    ...existingUsersPost,
    tableName: uniqueName("UsersPost"),
    globalSecondaryIndexes: [{ name: "byContent", partitionKey: { name: "post_content" }, projection: "KEYS_ONLY" }],
    ttlAttribute: "expires_at",
  });

  beforeAll(() => local.start());
  afterAll(() => local.stop());

  test("is created from its config as a stand-in, indexes and stream included", async () => {
    const described = (await local.db.send(new DescribeTableCommand({ TableName: local.tableName }))).Table;
    expect(described?.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual(["byContent"]);
    expect(described?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: "NEW_AND_OLD_IMAGES" });
  });
});
