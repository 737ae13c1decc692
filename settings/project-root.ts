// The folder holding cdktf.json: where handler entries, .build/ and cdktf.out/ are found, whether the
// code runs from source, from a bundle under .build/, or from a test.
import { existsSync } from "node:fs";
import * as path from "node:path";

export function findProjectRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, "cdktf.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cdktf.json not found in ${from} or any folder above it`);
    dir = parent;
  }
  return dir;
}
