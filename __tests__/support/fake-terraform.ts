// A `terraform` on PATH that answers as the real one does in the cases npm run plan / apply must handle,
// without the network or AWS: it logs every call (arguments, telemetry setting, folder) to a file.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { tempDir } from "./stack";

/**
 * offline: init cannot reach registry.terraform.io (Terraform 1.11's own words); no-credentials: plan
 * finds none; stale: apply refuses the saved plan; ok: every command works, `show -json` prints `plan`.
 */
export type FakeMode = "offline" | "no-credentials" | "stale" | "ok";

const SCRIPT = `#!/usr/bin/env node
const fs = require("node:fs");
const [command, ...rest] = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_TF_CALLS, JSON.stringify({ args: process.argv.slice(2), checkpoint: process.env.CHECKPOINT_DISABLE ?? null, cwd: process.cwd() }) + "\\n");
const mode = process.env.FAKE_TF_MODE;
const fail = (text) => { process.stderr.write(text); process.exit(1); };
if (command === "init") {
  if (mode === "offline") fail(\`
Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider
hashicorp/aws: could not connect to registry.terraform.io: failed to
request discovery document: Get
"https://registry.terraform.io/.well-known/terraform.json": dial tcp: lookup
registry.terraform.io on 10.255.255.53:53: no such host
\`);
  console.log("Terraform has been successfully initialized!");
} else if (command === "plan") {
  if (mode === "no-credentials") fail(\`
Error: No valid credential sources found

  with provider["registry.terraform.io/hashicorp/aws"],
  on cdk.tf.json line 74, in provider.aws[0]:
\`);
  const out = rest.find((a) => a.startsWith("-out=")).slice(5);
  fs.writeFileSync(out, "saved plan " + Date.now());
  console.log("Saved the plan to: " + out);
} else if (command === "show") {
  if (rest.includes("-json")) process.stdout.write(fs.readFileSync(process.env.FAKE_TF_PLAN, "utf8"));
  else console.log("Plan: 0 to add, 1 to change, 0 to destroy.");
} else if (command === "apply") {
  if (mode === "stale") fail("\\nError: Saved plan is stale\\n\\nThe given plan file can no longer be applied because the state was changed\\n");
  console.log("Apply complete! Resources: 0 added, 1 changed, 0 destroyed.");
} else fail("fake terraform: unexpected " + command);
`;

export interface FakeTerraform {
  /** The folder to put first on PATH. */
  readonly bin: string;
  readonly env: (mode: FakeMode, plan: string) => NodeJS.ProcessEnv;
  /** The calls so far, oldest first. */
  readonly calls: () => { args: string[]; checkpoint: string | null; cwd: string }[];
}

export function fakeTerraform(): FakeTerraform {
  const dir = tempDir("fake-terraform-");
  const bin = path.join(dir, "bin");
  mkdirSync(bin);
  writeFileSync(path.join(bin, "terraform"), SCRIPT);
  chmodSync(path.join(bin, "terraform"), 0o755);
  const log = path.join(dir, "calls.jsonl");
  writeFileSync(log, "");
  return {
    bin,
    env: (mode, plan) => ({
      PATH: `${bin}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
      FAKE_TF_MODE: mode,
      FAKE_TF_PLAN: plan,
      FAKE_TF_CALLS: log,
    }),
    calls: () =>
      readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
  };
}
