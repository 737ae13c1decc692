import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { devEnvironment, only, ref, synthesize } from "../support/stack";

describe("the trigger's failure handling", () => {
  const { synth, json } = synthesize();
  const mapping = only(json, "aws_lambda_event_source_mapping").body;
  const queue = only(json, "aws_sqs_queue");

  test("lets the function report which records failed", () => {
    expect(mapping.function_response_types).toEqual(["ReportBatchItemFailures"]);
  });

  test("splits a failing batch in two on function errors", () => {
    expect(mapping.bisect_batch_on_function_error).toBe(true);
  });

  test("retries a failing batch 5 times, for at most an hour, by default", () => {
    expect(mapping.maximum_retry_attempts).toBe(5);
    expect(mapping.maximum_record_age_in_seconds).toBe(3600);
  });

  test("reads each shard with one batch at a time by default", () => {
    expect(mapping.parallelization_factor).toBe(1);
  });

  test("sends exhausted batches to the failure queue", () => {
    expect(mapping.destination_config).toEqual({ on_failure: { destination_arn: ref(queue.address, "arn") } });
  });

  test("has no filter unless configured", () => {
    expect(mapping.filter_criteria).toBeUndefined();
  });

  test("parks failures in an encrypted queue named after the function, kept 14 days", () => {
    expect(synth).toHaveResourceWithProperties(SqsQueue, {
      name: "books-dev-stream-handler-failures",
      sqs_managed_sse_enabled: true,
      message_retention_seconds: 1209600,
    });
  });

  test("takes retries, record age, parallelization and batching window from config", () => {
    const { json: other } = synthesize(
      devEnvironment(
        {},
        {
          maximumRetryAttempts: -1,
          maximumRecordAgeSeconds: 604800,
          parallelizationFactor: 10,
          batchingWindowSeconds: 5,
        },
      ),
    );
    const body = only(other, "aws_lambda_event_source_mapping").body;
    expect(body).toMatchObject({
      maximum_retry_attempts: -1,
      maximum_record_age_in_seconds: 604800,
      parallelization_factor: 10,
      maximum_batching_window_in_seconds: 5,
    });
  });

  test("emits configured filter patterns, objects as compact JSON and text as given", () => {
    const { json: other } = synthesize(
      devEnvironment(
        {},
        {
          filterPatterns: [{ eventName: ["INSERT", "MODIFY"] }, '{"dynamodb":{"NewImage":{"status":{"S":["ready"]}}}}'],
        },
      ),
    );
    expect(only(other, "aws_lambda_event_source_mapping").body.filter_criteria).toEqual({
      filter: [
        { pattern: '{"eventName":["INSERT","MODIFY"]}' },
        { pattern: '{"dynamodb":{"NewImage":{"status":{"S":["ready"]}}}}' },
      ],
    });
  });
});
