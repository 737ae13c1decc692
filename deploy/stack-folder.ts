// A stack's synthesized folder, where its plan and the check's verdict are saved, found as the CLI finds
// it: cdktf.json's output folder, then the stack's working directory in manifest.json.
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { StepError } from "./terraform";

/** The files a plan leaves in the stack's folder. */
export const SAVED = {
  plan: "plan.tfplan",
  json: "plan.json",
  text: "plan.txt",
  verdict: "check.md",
  log: "terraform.log",
} as const;

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new StepError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The output folder cdktf.json names (default cdktf.out), in `root`. */
export function outputFolder(root: string): string {
  const config = readJson(path.join(root, "cdktf.json"));
  return path.resolve(root, typeof config.output === "string" ? config.output : "cdktf.out");
}

/** The stacks the last synth wrote, as manifest.json lists them, with their folders. */
export function synthesizedStacks(root: string): Map<string, string> {
  const outdir = outputFolder(root);
  const manifest = path.join(outdir, "manifest.json");
  if (!existsSync(manifest)) return new Map();
  const stacks = (readJson(manifest).stacks ?? {}) as Record<string, { workingDirectory?: string }>;
  return new Map(
    Object.entries(stacks).map(([name, s]) => [name, path.join(outdir, s.workingDirectory ?? `stacks/${name}`)]),
  );
}

/** The stack's folder; a name the app does not hold is refused with the names it does. */
export function stackFolder(root: string, stack: string): string {
  const stacks = synthesizedStacks(root);
  const folder = stacks.get(stack);
  if (folder === undefined) {
    const known = [...stacks.keys()].sort().join(", ") || "none (run npm run synth)";
    throw new UnknownStackError(`unknown stack "${stack}"; the synthesized app holds: ${known}`);
  }
  return folder;
}

export class UnknownStackError extends StepError {}
