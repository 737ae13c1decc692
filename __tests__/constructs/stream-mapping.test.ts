import { LambdaEventSourceMapping } from "@cdktf/provider-aws/lib/lambda-event-source-mapping";
import { redriveOperatorPolicy } from "../../settings/operator-policy";
import { devEnvironment, only, ref, synthesize } from "../support/stack";

describe("the event source mapping", () => {
  const { synth, json } = synthesize();
  const mapping = only(json, "aws_lambda_event_source_mapping").body;

  test("reads the table's stream", () => {
    expect(mapping.event_source_arn).toBe(ref(only(json, "aws_dynamodb_table").address, "stream_arn"));
  });

  test("invokes the function", () => {
    expect(mapping.function_name).toBe(ref(only(json, "aws_lambda_function").address, "arn"));
  });

  test("defaults to the first seed's settings: one record per batch, from the latest record, enabled", () => {
    expect(synth).toHaveResourceWithProperties(LambdaEventSourceMapping, {
      batch_size: 1,
      starting_position: "LATEST",
      maximum_batching_window_in_seconds: 0,
      enabled: true,
    });
  });

  test("is created only once the role's policy exists, since AWS checks stream access at creation", () => {
    expect(mapping.depends_on).toEqual([only(json, "aws_iam_role_policy").address]);
  });

  test("keeps its starting position once created, so a config change never replaces it", () => {
    // A new starting_position would make Terraform delete and re-create the mapping: records written
    // in between are skipped, or re-read from the trim horizon.
    expect(mapping.lifecycle).toEqual({ ignore_changes: ["starting_position"] });
  });

  test("takes batch size, starting position and batching window from config", () => {
    const { json: other } = synthesize(
      devEnvironment({}, { batchSize: 100, startingPosition: "TRIM_HORIZON", batchingWindowSeconds: 30 }),
    );
    const body = only(other, "aws_lambda_event_source_mapping").body;
    expect([body.batch_size, body.starting_position, body.maximum_batching_window_in_seconds]).toEqual([
      100,
      "TRIM_HORIZON",
      30,
    ]);
  });

  test("publishes its EventCount metrics by default, which the dropped, failed and filtered alarms read", () => {
    expect(mapping.metrics_config).toEqual({ metrics: ["EventCount"] });
  });

  test("publishes no metrics of its own when mappingMetrics is off", () => {
    const { json: other } = synthesize(devEnvironment({}, { mappingMetrics: false }));
    expect(only(other, "aws_lambda_event_source_mapping").body.metrics_config).toBeUndefined();
  });

  test("is disabled by config, the seeds' clean-up step, while the table and function stay", () => {
    const { json: other } = synthesize(devEnvironment({}, { enabled: false }));
    expect(only(other, "aws_lambda_event_source_mapping").body.enabled).toBe(false);
    expect(only(other, "aws_dynamodb_table").body.stream_enabled).toBe(true);
  });
});

describe("the stack around the trigger", () => {
  const { json } = synthesize(devEnvironment({ tags: { Team: "platform" } }));

  test("configures the AWS provider's region from config", () => {
    expect(json.provider.aws).toEqual([expect.objectContaining({ region: "eu-west-1" })]);
  });

  test("tags every resource with project, environment, ManagedBy and the configured tags", () => {
    expect(json.provider.aws[0].default_tags).toEqual([
      { tags: { Team: "platform", Project: "stream-trigger-test", Environment: "dev", ManagedBy: "cdktf" } },
    ]);
  });

  test("declares the archive provider", () => {
    expect(json.provider.archive).toHaveLength(1);
  });

  test("keeps local state in state/ beside the output folder, under a relative path named for the stack", () => {
    expect(json.terraform.backend).toEqual({ local: { path: "../../../state/books-dev.tfstate" } });
  });

  test("outputs the names redrive and people need, and the redrive operator's policy", () => {
    const table = only(json, "aws_dynamodb_table").address;
    const { redrive_policy, ...names } = json.output;
    expect(JSON.parse(redrive_policy.value)).toEqual(
      redriveOperatorPolicy({
        queueArn: ref(only(json, "aws_sqs_queue").address, "arn"),
        streamArn: ref(table, "stream_arn"),
        functionArn: ref(only(json, "aws_lambda_function").address, "arn"),
      }),
    );
    expect(names).toEqual({
      table_name: { value: ref(table, "name") },
      stream_arn: { value: ref(table, "stream_arn") },
      function_name: { value: ref(only(json, "aws_lambda_function").address, "function_name") },
      log_group_name: { value: ref(only(json, "aws_cloudwatch_log_group").address, "name") },
      mapping_uuid: { value: ref(only(json, "aws_lambda_event_source_mapping").address, "uuid") },
      failure_queue_url: { value: ref(only(json, "aws_sqs_queue").address, "url") },
      dashboard_name: { value: ref(only(json, "aws_cloudwatch_dashboard").address, "dashboard_name") },
      dashboard_url: {
        value:
          "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/books-dev",
      },
    });
  });

  test("holds exactly the resources of one trigger", () => {
    expect(Object.keys(json.resource).sort()).toEqual([
      "aws_cloudwatch_dashboard",
      "aws_cloudwatch_log_group",
      "aws_cloudwatch_metric_alarm",
      "aws_cloudwatch_query_definition",
      "aws_dynamodb_table",
      "aws_iam_role",
      "aws_iam_role_policy",
      "aws_lambda_event_source_mapping",
      "aws_lambda_function",
      "aws_sqs_queue",
    ]);
    expect(Object.keys(json.data)).toEqual(["archive_file"]);
  });
});
