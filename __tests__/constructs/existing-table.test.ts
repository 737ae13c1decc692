// Tables this app did not create: read as they are ("existing"), or taken over by an import ("adopt").
import {
  adoptedCatalog,
  existingTablesEnvironment,
  existingUsersPost,
  OTHER_ACCOUNT_STREAM,
  otherAccountOrders,
} from "../fixtures/existing-tables";
import { ACCOUNT, decide, STREAM } from "../support/iam-simulator";
import { only, ref, synthesizeAll, type TerraformJson } from "../support/stack";

const stacks = synthesizeAll([existingTablesEnvironment]);
const stack = (name: string) =>
  stacks.get(name) as TerraformJson & { import?: unknown[]; locals?: Record<string, any> };
const usersPost = stack("UsersPost-dev");
const orders = stack("Orders-dev");
const catalog = stack("Catalog-dev");
const streamStatement = (json: TerraformJson) =>
  JSON.parse(only(json, "aws_iam_role_policy").body.policy).Statement.find(
    (s: { Sid: string }) => s.Sid === "ReadTableStream",
  );

describe("an existing table", () => {
  const data = only(usersPost, "aws_dynamodb_table", "data");

  test("is read by a data source of its exact name, without the environment suffix", () => {
    expect(data.body.name).toBe(existingUsersPost.tableName);
  });

  test("is never a resource of the stack, so nothing in it can change or delete the table", () => {
    expect(usersPost.resource.aws_dynamodb_table).toBeUndefined();
    expect(usersPost.import).toBeUndefined();
  });

  test("stops the plan when its stream is off", () => {
    expect(data.body.lifecycle.postcondition).toContainEqual(
      expect.objectContaining({
        condition: "${self.stream_enabled}",
        error_message: expect.stringContaining('Table "UsersPost" has its stream off'),
      }),
    );
  });

  test("stops the plan when its stream has another view type than config says", () => {
    expect(data.body.lifecycle.postcondition).toContainEqual(
      expect.objectContaining({
        condition: `\${!self.stream_enabled || self.stream_view_type == "${existingUsersPost.streamViewType}"}`,
      }),
    );
  });

  test("stops the plan when it is keyed otherwise than config says", () => {
    expect(data.body.lifecycle.postcondition).toContainEqual(
      expect.objectContaining({ condition: '${self.hash_key == "user_id" && self.range_key == "post_id"}' }),
    );
  });

  test("its stream is the one the role may read and the mapping reads", () => {
    expect(streamStatement(usersPost).Resource).toBe(ref(data.address, "stream_arn"));
    expect(only(usersPost, "aws_lambda_event_source_mapping").body.event_source_arn).toBe(
      ref(data.address, "stream_arn"),
    );
  });

  test("names everything else <table>-<environment>, as a created table would", () => {
    expect(only(usersPost, "aws_lambda_function").body.function_name).toBe("UsersPost-dev-stream-handler");
  });

  test("records the shape config gives it, for npm run local's stand-in", () => {
    expect(usersPost.locals?.existing_table_model).toMatchObject({
      name: "UsersPost",
      hash_key: "user_id",
      range_key: "post_id",
      stream_view_type: "NEW_AND_OLD_IMAGES",
    });
  });
});

describe("an existing stream in another account", () => {
  test("is read by its ARN, with no data source (another account's table cannot be described)", () => {
    expect(orders.data.aws_dynamodb_table).toBeUndefined();
    expect(only(orders, "aws_lambda_event_source_mapping").body.event_source_arn).toBe(OTHER_ACCOUNT_STREAM);
    expect(streamStatement(orders).Resource).toBe(OTHER_ACCOUNT_STREAM);
  });

  test("gives its owner the exact policy to put on the stream: this role, this stream, three read actions", () => {
    const role = only(orders, "aws_iam_role");
    expect(JSON.parse(orders.output.stream_owner_policy.value)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "ReadStreamFromTriggerRole",
          Effect: "Allow",
          Principal: { AWS: ref(role.address, "arn") },
          Action: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"],
          Resource: otherAccountOrders.streamArn,
        },
      ],
    });
  });

  test("is output only where a stream is given by ARN", () => {
    expect(usersPost.output.stream_owner_policy).toBeUndefined();
    expect(catalog.output.stream_owner_policy).toBeUndefined();
  });
});

