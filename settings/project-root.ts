// The folder holding cdktf.json: where handler entries, .build/ and cdktf.out/ are found, whether the
// code runs from source, from a bundle under .build/, or from a test.
import { existsSync } from "node:fs";
import * as path from "node:path";

// Asked for several times a stack (each handler bundle, each trigger's check): the search from this
// file's own folder is made once a process.
let fromHere: string | undefined;

export function findProjectRoot(from: string = __dirname): string {
  if (from === __dirname) {
    fromHere ??= searchUp(from);
    return fromHere;
  }
  return searchUp(from);
}

function searchUp(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, "cdktf.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cdktf.json not found in ${from} or any folder above it`);
    dir = parent;
  }
  return dir;
}
