// Where batches that exhausted their retries are parked when failureDestination is "s3": a private,
// encrypted, versioned bucket. Unlike the queue's pointer, AWS writes the whole invocation record,
// the stream records included, so they outlive the stream's 24 hours.
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Construct } from "constructs";
import { failureBucketPrefix } from "../settings/physical-names";
import type { FunctionRole } from "./function-role";

export interface FailureBucketProps {
  /** The function whose failures it holds; the bucket is named from it (physical-names.ts). */
  readonly functionName: string;
  /** Days every version of a parked record is kept; 1–3,650. */
  readonly failureRetentionDays: number;
}

// IAM's policy variable for the caller's account, written `$${...}` so Terraform does not read it
// as an interpolation of its own.
const PRINCIPAL_ACCOUNT = "$${aws:PrincipalAccount}";

export class FailureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly account: DataAwsCallerIdentity;

  constructor(scope: Construct, id: string, props: FailureBucketProps) {
    super(scope, id);
    // Bucket names are global across accounts: the account ID keeps the derived name ours.
    this.account = new DataAwsCallerIdentity(this, "account");
    this.bucket = new S3Bucket(this, "bucket", {
      bucket: `${failureBucketPrefix(props.functionName)}${this.account.accountId}`,
    });
    const bucket = this.bucket.id;
    new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    // ACLs off: the account owns every object Lambda writes, and only policies grant access.
    new S3BucketOwnershipControls(this, "ownership", {
      bucket,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    // SSE-S3: encrypted at rest with no KMS key for the writing role to be granted.
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    // An overwritten or deleted record stays recoverable until the lifecycle rule expires it.
    new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      rule: [
        {
          id: "expire-parked-records",
          status: "Enabled",
          filter: [{}],
          expiration: [{ days: props.failureRetentionDays }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.failureRetentionDays }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
    });
    new S3BucketPolicy(this, "policy", {
      bucket,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:*",
            Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ],
      }),
    });
  }

  get arn(): string {
    return this.bucket.arn;
  }

  get name(): string {
    return this.bucket.bucket;
  }

  /**
   * Lets `role` (the function's, which Lambda uses to deliver on-failure records) write records into
   * this bucket: PutObject on its objects and the ListBucket Lambda's delivery needs, both only while
   * the bucket is in the role's own account, as AWS advises: if the bucket were deleted and its name
   * taken by another account, records would otherwise go there.
   */
  grantPut(role: FunctionRole): void {
    const ownAccount = { StringEquals: { "s3:ResourceAccount": PRINCIPAL_ACCOUNT } };
    role.addStatement({
      Sid: "WriteFailuresToBucket",
      Effect: "Allow",
      Action: ["s3:PutObject"],
      Resource: `${this.arn}/*`,
      Condition: ownAccount,
    });
    role.addStatement({
      Sid: "ListFailureBucket",
      Effect: "Allow",
      Action: ["s3:ListBucket"],
      Resource: this.arn,
      Condition: ownAccount,
    });
  }
}
