// failureDestination "s3": the whole invocation record, stream records included, parked in a bucket.
import { devEnvironment, only, ref, synthesize } from "../support/stack";

describe("a trigger whose failures go to S3", () => {
  const { json } = synthesize(devEnvironment({}, { failureDestination: "s3" }));
  const bucket = only(json, "aws_s3_bucket");
  const of = (type: string) => only(json, type).body;
  const account = only(json, "aws_caller_identity", "data").address;

  test("outputs a redrive policy that settles objects of its bucket, not queue messages", () => {
    const policy = JSON.parse(json.output.redrive_policy.value);
    expect(policy.Statement.slice(0, 2)).toEqual([
      { Sid: "ListParkedBatches", Effect: "Allow", Action: ["s3:ListBucket"], Resource: ref(bucket.address, "arn") },
      {
        Sid: "SettleParkedBatches",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:DeleteObject"],
        Resource: `${ref(bucket.address, "arn")}/*`,
      },
    ]);
  });

  test("parks exhausted batches in its bucket, not in a queue", () => {
    expect(of("aws_lambda_event_source_mapping").destination_config).toEqual({
      on_failure: { destination_arn: ref(bucket.address, "arn") },
    });
    expect(json.resource.aws_sqs_queue).toBeUndefined();
  });

  test("names the bucket from the function, lowercased, ending in the account ID", () => {
    expect(bucket.body.bucket).toBe(`books-dev-stream-handler-failures-${ref(account, "account_id")}`);
  });

  test("blocks every kind of public access", () => {
    expect(of("aws_s3_bucket_public_access_block")).toMatchObject({
      bucket: ref(bucket.address, "id"),
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test("turns ACLs off: the bucket owner owns every object", () => {
    expect(of("aws_s3_bucket_ownership_controls").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  test("encrypts at rest with S3's own keys, so the role needs no KMS grant", () => {
    expect(of("aws_s3_bucket_server_side_encryption_configuration").rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
  });

  test("keeps versions", () => {
    expect(of("aws_s3_bucket_versioning").versioning_configuration).toEqual({ status: "Enabled" });
  });

  test("expires current and older versions after 14 days by default, across the whole bucket", () => {
    expect(of("aws_s3_bucket_lifecycle_configuration").rule).toEqual([
      expect.objectContaining({
        status: "Enabled",
        filter: [{}],
        expiration: [{ days: 14 }],
        noncurrent_version_expiration: [{ noncurrent_days: 14 }],
      }),
    ]);
  });

  test("refuses requests that are not over TLS", () => {
    const policy = JSON.parse(of("aws_s3_bucket_policy").policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    ]);
  });

  test("outputs the bucket's name in place of a queue URL", () => {
    expect(json.output.failure_bucket_name).toEqual({ value: ref(bucket.address, "bucket") });
    expect(json.output.failure_queue_url).toBeUndefined();
  });

  test("keeps records as long as failureRetentionDays says", () => {
    const { json: other } = synthesize(devEnvironment({}, { failureDestination: "s3", failureRetentionDays: 90 }));
    expect(only(other, "aws_s3_bucket_lifecycle_configuration").body.rule[0]).toMatchObject({
      expiration: [{ days: 90 }],
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
    });
  });

  test("derives a lowercase bucket name from a table name with capitals", () => {
    const { json: other } = synthesize(
      devEnvironment({}, { tableName: "UsersPost", failureDestination: "s3" }),
      "UsersPost-dev",
    );
    expect(only(other, "aws_s3_bucket").body.bucket).toMatch(/^userspost-dev-stream-handler-failures-\$\{/);
  });
});
