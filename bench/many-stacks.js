// A copy of the project whose config holds 150 stacks (3 environments x 50 tables), for measuring how
// the synth scales with a team's config. The copy shares node_modules and keeps its own .build/, so its
// app bundle is built once, like a user's after their first synth.
const { cpSync, mkdtempSync, symlinkSync, writeFileSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const { PROJECT_SOURCES: SOURCES } = require("../scripts/project-sources");
const ENVIRONMENTS = ["dev", "staging", "prod"];
const TABLES = 50;

/** config/environments.ts for ENVIRONMENTS x TABLES stacks, each table with its own keys and batch size. */
function manyStacksConfig() {
  return `import type { EnvironmentConfig, TriggerConfig } from "../settings/config";

const tables: TriggerConfig[] = Array.from({ length: ${TABLES} }, (_, i) => ({
  tableName: \`table\${String(i).padStart(2, "0")}\`,
  partitionKey: { name: "id", type: "S" },
  sortKey: { name: "at", type: "N" },
  batchSize: 1 + (i % 10) * 10,
}));

export const environments: EnvironmentConfig[] = ${JSON.stringify(ENVIRONMENTS)}.map((environment) => ({
  environment,
  project: "bench",
  region: "us-east-1",
  triggers: tables,
}));
`;
}

/** Makes the copy under the system's temporary folder; returns its path. */
function manyStacksProject(root) {
  const at = mkdtempSync(path.join(os.tmpdir(), "bench-many-stacks-"));
  for (const source of SOURCES) cpSync(path.join(root, source), path.join(at, source), { recursive: true });
  symlinkSync(path.join(root, "node_modules"), path.join(at, "node_modules"));
  writeFileSync(path.join(at, "config", "environments.ts"), manyStacksConfig());
  return at;
}

module.exports = { manyStacksConfig, manyStacksProject, STACKS: ENVIRONMENTS.length * TABLES };
