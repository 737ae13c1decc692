// Which planned changes the check flags, one rule at a time, and which it lets pass.

import { type Hazard, hazardsOf } from "../../plan-check/classify";
import { parsePlan } from "../../plan-check/plan-file";
import { RULES } from "../../plan-check/rules";
import {
  BUCKET,
  BUCKET_LIFECYCLE,
  create,
  DEPLOYED,
  FUNCTION,
  IDEMPOTENCY_TABLE,
  IDEMPOTENCY_TABLE_VALUES,
  importing,
  LOG_GROUP,
  lifecycleRule,
  MAPPING,
  POLICY,
  plan,
  QUEUE,
  ROLE,
  remove,
  replace,
  resourceChange,
  SHAPED_TABLE,
  TABLE,
  update,
  updateShaped,
} from "../support/plan-fixtures";

const hazards = (json: unknown): Hazard[] => hazardsOf(parsePlan("books-dev.plan.json", JSON.stringify(json)));

const NEW_QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:books-dev-parked";

// [the change the rule names, a plan holding only that change, the address it must name]
const FLAGGED: [string, ReturnType<typeof plan>, string][] = [
  ["table replaced", plan(replace(TABLE, [["hash_key"]], "delete-first")), TABLE],
  ["table deleted", plan(remove(TABLE)), TABLE],
  [
    "idempotency table replaced",
    plan(
      resourceChange(IDEMPOTENCY_TABLE, ["delete", "create"], {
        before: IDEMPOTENCY_TABLE_VALUES,
        after: { ...IDEMPOTENCY_TABLE_VALUES, name: "books-dev-audit-idempotency" },
        replacePaths: [["name"]],
      }),
    ),
    IDEMPOTENCY_TABLE,
  ],
  [
    "idempotency table deleted",
    plan(resourceChange(IDEMPOTENCY_TABLE, ["delete"], { before: IDEMPOTENCY_TABLE_VALUES, after: null })),
    IDEMPOTENCY_TABLE,
  ],
  ["stream switched off", plan(update(TABLE, { stream_enabled: false, stream_view_type: "" })), TABLE],
  ["stream view type changed", plan(update(TABLE, { stream_view_type: "NEW_IMAGE" }, { stream_arn: true })), TABLE],
  ["mapping replaced", plan(replace(MAPPING, [["starting_position"]], "delete-first")), MAPPING],
  ["mapping deleted", plan(remove(MAPPING)), MAPPING],
  ["on-failure destination removed", plan(update(MAPPING, { destination_config: [] })), MAPPING],
  ["ReportBatchItemFailures removed", plan(update(MAPPING, { function_response_types: [] })), MAPPING],
  ["function replaced", plan(replace(FUNCTION, [["function_name"]], "delete-first")), FUNCTION],
  ["function deleted", plan(remove(FUNCTION)), FUNCTION],
  ["role replaced", plan(replace(ROLE, [["name"]], "delete-first")), ROLE],
  ["role deleted", plan(remove(ROLE)), ROLE],
  ["role policy replaced", plan(replace(POLICY, [["name"]], "delete-first")), POLICY],
  ["role policy deleted", plan(remove(POLICY)), POLICY],
  ["failure queue replaced", plan(replace(QUEUE, [["name"]], "delete-first")), QUEUE],
  ["failure queue deleted", plan(remove(QUEUE)), QUEUE],
  ["failure queue retention shortened", plan(update(QUEUE, { message_retention_seconds: 3600 })), QUEUE],
  ["failure bucket replaced", plan(replace(BUCKET, [["bucket"]], "delete-first")), BUCKET],
  ["failure bucket deleted", plan(remove(BUCKET)), BUCKET],
  ["failure bucket retention shortened", plan(update(BUCKET_LIFECYCLE, { rule: lifecycleRule(1) })), BUCKET_LIFECYCLE],
  ["global secondary index removed", plan(updateShaped({ global_secondary_index: [] })), TABLE],
  [
    "global secondary index replaced",
    plan(
      updateShaped({
        global_secondary_index: [{ name: "byGenre", hash_key: "genre", range_key: "", projection_type: "KEYS_ONLY" }],
      }),
    ),
    TABLE,
  ],
  ["TTL switched off", plan(updateShaped({ ttl: [{ enabled: false, attribute_name: "" }] })), TABLE],
  [
    "TTL moved to another attribute",
    plan(updateShaped({ ttl: [{ enabled: true, attribute_name: "deleteAt" }] })),
    TABLE,
  ],
  [
    "billing mode changed",
    plan(update(TABLE, { billing_mode: "PROVISIONED", read_capacity: 5, write_capacity: 5 })),
    TABLE,
  ],
  [
    "adopted table changed besides its stream",
    plan(
      importing(
        { ...DEPLOYED[TABLE], table_class: "STANDARD_INFREQUENT_ACCESS" },
        { ...DEPLOYED[TABLE], table_class: "STANDARD" },
      ),
    ),
    TABLE,
  ],
];

