// The second seed: a UsersPost table that already holds John's and Alice's posts before its trigger
// starts; then John's second post is edited, one of Alice's posts duplicated as a new post, and that new
// post deleted. Pure data and the three writes, shared by `npm run local -- --walkthrough` and the tests.
import { DeleteItemCommand, type DynamoDBClient, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { marshall } from "@aws-sdk/util-dynamodb";

/** The posts the table holds before the trigger starts: none of them may reach the handler. */
export const EARLIER_POSTS = [
  { user_id: "john", post_id: "post-1", post_content: "Hello from John" },
  { user_id: "john", post_id: "post-2", post_content: "John's second post" },
  { user_id: "alice", post_id: "post-1", post_content: "Alice's first post" },
] as const;

export const JOHNS_SECOND_POST = EARLIER_POSTS[1];
export const EDITED_CONTENT = "John's second post, edited";
/** Alice's first post, duplicated under a new post_id. */
export const ALICES_NEW_POST = { ...EARLIER_POSTS[2], post_id: "post-2" };

const keyOf = (post: { user_id: string; post_id: string }) =>
  marshall({ user_id: post.user_id, post_id: post.post_id });

/** Writes the posts the table holds before the trigger starts. */
export async function putEarlierPosts(db: DynamoDBClient, table: string): Promise<void> {
  for (const post of EARLIER_POSTS) await db.send(new PutItemCommand({ TableName: table, Item: marshall(post) }));
}

/** The seed's step 4: edit (MODIFY), duplicate (INSERT), delete the duplicate (REMOVE). */
export const USERS_POST_STEPS = [
  {
    says: `edit John's second post: post_content "${EDITED_CONTENT}"`,
    event: "MODIFY",
    run: (db: DynamoDBClient, table: string) =>
      db.send(
        new UpdateItemCommand({
          TableName: table,
          Key: keyOf(JOHNS_SECOND_POST),
          UpdateExpression: "SET post_content = :c",
          ExpressionAttributeValues: marshall({ ":c": EDITED_CONTENT }),
        }),
      ),
  },
  {
    says: `duplicate Alice's first post as ${ALICES_NEW_POST.post_id}`,
    event: "INSERT",
    run: (db: DynamoDBClient, table: string) =>
      db.send(new PutItemCommand({ TableName: table, Item: marshall(ALICES_NEW_POST) })),
  },
  {
    says: "delete that new post",
    event: "REMOVE",
    run: (db: DynamoDBClient, table: string) =>
      db.send(new DeleteItemCommand({ TableName: table, Key: keyOf(ALICES_NEW_POST) })),
  },
] as const;
