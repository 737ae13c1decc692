// Which Node the project runs on, said in one voice: package.json's engines, .nvmrc, the README's quick
// start and the Lambda runtimes the handlers are built for.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { LAMBDA_RUNTIMES, TRIGGER_DEFAULTS } from "../../settings/trigger-settings";

const root = findProjectRoot();
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const engines: string = JSON.parse(read("package.json")).engines.node;
const floor = Number(/^>=(\d+)/.exec(engines)?.[1]);
const majors = LAMBDA_RUNTIMES.map((r) => Number(/^nodejs(\d+)\.x$/.exec(r)?.[1]));

test("engines supports every Node major a Lambda runtime of the config can be", () => {
  for (const major of majors) expect(major).toBeGreaterThanOrEqual(floor);
});

test(".nvmrc names the major of the default Lambda runtime, which engines supports", () => {
  const nvmrc = Number(read(".nvmrc").trim());
  expect(`nodejs${nvmrc}.x`).toBe(TRIGGER_DEFAULTS.runtime);
  expect(nvmrc).toBeGreaterThanOrEqual(floor);
});

test("the README's quick start names the Node majors engines supports, and .nvmrc", () => {
  const quickStart = read("README.md").split("## Quick start")[1].split("\n## ")[0];
  expect(quickStart).toContain(`Node.js ${majors.join(" or ")}`);
  expect(quickStart).toContain("`.nvmrc`");
});