describe("the roles, simulated", () => {
  const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
  const session = (name: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/${name}`;
  const policyOf = (json: TerraformJson, values: Record<string, string>) =>
    JSON.parse(
      Object.entries(values).reduce(
        (text, [reference, value]) => text.split(reference).join(value),
        only(json, "aws_iam_role_policy").body.policy as string,
      ),
    );

  test("an existing table's role reads its stream and no other", async () => {
    const data = only(usersPost, "aws_dynamodb_table", "data");
    const policy = policyOf(usersPost, { [ref(data.address, "stream_arn")]: STREAM("UsersPost") });
    const principal = session("UsersPost-dev-stream-handler");
    expect(await decide(policy, { action: "dynamodb:GetRecords", resource: STREAM("UsersPost"), principal })).toBe(
      "Allowed",
    );
    expect(await decide(policy, { action: "dynamodb:GetRecords", resource: STREAM("Orders"), principal })).toBe(
      "ImplicitlyDenied",
    );
  });

  test("the other account's stream is read only with the owner's policy on it", async () => {
    const role = only(orders, "aws_iam_role");
    const name = "Orders-dev-stream-handler";
    const policy = policyOf(orders, {});
    const ownerPolicy = JSON.parse(
      (orders.output.stream_owner_policy.value as string).split(ref(role.address, "arn")).join(roleArn(name)),
    );
    const request = {
      action: "dynamodb:GetRecords",
      resource: OTHER_ACCOUNT_STREAM,
      principal: session(name),
      resourceAccount: "444455556666",
    };
    expect(await decide(policy, request)).toBe("ImplicitlyDenied");
    expect(await decide(policy, { ...request, resourcePolicy: ownerPolicy })).toBe("Allowed");
    const otherRole = { ...request, principal: session("someone-else") };
    expect(await decide(policy, { ...otherRole, resourcePolicy: ownerPolicy })).toBe("ImplicitlyDenied");
  });
});

describe("an adopted table", () => {
  const table = only(catalog, "aws_dynamodb_table");

  test("is imported by its exact name into the stack's table", () => {
    expect(catalog.import).toEqual([{ id: adoptedCatalog.tableName, to: table.address }]);
    expect(table.body.name).toBe(adoptedCatalog.tableName);
  });

  test("can never be destroyed by the stack", () => {
    expect(table.body.lifecycle.prevent_destroy).toBe(true);
  });

  test("leaves what config does not state as the table has it", () => {
    expect(table.body.lifecycle.ignore_changes).toEqual(
      expect.arrayContaining([
        "point_in_time_recovery",
        "server_side_encryption",
        "deletion_protection_enabled",
        "tags",
        "tags_all",
      ]),
    );
    for (const unstated of ["point_in_time_recovery", "server_side_encryption", "deletion_protection_enabled"]) {
      expect(table.body[unstated]).toBeUndefined();
    }
  });

  test("is modelled from config: keys, indexes, TTL and class", () => {
    expect(table.body).toMatchObject({
      hash_key: "sku",
      range_key: "variant",
      global_secondary_index: [{ name: "byBrand", hash_key: "brand", projection_type: "KEYS_ONLY" }],
      local_secondary_index: [{ name: "byPrice", range_key: "price", projection_type: "ALL" }],
      ttl: { enabled: true, attribute_name: "expiresAt" },
      table_class: "STANDARD",
      stream_enabled: true,
    });
  });

  test("without a ttlAttribute leaves its TTL as it is", () => {
    const json = synthesizeAll([
      { ...existingTablesEnvironment, triggers: [{ ...adoptedCatalog, ttlAttribute: undefined }] },
    ]).get("Catalog-dev") as TerraformJson;
    expect(only(json, "aws_dynamodb_table").body.lifecycle.ignore_changes).toContain("ttl");
  });
});

describe("an existing table without a sort key", () => {
  test("stops the plan when the table has one (null and empty both mean none)", () => {
    const json = synthesizeAll([
      { ...existingTablesEnvironment, triggers: [{ ...existingUsersPost, sortKey: undefined }] },
    ]).get("UsersPost-dev") as TerraformJson;
    expect(only(json, "aws_dynamodb_table", "data").body.lifecycle.postcondition).toContainEqual(
      expect.objectContaining({
        condition: '${self.hash_key == "user_id" && (self.range_key == null || self.range_key == "")}',
      }),
    );
  });
});

describe("an adopted table with deletionProtection", () => {
  test("switches deletion protection on and manages it, where false would leave it as the table has it", () => {
    const json = synthesizeAll([
      { ...existingTablesEnvironment, triggers: [{ ...adoptedCatalog, deletionProtection: true }] },
    ]).get("Catalog-dev") as TerraformJson;
    const table = only(json, "aws_dynamodb_table").body;
    expect(table.deletion_protection_enabled).toBe(true);
    expect(table.lifecycle.ignore_changes).not.toContain("deletion_protection_enabled");
  });
});
