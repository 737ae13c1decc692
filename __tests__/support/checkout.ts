// A copy of the project's sources at another path, sharing node_modules: a second checkout.
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { emulatorDir } from "../../emulation/emulator";

const { PROJECT_SOURCES: SOURCES } = require("../../scripts/project-sources") as { PROJECT_SOURCES: string[] };

export interface CheckoutOptions {
  /**
   * Replace config/environments.ts with the sample the template ships with, for tests that need its
   * tables (books-dev and its keys) whatever the user's config holds; default false.
   */
  readonly sampleConfig?: boolean;
  /**
   * Replace config/environments.ts with this file of __tests__/fixtures, which exports `environments`,
   * for tests that must hold for configs unlike the user's; default none.
   */
  readonly configFixture?: string;
  /**
   * Link the real checkout's DynamoDB Local, file by file, so the copy can start it without a download
   * and its process runs in (and is told apart by) the copy's folder; default false.
   */
  readonly emulator?: boolean;
}

export function checkout(at: string, options: CheckoutOptions = {}): string {
  const root = findProjectRoot();
  for (const source of SOURCES) cpSync(path.join(root, source), path.join(at, source), { recursive: true });
  symlinkSync(path.join(root, "node_modules"), path.join(at, "node_modules"), "dir");
  if (options.sampleConfig) {
    const sample = readFileSync(path.join(root, "__tests__", "fixtures", "sample-environments.ts"), "utf8");
    writeFileSync(
      path.join(at, "config", "environments.ts"),
      sample.replace('"../../settings/config"', '"../settings/config"').replace("sampleEnvironments", "environments"),
    );
  }
  if (options.configFixture) {
    const fixture = readFileSync(path.join(root, "__tests__", "fixtures", options.configFixture), "utf8");
    writeFileSync(
      path.join(at, "config", "environments.ts"),
      fixture.replace('"../../settings/config"', '"../settings/config"'),
    );
  }
  if (options.emulator) {
    const [from, to] = [emulatorDir(root), emulatorDir(at)];
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) symlinkSync(path.join(from, name), path.join(to, name));
  }
  return at;
}