describe("a change that can lose, skip, replay or delete records is flagged", () => {
  test.each(FLAGGED)("%s", (change, json, address) => {
    expect(hazards(json).map((h) => [h.address, h.change])).toEqual([[address, change]]);
  });

  test("every rule of the table has its case above", () => {
    expect(RULES.map((r) => r.change).sort()).toEqual(FLAGGED.map(([change]) => change).sort());
  });

  test("every flagged change says what happens to records and how to do it safely", () => {
    for (const [, json] of FLAGGED)
      for (const hazard of hazards(json)) {
        expect(hazard.records).toMatch(/record|item/);
        expect(hazard.safely.length).toBeGreaterThan(20);
      }
  });

  test("a replacement planned create-first is flagged as one planned delete-first", () => {
    expect(hazards(plan(replace(MAPPING, [["starting_position"]], "create-first")))).toEqual(
      hazards(plan(replace(MAPPING, [["starting_position"]], "delete-first"))),
    );
  });

  test("a replacement that keeps the old object unmanaged (`destroy = false`) is flagged as a replacement", () => {
    const kept = resourceChange(MAPPING, ["create", "forget"], { replacePaths: [["starting_position"]] });
    expect(hazards(plan(kept)).map((h) => [h.address, h.change, h.detail])).toEqual([
      [
        MAPPING,
        "mapping replaced",
        "forced by starting_position; the old one is kept in AWS, no longer managed; starting_position LATEST",
      ],
    ]);
  });

  test("a replacement names the attributes that force it, and the mapping its starting position", () => {
    const [hazard] = hazards(plan(replace(MAPPING, [["event_source_arn"]], "delete-first")));
    expect(hazard.detail).toBe("forced by event_source_arn; starting_position LATEST");
  });

  test("an update shows the old and the new value", () => {
    const [hazard] = hazards(plan(update(TABLE, { stream_view_type: "KEYS_ONLY" })));
    expect(hazard.detail).toBe("stream_view_type NEW_AND_OLD_IMAGES -> KEYS_ONLY");
  });

  test("a failure bucket's retention is shortened when only its older versions expire sooner", () => {
    const [hazard] = hazards(plan(update(BUCKET_LIFECYCLE, { rule: lifecycleRule(14, 2) })));
    expect([hazard.change, hazard.detail]).toEqual(["failure bucket retention shortened", "retention 14 -> 2 days"]);
  });

  test("failureDestination s3 -> sqs: the bucket's deletion is flagged, the new queue and destination are not", () => {
    const found = hazards(
      plan(
        remove(BUCKET),
        remove(BUCKET_LIFECYCLE),
        update(
          MAPPING,
          { destination_config: [{ on_failure: [{}] }] },
          { destination_config: [{ on_failure: [{ destination_arn: true }] }] },
        ),
      ),
    );
    expect(found.map((h) => [h.address, h.change])).toEqual([[BUCKET, "failure bucket deleted"]]);
  });

  test("each hazard is named by its stack and address, in the plan's address order", () => {
    const found = hazards(plan(remove(QUEUE), replace(FUNCTION, [["function_name"]], "delete-first")));
    expect(found.map((h) => `${h.plan} ${h.address}`)).toEqual([`books-dev ${FUNCTION}`, `books-dev ${QUEUE}`]);
  });
});

