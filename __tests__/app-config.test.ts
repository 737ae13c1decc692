// The user's own config (config/environments.ts), checked by properties that hold whatever tables and
// environments it lists: add, remove or rename them and these still pass.
import { environments } from "../config/environments";
import { STREAM_READ_ACTIONS } from "../lib/stream-table";
import { appStacks } from "./support/app-config";
import { only, ref, synthesizeAll, type TerraformJson } from "./support/stack";

const stacks = synthesizeAll(environments);

/** Every account-wide name a stack gives AWS, as `<resource type>:<name>`. An inline policy's name is
 * scoped to its role, so it is left out. */
function physicalNames(json: TerraformJson): string[] {
  const names: string[] = [];
  for (const [type, resources] of Object.entries(json.resource)) {
    if (type === "aws_iam_role_policy") continue;
    for (const body of Object.values(resources)) {
      for (const field of ["name", "function_name", "alarm_name"]) {
        const value = body[field];
        if (typeof value === "string" && !value.startsWith("${")) names.push(`${type}:${value}`);
      }
    }
  }
  return names;
}

function addresses(json: TerraformJson): Set<string> {
  const of = (kind: "resource" | "data", prefix: string) =>
    Object.entries(json[kind] ?? {}).flatMap(([type, r]) => Object.keys(r).map((n) => `${prefix}${type}.${n}`));
  return new Set([...of("resource", ""), ...of("data", "data.")]);
}

describe("the app built from config/environments.ts", () => {
  test("has exactly one stack per environment and table, named <table>-<environment>", () => {
    expect([...stacks.keys()]).toEqual(appStacks.map((s) => s.name));
    for (const s of appStacks) expect(s.name).toBe(`${s.trigger.settings.tableName}`);
  });

  test("gives no physical name to two stacks", () => {
    const all = [...stacks.values()].flatMap(physicalNames);
    const repeated = all.filter((name, i) => all.indexOf(name) !== i);
    expect(repeated).toEqual([]);
  });

  test("keeps every stack self-contained, so each can be diffed and deployed alone", () => {
    for (const json of stacks.values()) {
      const own = addresses(json);
      const text = JSON.stringify({ resource: json.resource, data: json.data, output: json.output });
      for (const [, reference] of text.matchAll(/\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z0-9_]+\}/g)) {
        expect(own).toContain(reference);
      }
      expect(json.data?.terraform_remote_state).toBeUndefined();
    }
  });
});

describe.each(appStacks)("the stack $name", ({ name, environment, trigger }) => {
  const json = stacks.get(name)!;
  const table = only(json, "aws_dynamodb_table");

  test("has one table, named as configured, with its stream on", () => {
    expect(table.body).toMatchObject({
      name: trigger.settings.tableName,
      hash_key: trigger.settings.partitionKey.name,
      stream_enabled: true,
      stream_view_type: trigger.settings.streamViewType,
    });
  });

  test("lets Terraform destroy the table only when deletion protection is off", () => {
    expect(table.body.deletion_protection_enabled).toBe(trigger.settings.deletionProtection);
    expect(table.body.lifecycle?.prevent_destroy === true).toBe(trigger.settings.deletionProtection);
  });

  test("has a role that reads only its own table's stream, writes only its own logs and queue", () => {
    const policy = JSON.parse(only(json, "aws_iam_role_policy").body.policy);
    const resources = policy.Statement.flatMap((s: { Resource: string | string[] }) => [s.Resource].flat());
    expect(resources).not.toContain("*");
    const read = policy.Statement.find((s: { Sid: string }) => s.Sid === "ReadTableStream");
    expect(read).toEqual(
      expect.objectContaining({ Action: [...STREAM_READ_ACTIONS], Resource: ref(table.address, "stream_arn") }),
    );
    for (const resource of resources)
      expect(resource).toMatch(/^\$\{aws_[a-z_]+\.[A-Za-z0-9_-]+\.(stream_)?arn\}(:\*)?$/);
  });

  test("deploys to its environment's region with its environment's tags", () => {
    expect(json.provider.aws[0]).toMatchObject({
      region: environment.region,
      default_tags: [{ tags: environment.tags }],
    });
    expect(environment.tags.Environment).toBe(environment.environment);
  });

  test("wires the mapping from its own table's stream to its own function", () => {
    const mapping = only(json, "aws_lambda_event_source_mapping").body;
    expect(mapping.event_source_arn).toBe(ref(table.address, "stream_arn"));
    expect(mapping.function_name).toBe(ref(only(json, "aws_lambda_function").address, "arn"));
  });
});
