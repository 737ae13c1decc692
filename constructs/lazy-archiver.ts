// cdktf loads archiver when it starts, for assets of type ARCHIVE; this app's one asset is a file copied
// as it is, so nothing is ever zipped, yet archiver and what it loads (streams, glob, async, lodash: half
// the app bundle's code outside the AWS provider) were parsed and run by every synth, about 40 ms.
// run-app.js bundles this module in archiver's place: it loads the real package, from beside the
// installed cdktf (or CDK Terrain's cdktn, after `npm run migrate:cdktn`), the first time cdktf zips.
import { createRequire } from "node:module";

type Archiver = (...args: unknown[]) => unknown;
let archiver: Archiver | undefined;

function loadArchiver(): Archiver {
  const errors: string[] = [];
  for (const cdk of ["cdktf", "cdktn"]) {
    try {
      return createRequire(require.resolve(`${cdk}/package.json`))("archiver") as Archiver;
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  throw new Error(`archiver, which cdktf zips archive assets with, cannot be loaded: ${errors.join("; ")}`);
}

function lazyArchiver(...args: unknown[]): unknown {
  archiver ??= loadArchiver();
  return archiver(...args);
}

export = lazyArchiver;
