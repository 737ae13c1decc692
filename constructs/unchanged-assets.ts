// cdktf copies a stack's file asset by removing the asset's folder from the previous synth and copying
// the file again (TerraformAsset._onSynthesize). Every stack holds a copy of the handler bundle, so a
// second `npm run synth` into the same output folder removed and rewrote one folder and file per stack,
// the same bytes each time: at 150 stacks, on a disk that trims what is deleted, most of the synth.
// Here a folder holding exactly the file the asset would copy, at the path it would copy it to, with
// the same bytes, is left as it is; anything else goes through cdktf's own removal and copy.
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { AssetType, TerraformAsset } from "cdktf";

interface AssetInternals {
  readonly type: AssetType;
  readonly sourcePath: string;
  readonly stack: { readonly node: unknown };
  readonly namedFolder: string;
  readonly path: string;
  _onSynthesize(session: Session): void;
}
interface Session {
  readonly manifest: { readonly outdir: string; forStack(stack: unknown): { synthesizedStackPath: string } };
}

/** True when `folder` holds only `target` (a regular file below it), with the bytes of `source`. */
function holdsOnly(folder: string, target: string, source: string): boolean {
  try {
    let dir = folder;
    for (const name of path.relative(folder, target).split(path.sep)) {
      const entries = readdirSync(dir);
      if (entries.length !== 1 || entries[0] !== name) return false;
      dir = path.join(dir, name);
    }
    return lstatSync(target).isFile() && readFileSync(target).equals(readFileSync(source));
  } catch {
    return false;
  }
}

const prototype = TerraformAsset.prototype as unknown as AssetInternals;
const cdktfOnSynthesize = prototype._onSynthesize;

/** Makes file assets keep an identical copy left by the previous synth (before any asset is made). */
export function installUnchangedAssets(): void {
  prototype._onSynthesize = function (this: AssetInternals, session: Session) {
    if (this.type === AssetType.FILE) {
      const stackManifest = session.manifest.forStack(this.stack);
      const base = path.join(session.manifest.outdir, stackManifest.synthesizedStackPath, "..");
      if (holdsOnly(path.join(base, this.namedFolder), path.join(base, this.path), this.sourcePath)) return;
    }
    cdktfOnSynthesize.call(this, session);
  };
}
