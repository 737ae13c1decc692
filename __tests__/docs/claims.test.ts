// What docs/design.md and the README say about the synthesized stacks, checked against a synth: the
// outputs, how many alarms a stack has, every role statement and its actions, the provider's version.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { ConfigError } from "../../settings/checks";
import { resolveConfig, type TriggerConfig } from "../../settings/config";
import { devEnvironment, synthesize, type TerraformJson } from "../support/stack";

const root = findProjectRoot();
const design = readFileSync(path.join(root, "docs", "design.md"), "utf8");
const readme = readFileSync(path.join(root, "README.md"), "utf8");

/** Every branch of the settings that changes the outputs, the alarms or the role. */
const VARIANTS: Record<string, Partial<TriggerConfig>> = {
  defaults: {},
  "mapping metrics off": { mappingMetrics: false },
  "filters with their alarm": { filterPatterns: [{ eventName: ["INSERT"] }], allFilteredOutAlarmMinutes: 10 },
  "a failure bucket": { failureDestination: "s3" },
  "a failure bucket, filters with their alarm": {
    failureDestination: "s3",
    filterPatterns: [{ eventName: ["INSERT"] }],
    allFilteredOutAlarmMinutes: 10,
  },
};
const stacks: [string, TerraformJson][] = Object.entries(VARIANTS).map(([name, trigger]) => [
  name,
  synthesize(devEnvironment({}, trigger)).json,
]);

/** The cells of design.md's table row whose first cell starts with `first`. */
function row(first: string): string[] {
  const line = design.split("\n").find((l) => l.startsWith(`| ${first}`));
  if (!line) throw new Error(`docs/design.md has no table row starting with ${first}`);
  return line.split(" | ").map((cell) => cell.replace(/^\| |\s*\|$/g, ""));
}

const codeWords = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

describe("docs/design.md's table of what is synthesized", () => {
  test("names every output a stack has", () => {
    const documented = codeWords(row("outputs")[1]).sort();
    const synthesized = [...new Set(stacks.flatMap(([, json]) => Object.keys(json.output)))].sort();
    expect(documented).toEqual(synthesized);
  });

  test("gives the fewest and the most alarms a stack has", () => {
    const counts = stacks.map(([, json]) => Object.keys(json.resource.aws_cloudwatch_metric_alarm).length);
    const [, fewest, most] = row("`aws_cloudwatch_metric_alarm`")[0].match(/×(\d+)–(\d+)/) ?? [];
    expect([Number(fewest), Number(most)]).toEqual([Math.min(...counts), Math.max(...counts)]);
  });
});

describe("docs/design.md's Permissions table", () => {
  const section = design.slice(design.indexOf("### Permissions"), design.indexOf("## Project layout"));
  /** Sid → actions, with a service prefix written once carried over to the names after it. */
  const documented = new Map(
    [...section.matchAll(/^\| `([A-Za-z]+)` \| ([^|]+) \|/gm)].map(([, sid, cell]) => {
      let service = "";
      const actions = codeWords(cell).map((word) => {
        if (word.includes(":")) [service] = word.split(":");
        return word.includes(":") ? word : `${service}:${word}`;
      });
      return [sid, actions.sort()] as const;
    }),
  );

  test.each(stacks)("lists every statement of the role, with its actions, for %s", (_, json) => {
    const policy = Object.values(json.resource.aws_iam_role_policy)[0] as { policy: string };
    for (const statement of JSON.parse(policy.policy).Statement as { Sid: string; Action: string[] }[]) {
      expect({ Sid: statement.Sid, Action: documented.get(statement.Sid) }).toEqual({
        Sid: statement.Sid,
        Action: [...statement.Action].sort(),
      });
    }
  });
});

test("the README names the AWS provider version the stacks pin", () => {
  const pinned = (stacks[0][1].terraform.required_providers as Record<string, { version: string }>).aws.version;
  expect(readme.replace(/\s+/g, " ")).toContain(`pinned provider (${pinned})`);
});

test("the README's example of an invalid configuration is what the check prints for it", () => {
  const example = readme.match(/```\n(Invalid configuration[\s\S]*?)\n```/)?.[1];
  const config = [
    devEnvironment({
      region: "us-east-99",
      triggers: [{ tableName: "orders", partitionKey: { name: "customerId" }, batchsize: 100 } as TriggerConfig],
    }),
  ];
  expect(() => resolveConfig(config)).toThrow(
    new ConfigError(
      example
        ?.split("\n")
        .slice(1)
        .map((l) => l.slice(4)) ?? [],
    ),
  );
});
