// Compares two synth outputs stack by stack, cdk.tf.json by cdk.tf.json: the cdktf project's and the
// same project moved to CDK Terrain. They must hold the same stacks, and each stack the same JSON but for
// the keys of ALLOWED (printed with every difference found there). CI runs it after npm run migrate:cdktn.
// Usage: node compare-synth.js CDKTF_OUT CDKTN_OUT
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";

/**
 * Where the two may differ: the version of the library that wrote the file, and the providers' versions
 * and sources (cdktn's prebuilt providers pin newer ones). `*` is one key, whatever its name.
 */
export const ALLOWED = [
  "//.metadata.version",
  "terraform.required_providers.*.version",
  "terraform.required_providers.*.source",
] as const;

export interface Difference {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

const matches = (pattern: string, at: string) => {
  const [p, a] = [pattern.split("."), at.split(".")];
  return p.length === a.length && p.every((key, i) => key === "*" || key === a[i]);
};

export const allowed = (at: string) => ALLOWED.some((pattern) => matches(pattern, at));

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every path where `a` and `b` differ (a missing key differs from any value), depth first. */
export function differences(a: unknown, b: unknown, at = ""): Difference[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => differences(a[key], b[key], at === "" ? key : `${at}.${key}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((item, i) => differences(item, b[i], `${at}[${i}]`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path: at, before: a, after: b }];
}

function stacks(outdir: string): string[] {
  const dir = path.join(outdir, "stacks");
  if (!existsSync(dir)) throw new Error(`${dir} does not exist: synthesize first`);
  return readdirSync(dir)
    .filter((s) => existsSync(path.join(dir, s, "cdk.tf.json")))
    .sort();
}

const json = (outdir: string, stack: string) =>
  JSON.parse(readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));

/** The report, and whether every difference is allowed. */
export function compare(cdktfOut: string, cdktnOut: string): { ok: boolean; text: string } {
  const [before, after] = [stacks(cdktfOut), stacks(cdktnOut)];
  const lines = [`allowed to differ: ${ALLOWED.join(", ")}`];
  let ok = JSON.stringify(before) === JSON.stringify(after);
  if (!ok) lines.push(`DIFFERENT STACKS: ${before.join(", ")} -> ${after.join(", ")}`);
  for (const stack of before.filter((s) => after.includes(s))) {
    const found = differences(json(cdktfOut, stack), json(cdktnOut, stack));
    const refused = found.filter((d) => !allowed(d.path));
    ok &&= refused.length === 0;
    const show = (d: Difference) => `${d.path}: ${JSON.stringify(d.before)} -> ${JSON.stringify(d.after)}`;
    lines.push(
      `${stack}: ${refused.length === 0 ? "same" : "DIFFERENT"} but for ${found.length - refused.length} allowed key(s)`,
    );
    for (const d of found) lines.push(`  ${allowed(d.path) ? "allowed" : "NOT ALLOWED"} ${show(d)}`);
  }
  lines.push(ok ? "PASS: every cdk.tf.json is the same but for the allowed keys" : "FAIL: see NOT ALLOWED above");
  return { ok, text: `${lines.join("\n")}\n` };
}

if (require.main === module) {
  const usage = "Usage: node compare-synth.js CDKTF_OUT CDKTN_OUT\n";
  let parsed: { values: { help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ options: { help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    process.stderr.write(`compare-synth: ${(error as Error).message.split("\n")[0]}\n${usage}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  const { positionals } = parsed;
  if (positionals.length !== 2) {
    process.stderr.write(`compare-synth: give two synth output folders\n${usage}`);
    process.exit(2);
  }
  const { ok, text } = compare(positionals[0], positionals[1]);
  process.stdout.write(text);
  process.exitCode = ok ? 0 : 1;
}
