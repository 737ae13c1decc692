// A copy of the project's sources at another path, sharing node_modules: a second checkout.
import { cpSync, symlinkSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../../lib/handler-bundle";

const SOURCES = ["main.ts", "cdktf.json", "package.json", "tsconfig.json", "scripts", "lib", "config", "handlers"];

export function checkout(at: string): string {
  const root = findProjectRoot();
  for (const source of SOURCES) cpSync(path.join(root, source), path.join(at, source), { recursive: true });
  symlinkSync(path.join(root, "node_modules"), path.join(at, "node_modules"), "dir");
  return at;
}
