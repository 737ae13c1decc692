// Where a mapping's exhausted batches go locally, as its synthesized on-failure destination says: the
// queue's folder (AWS's pointer message) or the bucket's (AWS's object, whole records included), both
// under the failure folder and named after the queue or bucket.

import * as path from "node:path";
import { FailureBucketFolder, localMappingUuid } from "./failure-bucket-folder";
import { FailureQueueFolder } from "./failure-queue-folder";
import type { ParkedBatch } from "./on-failure-message";
import type { LocalMapping } from "./synthesized-stacks";

/** A queue's or a bucket's folder: both write a parked batch and say where. */
export interface FailureFolder {
  readonly folder: string;
  /** Writes the batch's on-failure message; returns the file. */
  write(batch: ParkedBatch): Promise<string>;
}

/** The mapping's failure folder; undefined when it has no on-failure destination. */
export function failureFolderFor(mapping: LocalMapping, failureFolder: string): FailureFolder | undefined {
  if (mapping.failureBucket)
    return new FailureBucketFolder(path.join(failureFolder, mapping.failureBucket), localMappingUuid(mapping));
  if (mapping.failureQueue) return new FailureQueueFolder(path.join(failureFolder, mapping.failureQueue));
  return undefined;
}
