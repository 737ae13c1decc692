// DynamoDB Local cannot run from every folder: Java's class loader fails on a jar whose real path
// holds an emoji ("Error decoding percent encoded characters"), and sqlite4java cannot open a -dbPath
// holding one. A project may live anywhere, so the emulator is handed paths made only of plain
// characters: a copy of its folder (the class loader resolves symbolic links, so a link is not enough)
// and a symbolic link to the data folder (sqlite opens through links).
import { createHash, randomUUID } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const PLAIN = /^[A-Za-z0-9._/-]+$/;

/** Whether Java and sqlite4java take this path as it is (after resolving links, as Java does). */
export function plainPath(file: string): boolean {
  return PLAIN.test(realpathSync(file));
}

function tag(file: string): string {
  return createHash("sha256").update(path.resolve(file)).digest("hex").slice(0, 16);
}

/** The temporary folder, which must itself be plain to hold the stand-ins. */
function plainTmp(forWhat: string): string {
  const tmp = realpathSync(os.tmpdir());
  if (!PLAIN.test(tmp))
    throw new Error(
      `DynamoDB Local cannot use ${forWhat} (its path has characters other than A-Z a-z 0-9 . _ - /), nor a stand-in in the temporary folder ${tmp}: set TMPDIR to a folder whose path has only those characters`,
    );
  return tmp;
}

/**
 * The emulator's folder at a plain path: `dir` itself, or a copy of it in the temporary folder, made
 * once per folder (copied beside its place and renamed there, so a concurrent or interrupted start never
 * sees half of it).
 */
export function plainEmulatorDir(dir: string, jar: string): string {
  if (plainPath(dir)) return dir;
  const copy = path.join(plainTmp(dir), `dynamodb-local-${tag(dir)}`);
  if (existsSync(path.join(copy, jar))) return copy;
  const staging = mkdtempSync(`${copy}.partial-`);
  try {
    cpSync(dir, staging, { recursive: true });
    rmSync(copy, { recursive: true, force: true });
    renameSync(staging, copy);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return copy;
}

/** The data folder at a plain path: `dbPath` itself, or a symbolic link to it in the temporary folder. */
export function plainDataDir(dbPath: string): string {
  mkdirSync(dbPath, { recursive: true });
  const target = realpathSync(dbPath);
  if (PLAIN.test(target)) return target;
  const link = path.join(plainTmp(dbPath), `dynamodb-local-data-${tag(target)}`);
  // Made under a unique name and renamed into place: atomic, and it replaces a link to elsewhere.
  const fresh = `${link}.${randomUUID()}`;
  symlinkSync(target, fresh);
  renameSync(fresh, link);
  return link;
}
