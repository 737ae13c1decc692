// Reads a folder's files for byte-for-byte comparisons.
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";

/** Every file under `dir`, by relative path in sorted order, with its bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (sub: string) => {
    for (const name of readdirSync(path.join(dir, sub)).sort()) {
      const rel = path.join(sub, name);
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else files.set(rel, readFileSync(path.join(dir, rel)));
    }
  };
  walk("");
  return files;
}

/** Both trees hold the same files with the same bytes; a difference names the file. */
export function expectSameFiles(a: Map<string, Buffer>, b: Map<string, Buffer>) {
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [file, bytes] of a) expect({ file, same: bytes.equals(b.get(file)!) }).toEqual({ file, same: true });
}