// [what changes, a plan holding only that change]
const SAFE: [string, ReturnType<typeof plan>][] = [
  ["the batch size", plan(update(MAPPING, { batch_size: 10 }))],
  ["the filters", plan(update(MAPPING, { filter_criteria: [{ filter: [{ pattern: '{"eventName":["INSERT"]}' }] }] }))],
  [
    "the retries and record age",
    plan(update(MAPPING, { maximum_retry_attempts: 2, maximum_record_age_in_seconds: 60 })),
  ],
  ["the function's memory", plan(update(FUNCTION, { memory_size: 1024 }))],
  ["enabled, switched off", plan(update(MAPPING, { enabled: false }))],
  ["enabled, switched back on", plan(resourceChange(MAPPING, ["update"], { before: { enabled: false }, after: {} }))],
  [
    "a new destination queue, created in the same plan",
    plan(
      create("aws_sqs_queue.trigger_parked_0123ABCD", { name: "books-dev-parked" }),
      update(
        MAPPING,
        { destination_config: [{ on_failure: [{}] }] },
        { destination_config: [{ on_failure: [{ destination_arn: true }] }] },
      ),
    ),
  ],
  [
    "another existing destination queue",
    plan(update(MAPPING, { destination_config: [{ on_failure: [{ destination_arn: NEW_QUEUE_ARN }] }] })),
  ],
  ["a longer queue retention", plan(update(QUEUE, { message_retention_seconds: 1209600 * 2 }))],
  ["a longer failure bucket retention", plan(update(BUCKET_LIFECYCLE, { rule: lifecycleRule(30) }))],
  ["a new failure bucket", plan(create(BUCKET, { bucket: "books-dev-stream-handler-failures-123456789012" }))],
  ["the role's policy, in place", plan(update(POLICY, { policy: '{"Version":"2012-10-17","Statement":[{}]}' }))],
  ["the log group, replaced", plan(replace(LOG_GROUP, [["name"]], "delete-first"))],
  [
    "the stream switched on",
    plan(
      resourceChange(TABLE, ["update"], {
        before: { stream_enabled: false },
        after: { stream_enabled: true, stream_view_type: "NEW_IMAGE" },
      }),
    ),
  ],
  [
    "a new trigger",
    plan(create("aws_lambda_event_source_mapping.other_mapping_00000000", { starting_position: "LATEST" })),
  ],
  ["a resource forgotten (removed from state, kept in AWS)", plan(resourceChange(TABLE, ["forget"], { after: null }))],
  [
    "a data source read",
    plan(resourceChange("archive_file.trigger_bundle_0A1B2C3D", ["read"], { before: null, after: {} })),
  ],
  ["nothing", plan()],
  [
    "a new global secondary index",
    plan(resourceChange(TABLE, ["update"], { before: DEPLOYED[TABLE], after: SHAPED_TABLE })),
  ],
  [
    "TTL switched on",
    plan(
      resourceChange(TABLE, ["update"], {
        before: DEPLOYED[TABLE],
        after: { ...DEPLOYED[TABLE], ttl: SHAPED_TABLE.ttl },
      }),
    ),
  ],
  [
    "an index's capacity, on a provisioned table",
    plan(
      updateShaped({
        global_secondary_index: [{ ...(SHAPED_TABLE.global_secondary_index as object[])[0], read_capacity: 10 }],
      }),
    ),
  ],
  [
    "an adopted table's stream switched on in the plan that imports it",
    plan(
      importing(
        { ...SHAPED_TABLE, stream_enabled: false, stream_view_type: "", stream_arn: "" },
        { ...SHAPED_TABLE, stream_view_type: "NEW_AND_OLD_IMAGES", stream_enabled: true },
        { stream_arn: true, stream_label: true },
      ),
    ),
  ],
  ["an adopted table imported as it is", plan(importing(SHAPED_TABLE, SHAPED_TABLE))],
];

describe("a table's shape", () => {
  test("an index removed is named", () => {
    const [hazard] = hazards(plan(updateShaped({ global_secondary_index: [] })));
    expect(hazard.detail).toBe("removed byGenre");
  });

  test("an adopted table's first plan names every attribute it would change besides the stream", () => {
    const found = hazards(
      plan(
        importing(
          { ...SHAPED_TABLE, stream_enabled: false, stream_view_type: "" },
          { ...SHAPED_TABLE, stream_enabled: true, stream_view_type: "NEW_IMAGE", table_class: "STANDARD", ttl: [] },
        ),
      ),
    );
    expect(found.find((h) => h.change === "adopted table changed besides its stream")?.detail).toBe(
      "changes table_class, ttl",
    );
  });

  test("an adopted table's first plan that drops an index is flagged for both", () => {
    const found = hazards(plan(importing(SHAPED_TABLE, { ...SHAPED_TABLE, global_secondary_index: [] })));
    expect(found.map((h) => h.change)).toEqual([
      "global secondary index removed",
      "adopted table changed besides its stream",
    ]);
  });
});

describe("a change that cannot lose records passes", () => {
  test.each(SAFE)("%s", (_, json) => {
    expect(hazards(json)).toEqual([]);
  });
});
