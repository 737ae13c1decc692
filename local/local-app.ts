// The synthesized app, running against DynamoDB Local: tables created as synthesized, and one trigger
// runner per enabled event source mapping.

import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type StreamViewType,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { failureDestinationFor } from "./destination-choice";
import { localClientConfig } from "./emulator";
import type { LocalTable, SynthesizedApp } from "./synthesized-stacks";
import { type RunnerReport, TriggerRunner } from "./trigger-runner";

export interface LocalAppOptions {
  readonly endpoint: string;
  readonly app: SynthesizedApp;
  /** Where on-failure messages go: <folder>/<queue or bucket name>/. */
  readonly failureFolder: string;
  readonly onReport?: (report: RunnerReport) => void;
  readonly pollIntervalMs?: number;
}

export interface RunningLocalApp {
  /** Stream ARN by table name. */
  readonly streams: ReadonlyMap<string, string>;
  readonly runners: readonly TriggerRunner[];
  /** Mappings that are synthesized with enabled = false, so no runner polls them. */
  readonly disabled: readonly string[];
  stop(): Promise<void>;
}

export async function createTable(db: DynamoDBClient, table: LocalTable): Promise<string> {
  const out = await db.send(
    new CreateTableCommand({
      TableName: table.name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: table.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
      KeySchema: [
        { AttributeName: table.hashKey, KeyType: "HASH" },
        ...(table.rangeKey ? [{ AttributeName: table.rangeKey, KeyType: "RANGE" as const }] : []),
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: table.streamViewType as StreamViewType },
    }),
  );
  const arn = out.TableDescription?.LatestStreamArn;
  if (arn) return arn;
  const described = await db.send(new DescribeTableCommand({ TableName: table.name }));
  return described.Table!.LatestStreamArn!;
}

export async function startLocalApp(options: LocalAppOptions): Promise<RunningLocalApp> {
  const config = localClientConfig(options.endpoint);
  const db = new DynamoDBClient(config);
  const streamsClient = new DynamoDBStreamsClient(config);
  const streams = new Map<string, string>();
  for (const table of options.app.tables) streams.set(table.name, await createTable(db, table));

  const runners: TriggerRunner[] = [];
  const disabled: string[] = [];
  for (const mapping of options.app.mappings) {
    if (!mapping.enabled) {
      disabled.push(`${mapping.table.name} → ${mapping.function.name}`);
      continue;
    }
    const runner = new TriggerRunner({
      mapping,
      streamArn: streams.get(mapping.table.name)!,
      streams: streamsClient,
      destination: failureDestinationFor(mapping, options.failureFolder),
      onReport: options.onReport,
      pollIntervalMs: options.pollIntervalMs,
    });
    await runner.start();
    runners.push(runner);
  }
  return {
    streams,
    runners,
    disabled,
    async stop() {
      await Promise.all(runners.map((r) => r.stop()));
      db.destroy();
      streamsClient.destroy();
    },
  };
}
