// The sample config the template ships with: dev and prod, each with the books and UsersPost triggers.
// The user's own config is checked by properties in app-config.test.ts.
import { sampleEnvironments } from "../fixtures/sample-environments";
import { only, ref, synthesizeAll } from "../support/stack";

const stacks = synthesizeAll(sampleEnvironments);
const stack = (name: string) => stacks.get(name)!;

describe("the sample", () => {
  test("has the books and UsersPost stacks in dev and prod", () => {
    expect([...stacks.keys()]).toEqual(["books-dev", "UsersPost-dev", "books-prod", "UsersPost-prod"]);
  });
});

describe("prod, unlike dev", () => {
  test.each(["books", "UsersPost"])("protects the %s table from deletion, by AWS and by Terraform", (table) => {
    const prod = only(stack(`${table}-prod`), "aws_dynamodb_table").body;
    const dev = only(stack(`${table}-dev`), "aws_dynamodb_table").body;
    expect(prod.deletion_protection_enabled).toBe(true);
    expect(prod.lifecycle).toEqual({ prevent_destroy: true });
    expect(dev.deletion_protection_enabled).toBe(false);
    expect(dev.lifecycle).toBeUndefined();
  });

  test.each(["books", "UsersPost"])("keeps the %s function's logs a year instead of two weeks", (table) => {
    expect(only(stack(`${table}-prod`), "aws_cloudwatch_log_group").body.retention_in_days).toBe(365);
    expect(only(stack(`${table}-dev`), "aws_cloudwatch_log_group").body.retention_in_days).toBe(14);
  });

  test.each(["books", "UsersPost"])("sends the %s alarms to a topic of its own", (table) => {
    const prod = stack(`${table}-prod`);
    const topic = only(prod, "aws_sns_topic");
    for (const alarm of Object.values(prod.resource.aws_cloudwatch_metric_alarm)) {
      expect(alarm.alarm_actions).toEqual([ref(topic.address, "arn")]);
    }
    const dev = stack(`${table}-dev`);
    expect(dev.resource.aws_sns_topic).toBeUndefined();
    for (const alarm of Object.values(dev.resource.aws_cloudwatch_metric_alarm))
      expect(alarm.alarm_actions).toBeUndefined();
  });

  test("tags its resources with its own environment name", () => {
    expect(stack("books-prod").provider.aws[0].default_tags).toEqual([
      { tags: { Project: "dynamodb-stream-trigger", Environment: "prod", ManagedBy: "cdktf" } },
    ]);
  });
});

describe("the second seed's UsersPost trigger", () => {
  const json = stack("UsersPost-dev");

  test("has its table keyed by user_id and post_id, streaming new and old images", () => {
    expect(only(json, "aws_dynamodb_table").body).toMatchObject({
      name: "UsersPost-dev",
      hash_key: "user_id",
      range_key: "post_id",
      attribute: [
        { name: "user_id", type: "S" },
        { name: "post_id", type: "S" },
      ],
      stream_view_type: "NEW_AND_OLD_IMAGES",
    });
  });

  test("reads batches of 100 from the latest record, as the seed configures it", () => {
    expect(only(json, "aws_lambda_event_source_mapping").body).toMatchObject({
      batch_size: 100,
      starting_position: "LATEST",
      enabled: true,
    });
  });

  test("has a role of its own that may read only its own table's stream", () => {
    const policy = JSON.parse(only(json, "aws_iam_role_policy").body.policy);
    const read = policy.Statement.find((s: { Sid: string }) => s.Sid === "ReadTableStream");
    expect(read.Resource).toBe(ref(only(json, "aws_dynamodb_table").address, "stream_arn"));
    expect(only(json, "aws_iam_role").body.name).toBe("UsersPost-dev-stream-handler");
    expect(only(stack("books-dev"), "aws_iam_role").body.name).toBe("books-dev-stream-handler");
  });
});
