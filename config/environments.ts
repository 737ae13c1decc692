// The environments this app deploys. Each trigger becomes its own stack, `<tableName>-<environment>`.
// Every field, its default and its allowed values: README.md, "Configuration".
import type { EnvironmentConfig } from "../lib/config";

export const environments: EnvironmentConfig[] = [
  {
    environment: "dev",
    project: "dynamodb-stream-trigger",
    region: "us-east-1",
    triggers: [
      {
        // The first seed: a books table whose every change is logged, one record per invocation.
        tableName: "books",
        partitionKey: { name: "author", type: "S" },
        sortKey: { name: "bookTitle", type: "S" },
        streamViewType: "NEW_AND_OLD_IMAGES",
        batchSize: 1,
        startingPosition: "LATEST",
      },
    ],
  },
];
