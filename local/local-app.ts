// The synthesized app, running against DynamoDB Local: tables created as synthesized, and one trigger
// runner per enabled event source mapping.

import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type StreamViewType,
  type TableDescription,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import type { Checkpoints } from "../emulation/checkpoint-store";
import { failureDestinationFor } from "../emulation/destination-choice";
import { localClientConfig } from "../emulation/emulator";
import type { LocalTable, SynthesizedApp } from "../emulation/synthesized-stacks";
import type { Backoff } from "./retry-policy";
import { type RunnerReport, TriggerRunner } from "./trigger-runner";

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

/** Creates the table as synthesized, or, when it is already there (kept by --persist), checks it matches. */
export async function createTable(db: DynamoDBClient, table: LocalTable): Promise<string> {
  try {
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
        // As configured: DeleteTable is refused locally too, whatever tool points at DynamoDB Local.
        ...(table.deletionProtection && { DeletionProtectionEnabled: true }),
      }),
    );
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
  if (kept !== wanted)
    throw new Error(
      `table ${table.name} kept from an earlier run has ${kept}; the synthesized one has ${wanted}: delete .local/dynamodb to start afresh`,
    );
  return described.LatestStreamArn!;
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
      checkpoints: options.checkpoints,
      idlePollMs: options.idlePollMs,
      retryBackoff: options.retryBackoff,
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
