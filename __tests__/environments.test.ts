// The app's own config: dev and prod, each with the books and UsersPost triggers.
import { environments } from "../config/environments";
import { only, ref, synthesizeAll, type TerraformJson } from "./support/stack";

const stacks = synthesizeAll(environments);
const stack = (name: string) => stacks.get(name)!;

/** Every account-wide name a stack gives AWS, as `<resource type>:<name>`. An inline policy's name is
 * scoped to its role, so it is left out. */
function physicalNames(json: TerraformJson): string[] {
  const names: string[] = [];
  for (const [type, resources] of Object.entries(json.resource)) {
    if (type === "aws_iam_role_policy") continue;
    for (const body of Object.values(resources)) {
      for (const field of ["name", "function_name", "alarm_name"]) {
        if (typeof body[field] === "string" && !String(body[field]).startsWith("${"))
          names.push(`${type}:${body[field]}`);
      }
    }
  }
  return names;
}

describe("the app", () => {
  test("has one stack per environment and table", () => {
    expect([...stacks.keys()]).toEqual(["books-dev", "UsersPost-dev", "books-prod", "UsersPost-prod"]);
  });

  test("gives no physical name to two stacks", () => {
    const all = [...stacks.values()].flatMap(physicalNames);
    // A dev stack names 8 things (table, log group, role, function, queue, three alarms); prod adds its topic.
    expect(all.length).toBe(2 * 8 + 2 * 9);
    expect(new Set(all).size).toBe(all.length);
  });

  test("keeps every stack self-contained, so each can be diffed and deployed alone", () => {
    for (const json of stacks.values()) {
      const text = JSON.stringify({ resource: json.resource, data: json.data, output: json.output });
      const addresses = new Set(
        [...Object.entries(json.resource)]
          .flatMap(([type, r]) => Object.keys(r).map((n) => `${type}.${n}`))
          .concat(
            [...Object.entries(json.data)].flatMap(([type, r]) => Object.keys(r).map((n) => `data.${type}.${n}`)),
          ),
      );
      for (const [, reference] of text.matchAll(/\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z0-9_]+\}/g)) {
        expect(addresses).toContain(reference);
      }
      expect(json.data.terraform_remote_state).toBeUndefined();
    }
  });
});

describe("prod, unlike dev", () => {
  test.each(["books", "UsersPost"])("protects the %s table from deletion", (table) => {
    expect(only(stack(`${table}-prod`), "aws_dynamodb_table").body.deletion_protection_enabled).toBe(true);
    expect(only(stack(`${table}-dev`), "aws_dynamodb_table").body.deletion_protection_enabled).toBe(false);
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
