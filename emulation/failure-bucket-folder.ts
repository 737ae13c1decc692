// The S3 on-failure destination, locally: each parked batch becomes one file holding exactly the object
// Lambda writes to the bucket (the on-failure message plus `payload`, the whole invocation event as an
// escaped JSON string), at the object's key under a folder named after the bucket. As with the queue's
// folder, files are never deleted here: they outlive restarts, like objects in the bucket.

import { createHash, randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import * as path from "node:path";
import { onFailureObject, type ParkedBatch } from "./on-failure-message";
import { writeWhole } from "./write-whole";

/** The account the local runner's ARNs name (the local Lambda's function ARN has it too). */
export const LOCAL_ACCOUNT_ID = "000000000000";

/** Where Lambda puts every object it writes, before the mapping's UUID. */
export const FAILURE_OBJECT_PREFIX = "aws/lambda/";

const ACCOUNT_ID_REFERENCE = /\$\{data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id\}/g;

/**
 * The bucket's name as synthesized, with the local account ID where the deployed one will be: the real
 * name ends in the account ID, which Terraform only learns at plan time (data.aws_caller_identity).
 */
export function localBucketName(synthesized: unknown, where: string): string {
  const name = typeof synthesized === "string" ? synthesized.replace(ACCOUNT_ID_REFERENCE, LOCAL_ACCOUNT_ID) : "";
  if (name === "" || name.includes("${"))
    throw new Error(
      `${where}: bucket name ${JSON.stringify(synthesized)} is not text with at most the account ID to fill in`,
    );
  return name;
}

/**
 * A stand-in for the mapping's UUID, which AWS assigns at creation: derived from the stack, table and
 * function, so it is the same at every start and the objects of one mapping stay under one prefix.
 */
export function localMappingUuid(mapping: {
  readonly stack: string;
  readonly table: { readonly name: string };
  readonly function: { readonly name: string };
}): string {
  const hex = createHash("sha256")
    .update(`${mapping.stack}\0${mapping.table.name}\0${mapping.function.name}`)
    .digest("hex");
  // Shaped as a UUID (version 8: custom; RFC 4122 variant), like the ones AWS hands out.
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** `aws/lambda/<ESM-UUID>/<shardID>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<random UUID>`, dates in UTC. */
export function failureObjectKey(mappingUuid: string, shardId: string, at: Date, id: string = randomUUID()): string {
  const iso = at.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ, always UTC
  const day = `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}`;
  const time = iso.slice(0, 19).replace(/:/g, ".");
  return `${FAILURE_OBJECT_PREFIX}${mappingUuid}/${shardId}/${day}/${time}-${id}`;
}

export class FailureBucketFolder {
  constructor(
    /** The folder standing for the bucket. */
    readonly folder: string,
    /** The mapping's UUID, or its local stand-in. */
    readonly mappingUuid: string,
  ) {}

  /** Writes one object as `<folder>/<key>`; returns the file. */
  async write(batch: ParkedBatch): Promise<string> {
    const now = new Date();
    const file = path.join(this.folder, ...failureObjectKey(this.mappingUuid, batch.shardId, now).split("/"));
    mkdirSync(path.dirname(file), { recursive: true });
    // Compact JSON, as the SQS body; Lambda's S3 object has the same fields in the same order.
    writeWhole(file, JSON.stringify(onFailureObject(batch, now)));
    return file;
  }
}
