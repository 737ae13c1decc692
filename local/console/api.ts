// The console's JSON calls, one function per route: what the page may ask of this session. Each takes
// the parsed request body and returns what to send back; a BadRequest becomes a 400 with its message.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import type { SynthesizedApp } from "../../emulation/synthesized-stacks";
import { BadRequest, deleteItem, listItems, putItem, tableNamed } from "./items";
import { listParked, type ParkedFolders, replayParked } from "./parked";

export interface ConsoleContext {
  readonly app: SynthesizedApp;
  readonly db: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly folders: ParkedFolders;
}

type Body = Record<string, unknown>;

function mappingOf(context: ConsoleContext, trigger: unknown) {
  const mapping = context.app.mappings.find((m) => m.function.name === trigger);
  if (!mapping) throw new BadRequest(`trigger ${JSON.stringify(trigger)} is not one this session runs`);
  return mapping;
}

/** The tables this session runs, each with its triggers as synthesized. */
function describeApp(context: ConsoleContext) {
  return {
    tables: context.app.tables.map((t) => ({
      name: t.name,
      stack: t.stack,
      environment: t.environment ?? null,
      deletionProtection: t.deletionProtection ?? false,
      viewType: t.streamViewType,
      keys: [t.hashKey, t.rangeKey]
        .filter((k): k is string => k !== undefined)
        .map((name) => ({ name, type: t.attributes.find((a) => a.name === name)?.type ?? "S" })),
      triggers: context.app.mappings
        .filter((m) => m.table.name === t.name)
        .map((m) => ({
          function: m.function.name,
          enabled: m.enabled,
          batchSize: m.batchSize,
          startingPosition: m.startingPosition,
          filters: m.filterPatterns,
          failureDestination: m.failureQueue ?? m.failureBucket ?? null,
        })),
    })),
  };
}

export const ROUTES: Record<string, (context: ConsoleContext, body: Body) => Promise<unknown>> = {
  "/api/app": async (context) => describeApp(context),
  "/api/items/list": (context, body) =>
    listItems(context.db, tableNamed(context.app.tables, body.table), body.startKey),
  "/api/items/put": async (context, body) => {
    await putItem(context.db, tableNamed(context.app.tables, body.table), body.item);
    return { ok: true };
  },
  "/api/items/delete": async (context, body) => {
    await deleteItem(context.db, tableNamed(context.app.tables, body.table), body.key);
    return { ok: true };
  },
  "/api/parked/list": async (context, body) => ({
    parked: listParked(mappingOf(context, body.trigger), context.folders),
  }),
  "/api/parked/replay": async (context, body) => {
    if (typeof body.id !== "string") throw new BadRequest("id: expected the parked message's id");
    return replayParked(mappingOf(context, body.trigger), context.folders, context.streams, body.id);
  },
};
