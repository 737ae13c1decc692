// Parked batches are files other processes read (redrive, a second runner): never half written.
import { renameSync, rmSync, writeFileSync } from "node:fs";

/**
 * Written under another name and renamed, so a reader never sees half a message. A write that fails
 * (a full disk) removes its partial file, so retrying it leaves nothing behind.
 */
export function writeWhole(
  file: string,
  text: string,
  write: (partial: string, text: string) => void = (partial, content) =>
    writeFileSync(partial, content, { flag: "wx" }),
): void {
  const partial = `${file}.partial`;
  try {
    write(partial, text);
  } catch (error) {
    // EEXIST: the partial file is another writer's, not ours to remove.
    if ((error as { code?: string }).code !== "EEXIST") rmSync(partial, { force: true });
    throw error;
  }
  renameSync(partial, file);
}
