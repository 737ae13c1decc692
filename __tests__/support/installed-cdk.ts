// Which CDK for Terraform package this checkout installs: cdktf, or CDK Terrain's cdktn after
// `npm run migrate:cdktn`. Some of the synth's shortcuts replace a package only cdktf depends on.
import { readFileSync } from "node:fs";

export interface InstalledCdk {
  readonly name: string;
  readonly packageJson: string;
  readonly dependsOn: (pkg: string) => boolean;
}

export function installedCdk(): InstalledCdk {
  for (const name of ["cdktf", "cdktn"]) {
    let packageJson: string;
    try {
      packageJson = require.resolve(`${name}/package.json`);
    } catch {
      continue;
    }
    const { dependencies = {} } = JSON.parse(readFileSync(packageJson, "utf8")) as {
      dependencies?: Record<string, string>;
    };
    return { name, packageJson, dependsOn: (pkg) => pkg in dependencies };
  }
  throw new Error("neither cdktf nor cdktn is installed: run npm ci");
}
