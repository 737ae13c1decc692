// The environments this app deploys. Each trigger becomes its own stack, `<tableName>-<environment>`
// (books-dev, UsersPost-prod, ...), with every physical name suffixed by the environment.
// Every field, its default and its allowed values: README.md, "Configuration".
import type { EnvironmentConfig, TriggerConfig } from "../settings/config";

/** The first seed: a books table whose every change is logged, one record per invocation. */
const books: TriggerConfig = {
  tableName: "books",
  partitionKey: { name: "author", type: "S" },
  sortKey: { name: "bookTitle", type: "S" },
  streamViewType: "NEW_AND_OLD_IMAGES",
  batchSize: 1,
  startingPosition: "LATEST",
};

/** The second seed: a UsersPost table, its trigger reading batches of 100 from the latest record. */
const usersPost: TriggerConfig = {
  tableName: "UsersPost",
  partitionKey: { name: "user_id", type: "S" },
  sortKey: { name: "post_id", type: "S" },
  streamViewType: "NEW_AND_OLD_IMAGES",
  batchSize: 100,
  startingPosition: "LATEST",
};

export const environments: EnvironmentConfig[] = [
  {
    // Cheap defaults: tables can be deleted, logs kept two weeks, alarms notify nobody.
    environment: "dev",
    project: "dynamodb-stream-trigger",
    region: "us-east-1",
    triggers: [books, usersPost],
  },
  {
    environment: "prod",
    project: "dynamodb-stream-trigger",
    region: "us-east-1",
    triggerDefaults: {
      deletionProtection: true,
      logRetentionDays: 365,
      // A topic of its own per trigger: subscribe the on-call rotation to it after the first deploy.
      alarmTopic: "create",
    },
    triggers: [books, usersPost],
  },
];
