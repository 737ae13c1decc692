// A stack deployed from the code before issue 18 (tables with keys only, one consumer per stream) plans
// with no replacement or deletion after it: every resource keeps its address and every attribute whose
// change makes Terraform replace it (reference/replacements.md). The recorded side was synthesized from
// the sample config by that code; the sample config is the one the template ships with.

import { sampleEnvironments } from "../fixtures/sample-environments";
import before from "../fixtures/upgrade/sample-before-issue-18.json";
import before23 from "../fixtures/upgrade/sample-before-issue-23.json";
import { synthesizeAll, type TerraformJson } from "../support/stack";

type Recorded = Record<string, Record<string, Record<string, unknown>>>;
const recorded = before as Recorded;

/** Each recorded resource as the stack now holds it: the same attributes, or undefined where it is gone. */
function now(json: TerraformJson, address: string, attributes: Record<string, unknown>) {
  const [type, name] = address.split(".");
  const body = json.resource[type]?.[name] as Record<string, unknown> | undefined;
  return body && Object.fromEntries(Object.keys(attributes).map((k) => [k, body[k]]));
}

describe.each([
  ["as it is", sampleEnvironments],
  [
    "with a second consumer on each trigger",
    sampleEnvironments.map((e) => ({
      ...e,
      triggers: e.triggers.map((t) => ({ ...t, consumers: [{ name: "audit" }] })),
    })),
  ],
])("the sample, %s, upgraded from before issue 18", (_, environments) => {
  const stacks = synthesizeAll(environments);

  test("has every stack it had", () => {
    expect([...stacks.keys()].sort()).toEqual(Object.keys(recorded).sort());
  });

  test.each(
    Object.entries(recorded),
  )("%s keeps every resource at its address, with what would replace it unchanged", (stack, resources) => {
    const json = stacks.get(stack) as TerraformJson;
    for (const [address, attributes] of Object.entries(resources))
      expect([address, now(json, address, attributes)]).toEqual([address, attributes]);
  });

  test.each(Object.keys(recorded))("%s needs no moved block and imports nothing", (stack) => {
    const json = stacks.get(stack) as TerraformJson & { moved?: unknown; import?: unknown };
    expect(json.moved).toBeUndefined();
    expect(json.import).toBeUndefined();
  });
});

// Issue 23's options default to what the template did before them: a stack deployed from that code sees
// only the dashboard and the saved queries added. The recorded side is the sample synthesized by that code.
describe("the sample, upgraded from before issue 23", () => {
  const previous = before23 as Record<string, { resource: Recorded[string]; output: Record<string, unknown> }>;
  const stacks = synthesizeAll(sampleEnvironments);
  const ADDED_TYPES = ["aws_cloudwatch_dashboard", "aws_cloudwatch_query_definition"];
  const ADDED_OUTPUTS = ["dashboard_name", "dashboard_url"];

  test.each(Object.keys(previous))("%s keeps every resource it had exactly as it was", (stack) => {
    const json = stacks.get(stack) as TerraformJson;
    for (const [type, resources] of Object.entries(previous[stack].resource))
      for (const [name, body] of Object.entries(resources))
        expect([`${type}.${name}`, json.resource[type]?.[name]]).toEqual([`${type}.${name}`, body]);
  });

  test.each(Object.keys(previous))("%s keeps every output it had exactly as it was", (stack) => {
    const json = stacks.get(stack) as TerraformJson & { output: Record<string, unknown> };
    for (const [name, body] of Object.entries(previous[stack].output))
      expect([name, json.output[name]]).toEqual([name, body]);
  });

  test.each(Object.keys(previous))("%s adds only the dashboard and the saved queries", (stack) => {
    const json = stacks.get(stack) as TerraformJson & { output: Record<string, unknown> };
    const added = Object.entries(json.resource).flatMap(([type, resources]) =>
      Object.keys(resources)
        .filter((name) => previous[stack].resource[type]?.[name] === undefined)
        .map(() => type),
    );
    expect([...new Set(added)].sort()).toEqual(ADDED_TYPES);
    const newOutputs = Object.keys(json.output).filter((name) => !(name in previous[stack].output));
    expect(newOutputs.sort()).toEqual(ADDED_OUTPUTS);
  });
});
