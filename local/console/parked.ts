// Parked failures per trigger, read from the folder standing for its queue or bucket, and Replay: the
// redrive code path (`npm run redrive -- <stack> --local --replay`) run on one message, against this
// session's stream, with the function's current bundle. The message is deleted only when every record
// was accepted, as redrive does.

import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { readOnFailureMessage } from "../../emulation/on-failure-message";
import type { LocalMapping } from "../../emulation/synthesized-stacks";
import type { ClaimedOnFailureMessage, FailureSource } from "../../redrive/failure-source";
import { FileFailureSource } from "../../redrive/file-source";
import { redrive } from "../../redrive/redrive";
import { localInvoker } from "../../redrive/replay";
import type { RedriveTarget } from "../../redrive/stack-target";

export interface ParkedEntry {
  readonly id: string;
  readonly summary: string;
}

export interface ParkedFolders {
  /** .local/failures */
  readonly failureFolder: string;
  /** .local/redrive-locks, shared with `npm run redrive` so the two never replay one message twice. */
  readonly locksFolder: string;
}

function sourceFor(mapping: LocalMapping, folders: ParkedFolders): FileFailureSource | undefined {
  const name = mapping.failureBucket ?? mapping.failureQueue;
  if (name === undefined) return undefined;
  return new FileFailureSource(
    path.join(folders.failureFolder, name),
    path.join(folders.locksFolder, name),
    mapping.failureBucket !== undefined ? "bucket" : "queue",
  );
}

export function listParked(mapping: LocalMapping, folders: ParkedFolders): ParkedEntry[] {
  const source = sourceFor(mapping, folders);
  if (!source) return [];
  return source.list().map((id) => {
    let summary: string;
    try {
      const pointer = readOnFailureMessage(readFileSync(path.join(source.where, ...id.split("/")), "utf8"));
      summary =
        "invalid" in pointer
          ? pointer.invalid
          : `${pointer.batchSize} record(s), ${pointer.condition}, sequence ${pointer.startSequenceNumber}`;
    } catch {
      summary = "being written or removed";
    }
    return { id, summary };
  });
}

/** The one message asked for; every other one is left where it is. */
class OneMessage implements FailureSource {
  constructor(
    private readonly inner: FileFailureSource,
    private readonly id: string,
  ) {}
  get where() {
    return this.inner.where;
  }
  get noun() {
    return this.inner.noun;
  }
  get busy() {
    return this.inner.busy.filter((id) => id === this.id);
  }
  async next(): Promise<ClaimedOnFailureMessage | undefined> {
    for (let m = await this.inner.next(); m; m = await this.inner.next()) {
      if (m.id === this.id) return m;
      await this.inner.keep(m);
    }
    return undefined;
  }
  remove(message: ClaimedOnFailureMessage) {
    return this.inner.remove(message);
  }
  keep(message: ClaimedOnFailureMessage) {
    return this.inner.keep(message);
  }
  close() {
    return this.inner.close();
  }
}

export interface ReplayResult {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

export async function replayParked(
  mapping: LocalMapping,
  folders: ParkedFolders,
  streams: DynamoDBStreamsClient,
  id: string,
): Promise<ReplayResult> {
  const source = sourceFor(mapping, folders);
  if (!source) return { ok: false, lines: [`${mapping.function.name} has no on-failure destination`] };
  const lines: string[] = [];
  const invoker = localInvoker(mapping.function);
  try {
    const summary = await redrive({
      source: new OneMessage(source, id),
      target: mapping as RedriveTarget,
      streams: async () => streams,
      invoker,
      local: true,
      max: 1,
      log: (line) => lines.push(line),
    });
    if (summary.messages === 0 && summary.problems.length === 0)
      return { ok: false, lines: [`${id} is no longer parked (replayed or removed already)`] };
    return {
      ok: summary.problems.length === 0,
      lines: [...lines, ...summary.problems.map((p) => `not replayed: ${p}`)],
    };
  } finally {
    await invoker.close();
  }
}
