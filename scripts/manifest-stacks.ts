// The stacks of a synthesized app, from its manifest.json.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { StackListError } from "./stack-list-error";

export function readManifestStacks(outdir: string): string[] {
  const file = path.join(outdir, "manifest.json");
  let manifest: { stacks?: Record<string, unknown> };
  try {
    manifest = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StackListError(`${file}: cannot be read (${reason}); run \`npm run synth\` first`);
  }
  const stacks = Object.keys(manifest.stacks ?? {});
  if (stacks.length === 0) throw new StackListError(`${file}: lists no stack`);
  return stacks.sort();
}
