// Parked batches are files other processes read (redrive, a second runner): never half written.
import { renameSync, writeFileSync } from "node:fs";

/** Written under another name and renamed, so a reader never sees half a message. */
export function writeWhole(file: string, text: string): void {
  const partial = `${file}.partial`;
  writeFileSync(partial, text, { flag: "wx" });
  renameSync(partial, file);
}
