// Reads a plan as `terraform show -json plan.tfplan` writes it (Terraform's "JSON Output Format") and
// refuses anything else: a check that silently read a config or a state as "no changes" would pass a
// plan nobody checked.

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { CommandError } from "../scripts/command-line";

/** What Terraform will do to one resource instance, reduced from its `actions` list. */
export type ChangeKind = "no-op" | "read" | "create" | "update" | "replace" | "delete" | "forget";

export type Values = Readonly<Record<string, unknown>>;

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly mode: "managed" | "data";
  readonly kind: ChangeKind;
  /** The actions as the plan lists them (`["delete", "create"]`, `["create", "delete"]` and
   * `["create", "forget"]` are all "replace"). */
  readonly actions: readonly string[];
  readonly before: Values;
  readonly after: Values;
  /** `after_unknown`: true at every path whose value is known only after apply. */
  readonly afterUnknown: Values;
  /** The attribute paths that force the replacement (`replace_paths`), dot-joined. */
  readonly replacePaths: readonly string[];
  /** Whether this plan imports the resource (`change.importing`, Terraform 1.5+): an adopted table's first plan. */
  readonly importing: boolean;
}

export interface Plan {
  readonly file: string;
  /** The stack the plan is for: the file's name, or its folder's when the file is `plan.json`. */
  readonly name: string;
  readonly changes: readonly ResourceChange[];
}

/** Bad input: exit 2, nothing checked. */
export class PlanFileError extends CommandError {}

// Terraform's documented action lists; anything else is refused rather than guessed at.
const KINDS: Readonly<Record<string, ChangeKind>> = {
  "no-op": "no-op",
  read: "read",
  create: "create",
  update: "update",
  "delete,create": "replace",
  "create,delete": "replace",
  delete: "delete",
  forget: "forget",
  // A replacement whose old object `lifecycle { destroy = false }` keeps in AWS, unmanaged: for a mapping,
  // two read the stream; judged as the replacement it is.
  "create,forget": "replace",
};

export function planName(file: string): string {
  const base = path.basename(file).replace(/\.json$/, "");
  if (base === "plan") return path.basename(path.dirname(path.resolve(file)));
  return base.replace(/\.plan$/, "");
}

export function readPlanFile(file: string): Plan {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new PlanFileError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  return parsePlan(file, text);
}

export function parsePlan(file: string, text: string): Plan {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PlanFileError(
      `${file}: not JSON (${(error as Error).message}); expected \`terraform show -json\` output`,
    );
  }
  const plan = asObject(json);
  if (plan === undefined) throw new PlanFileError(`${file}: not a Terraform plan (the JSON is not an object)`);
  const version = plan.format_version;
  if (version === undefined) throw new PlanFileError(`${file}: ${whatItIs(plan)}`);
  if (typeof version !== "string" || !/^1\.\d+$/.test(version))
    throw new PlanFileError(
      `${file}: format_version ${JSON.stringify(version)} is not supported; allowed: 1.x (Terraform 1.x's \`terraform show -json\`)`,
    );
  if (plan.planned_values === undefined && plan.values !== undefined)
    throw new PlanFileError(
      `${file}: a Terraform state, not a plan; run \`terraform show -json plan.tfplan\` on a saved plan`,
    );
  if (plan.errored === true) throw new PlanFileError(`${file}: the plan errored; Terraform cannot apply it`);
  if (!Array.isArray(plan.resource_changes))
    throw new PlanFileError(
      `${file}: has no resource_changes list; a plan of a trigger stack lists every resource, changed or not`,
    );
  return {
    file,
    name: planName(file),
    changes: plan.resource_changes.map((change, index) => resourceChange(file, index, change)),
  };
}

function whatItIs(json: Record<string, unknown>): string {
  const hint = "run `terraform plan -out=plan.tfplan`, then `terraform show -json plan.tfplan > plan.json`";
  if (json.resource !== undefined || json.terraform !== undefined || json.provider !== undefined)
    return `Terraform configuration (a cdk.tf.json), not a plan; ${hint}`;
  return `not a Terraform plan (no format_version); ${hint}`;
}

function resourceChange(file: string, index: number, raw: unknown): ResourceChange {
  const entry = asObject(raw);
  const where = `${file}: resource_changes[${index}]`;
  if (entry === undefined) throw new PlanFileError(`${where} is not an object`);
  const { address, type, mode } = entry;
  if (typeof address !== "string" || typeof type !== "string")
    throw new PlanFileError(`${where} has no address or type`);
  if (mode !== "managed" && mode !== "data")
    throw new PlanFileError(`${where} (${address}): mode ${JSON.stringify(mode)}; allowed: "managed", "data"`);
  const change = asObject(entry.change);
  const actions = change?.actions;
  if (change === undefined || !Array.isArray(actions) || !actions.every((a) => typeof a === "string"))
    throw new PlanFileError(`${where} (${address}) has no change.actions list`);
  const kind = KINDS[actions.join(",")];
  if (kind === undefined)
    throw new PlanFileError(
      `${where} (${address}): actions ${JSON.stringify(actions)} are not recognized; allowed: ${Object.keys(KINDS)
        .map((k) => JSON.stringify(k.split(",")))
        .join(", ")}`,
    );
  const replacePaths = Array.isArray(change.replace_paths) ? change.replace_paths : [];
  return {
    address,
    type,
    mode,
    kind,
    actions,
    before: asObject(change.before) ?? {},
    after: asObject(change.after) ?? {},
    afterUnknown: asObject(change.after_unknown) ?? {},
    replacePaths: replacePaths.map((p) => (Array.isArray(p) ? p.join(".") : String(p))),
    importing: asObject(change.importing) !== undefined,
  };
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
