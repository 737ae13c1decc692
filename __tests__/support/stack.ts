// Builds the app from a config, synthesizes one stack, and reads resources out of its JSON.

import { mkdtempSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { buildApp } from "../../constructs/app";
import { TriggerStack } from "../../constructs/trigger-stack";
import type { S3BackendSettings } from "../../settings/backend-settings";
import type { EnvironmentConfig, TriggerConfig } from "../../settings/config";

export const BOOKS: TriggerConfig = {
  tableName: "books",
  partitionKey: { name: "author", type: "S" },
  sortKey: { name: "bookTitle", type: "S" },
};

export function devEnvironment(
  overrides: Partial<EnvironmentConfig> = {},
  trigger: Partial<TriggerConfig> = {},
): EnvironmentConfig {
  return {
    environment: "dev",
    project: "stream-trigger-test",
    region: "eu-west-1",
    triggers: [{ ...BOOKS, ...trigger }],
    ...overrides,
  };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Synthesized {
  readonly stack: TriggerStack;
  /** The stack's JSON as the Testing matchers expect it. */
  readonly synth: string;
  readonly json: TerraformJson;
}

export interface TerraformJson {
  readonly resource: Record<string, Record<string, Record<string, unknown>>>;
  readonly data: Record<string, Record<string, Record<string, unknown>>>;
  readonly output: Record<string, { value: string }>;
  readonly provider: Record<string, Record<string, unknown>[]>;
  readonly terraform: Record<string, unknown>;
}

export function synthesize(environment: EnvironmentConfig = devEnvironment(), stackName = "books-dev"): Synthesized {
  const app = buildApp([environment], { outdir: tempDir("cdktf-out-") });
  const stack = app.node.findChild(stackName) as TriggerStack;
  const synth = Testing.synth(stack);
  return { stack, synth, json: JSON.parse(synth) as TerraformJson };
}

/** The one resource of `type` in the stack, with its Terraform address. */
export function only(json: TerraformJson, type: string, kind: "resource" | "data" = "resource") {
  const all = Object.entries(json[kind][type] ?? {});
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  const [name, body] = all[0];
  const prefix = kind === "data" ? `data.${type}` : type;
  return { address: `${prefix}.${name}`, body: body as Record<string, any> };
}

/** `${address.attribute}`: how Terraform JSON spells a reference. */
export function ref(address: string, attribute: string): string {
  return `\${${address}.${attribute}}`;
}

/** Every stack of an app, by name, as parsed JSON. */
export function synthesizeAll(
  environments: readonly EnvironmentConfig[],
  backend?: S3BackendSettings,
): Map<string, TerraformJson> {
  const app = buildApp(environments, { outdir: tempDir("cdktf-out-"), backend });
  const stacks = new Map<string, TerraformJson>();
  for (const child of app.node.children) {
    if (child instanceof TriggerStack) stacks.set(child.node.id, JSON.parse(Testing.synth(child)) as TerraformJson);
  }
  return stacks;
}
