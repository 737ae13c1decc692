// Where a mapping's exhausted batches go locally, as its synthesized on-failure destination says: the
// queue's folder (AWS's pointer message) or the bucket's (AWS's object, whole records included), both
// under the failure folder and named after the queue or bucket.

import * as path from "node:path";
import { FailureBucketFolder, localMappingUuid } from "./failure-bucket";
import { FailureDestination } from "./failure-destination";
import type { LocalMapping } from "./synthesized-stacks";

/** Both kinds write a batch and say where; undefined when the mapping has no on-failure destination. */
export function failureDestinationFor(
  mapping: LocalMapping,
  failureFolder: string,
): FailureDestination | FailureBucketFolder | undefined {
  if (mapping.failureBucket)
    return new FailureBucketFolder(path.join(failureFolder, mapping.failureBucket), localMappingUuid(mapping));
  if (mapping.failureQueue) return new FailureDestination(path.join(failureFolder, mapping.failureQueue));
  return undefined;
}
