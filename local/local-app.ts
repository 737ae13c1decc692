// The synthesized app, running against DynamoDB Local: tables created as synthesized, and one trigger
// runner per enabled event source mapping.

import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { createTableInput } from "../emulation/create-table-input";
import { LOCAL_CREDENTIALS, localClientConfig } from "../emulation/emulator";
import { failureFolderFor } from "../emulation/failure-folder";
import type { LocalPlainTable, LocalTable, SynthesizedApp } from "../emulation/synthesized-stacks";
import { readImagesWhole } from "../emulation/whole-images";
import type { Checkpoints } from "./checkpoint-store";
import type { Backoff } from "./retry-policy";
import type { RunnerReport } from "./runner-reports";
import { TriggerRunner } from "./trigger-runner";

export interface LocalAppOptions {
  readonly endpoint: string;
  readonly app: SynthesizedApp;
  /** Where on-failure messages go: <folder>/<queue or bucket name>/. */
  readonly failureFolder: string;
  readonly onReport?: (report: RunnerReport) => void;
  /** Where each trigger has read up to, kept across restarts (--persist). */
  readonly checkpoints?: Checkpoints;
  readonly idlePollMs?: number;
  readonly retryBackoff?: Backoff;
  /** Runs once the tables exist and before any trigger reads them: what it writes, no trigger receives. */
  readonly beforeTriggers?: () => Promise<void>;
}

export interface RunningLocalApp {
  /** Stream ARN by table name. */
  readonly streams: ReadonlyMap<string, string>;
  readonly runners: readonly TriggerRunner[];
  /** Mappings that are synthesized with enabled = false, so no runner polls them. */
  readonly disabled: readonly string[];
  /** The functions with an invocation running now. */
  invoking(): string[];
  stop(): Promise<void>;
}

/** What a table is keyed and streamed by, to compare one kept on disk with the synthesized one. */
function shapeOf(keys: readonly [string, string | undefined], types: Record<string, string>, viewType?: string) {
  const [hash, range] = keys;
  const key = (name?: string) => (name ? `${name} (${types[name]})` : "");
  return `keys ${[key(hash), key(range)].filter(Boolean).join(" + ")}, stream ${viewType ?? "off"}`;
}

function describedShape(table: TableDescription): string {
  const keyOf = (type: string) => table.KeySchema?.find((k) => k.KeyType === type)?.AttributeName;
  const types = Object.fromEntries((table.AttributeDefinitions ?? []).map((a) => [a.AttributeName, a.AttributeType]));
  const stream = table.StreamSpecification?.StreamEnabled ? table.StreamSpecification.StreamViewType : undefined;
  return shapeOf([keyOf("HASH")!, keyOf("RANGE")], types as Record<string, string>, stream);
}

/**
 * Creates the table as synthesized (for an existing table, a stand-in from its config), or, when it is
 * already there (kept by --persist, or the user's existing table), checks it matches.
 */
export async function createTable(db: DynamoDBClient, table: LocalTable): Promise<string> {
  try {
    const out = await db.send(new CreateTableCommand(createTableInput(table)));
    if (table.ttlAttribute) {
      await db.send(
        new UpdateTimeToLiveCommand({
          TableName: table.name,
          TimeToLiveSpecification: { Enabled: true, AttributeName: table.ttlAttribute },
        }),
      );
    }
    if (out.TableDescription?.LatestStreamArn) return out.TableDescription.LatestStreamArn;
  } catch (error) {
    if ((error as Error).name !== "ResourceInUseException") throw error;
  }
  const described = (await db.send(new DescribeTableCommand({ TableName: table.name }))).Table!;
  const wanted = shapeOf(
    [table.hashKey, table.rangeKey],
    Object.fromEntries(table.attributes.map((a) => [a.name, a.type])),
    table.streamViewType,
  );
  const kept = describedShape(described);
  // An existing table is the user's: as on AWS, the trigger needs its stream on, of the view type config says.
  if (kept !== wanted && table.existing)
    throw new Error(
      `table ${table.name} in DynamoDB Local has ${kept}; its trigger expects ${wanted}: enable its stream with that view type (aws dynamodb update-table --table-name ${table.name} --stream-specification StreamEnabled=true,StreamViewType=${table.streamViewType} --endpoint-url <the endpoint>), or fix the trigger's keys`,
    );
  if (kept !== wanted)
    throw new Error(
      `table ${table.name} kept from an earlier run has ${kept}; the synthesized one has ${wanted}: delete .local/dynamodb to start afresh`,
    );
  return described.LatestStreamArn!;
}

/** A table without a stream (the idempotency records'), created if it is not there yet. */
async function createPlainTable(db: DynamoDBClient, table: LocalPlainTable): Promise<void> {
  try {
    await db.send(
      new CreateTableCommand({
        TableName: table.name,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: table.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
        KeySchema: [{ AttributeName: table.hashKey, KeyType: "HASH" }],
      }),
    );
  } catch (error) {
    if ((error as Error).name !== "ResourceInUseException") throw error;
  }
}

export async function startLocalApp(options: LocalAppOptions): Promise<RunningLocalApp> {
  const config = localClientConfig(options.endpoint);
  const db = new DynamoDBClient(config);
  const streamsClient = readImagesWhole(new DynamoDBStreamsClient(config));
  const streams = new Map<string, string>();
  for (const table of options.app.tables) streams.set(table.name, await createTable(db, table));
  for (const table of options.app.plainTables) await createPlainTable(db, table);
  await options.beforeTriggers?.();

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
      destination: failureFolderFor(mapping, options.failureFolder),
      onReport: options.onReport,
      checkpoints: options.checkpoints,
      idlePollMs: options.idlePollMs,
      retryBackoff: options.retryBackoff,
      dynamodb: { endpoint: options.endpoint, ...LOCAL_CREDENTIALS },
    });
    await runner.start();
    runners.push(runner);
  }
  return {
    streams,
    runners,
    disabled,
    invoking: () => runners.filter((r) => r.invoking).map((r) => r.functionName),
    async stop() {
      await Promise.all(runners.map((r) => r.stop()));
      db.destroy();
      streamsClient.destroy();
    },
  };
}
