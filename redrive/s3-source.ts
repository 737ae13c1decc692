// The failure bucket on AWS. Lambda writes one object per exhausted batch under aws/lambda/; they are
// listed (ListObjectsV2, a page at a time, each key handed out once), read (GetObject), and deleted
// (DeleteObject) only after every record was accepted. The bucket is versioned, so a deleted object stays
// recoverable as a noncurrent version until the lifecycle rule expires it.
//
// S3 has no visibility timeout: an object is claimed with a lock file in this checkout (claim-locks.ts),
// which keeps two redrives run from here apart. Redrives run at once from two machines on one bucket
// are the operator's to avoid: a lock object in the bucket would need s3:PutObject, which the operator
// policy leaves out so that redrive cannot write into what Lambda parked.

import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { ClaimLocks } from "../emulation/claim-locks";
import { FAILURE_OBJECT_PREFIX } from "../emulation/failure-bucket-folder";
import type { ClaimedOnFailureMessage, FailureSource } from "./failure-source";

export interface S3SourceOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /**
   * The account the bucket must belong to (the ID its name ends in): every call fails rather than read
   * or delete in a bucket of the same name that someone else now owns.
   */
  readonly expectedOwner: string;
  readonly locks: ClaimLocks;
}

export class S3FailureSource implements FailureSource {
  readonly noun = "object";
  readonly busy: string[] = [];
  private readonly pending: string[] = [];
  private continuation?: string;
  private listedAll = false;

  constructor(private readonly options: S3SourceOptions) {}

  get where(): string {
    return `s3://${this.options.bucket}/${FAILURE_OBJECT_PREFIX}`;
  }

  async next(): Promise<ClaimedOnFailureMessage | undefined> {
    for (;;) {
      if (this.pending.length === 0 && !this.listedAll) await this.listPage();
      const key = this.pending.shift();
      if (key === undefined) return undefined;
      if (!this.options.locks.claim(key)) {
        this.busy.push(key);
        continue;
      }
      try {
        return { id: key, body: await this.read(key) };
      } catch (error) {
        this.options.locks.release(key);
        // Deleted by another redrive between the listing and the claim: nothing left to do.
        if ((error as { name?: string }).name !== "NoSuchKey") throw error;
      }
    }
  }

  async remove(message: ClaimedOnFailureMessage): Promise<void> {
    try {
      await this.options.client.send(
        new DeleteObjectCommand({
          Bucket: this.options.bucket,
          Key: message.id,
          ExpectedBucketOwner: this.options.expectedOwner,
        }),
      );
    } finally {
      this.options.locks.release(message.id);
    }
  }

  async keep(message: ClaimedOnFailureMessage): Promise<void> {
    this.options.locks.release(message.id);
  }

  async close(): Promise<void> {}

  private async listPage(): Promise<void> {
    const out = await this.options.client.send(
      new ListObjectsV2Command({
        Bucket: this.options.bucket,
        Prefix: FAILURE_OBJECT_PREFIX,
        ContinuationToken: this.continuation,
        ExpectedBucketOwner: this.options.expectedOwner,
      }),
    );
    for (const object of out.Contents ?? []) if (object.Key) this.pending.push(object.Key);
    this.continuation = out.NextContinuationToken;
    this.listedAll = !out.IsTruncated || !this.continuation;
  }

  private async read(key: string): Promise<string> {
    const out = await this.options.client.send(
      new GetObjectCommand({ Bucket: this.options.bucket, Key: key, ExpectedBucketOwner: this.options.expectedOwner }),
    );
    if (!out.Body) throw new Error(`s3://${this.options.bucket}/${key} has no body`);
    return out.Body.transformToString("utf8");
  }
}
