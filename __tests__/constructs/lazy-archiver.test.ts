import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import lazyArchiver from "../../constructs/lazy-archiver";
import { findProjectRoot } from "../../settings/project-root";
import { appSynth } from "../support/app-synth";
import { installedCdk } from "../support/installed-cdk";

type Archive = { append: unknown; finalize: unknown; constructor: unknown };

// cdktf loads archiver; CDK Terrain zips with fflate instead, and the alias then replaces nothing.
const cdk = installedCdk();
const replaced = cdk.dependsOn("archiver");

describe("archiver, as the app bundle holds it", () => {
  (replaced ? test : test.skip)(
    `makes the same zip archive as the package ${cdk.name} installs, loaded when first asked`,
    () => {
      const real = createRequire(cdk.packageJson)("archiver") as (f: string) => Archive;
      const archive = lazyArchiver("zip") as Archive;
      expect(typeof archive.append).toBe("function");
      expect(typeof archive.finalize).toBe("function");
      expect(archive.constructor).toBe(real("zip").constructor);
    },
  );

  test("leaves the package's code out of the app bundle", () => {
    appSynth(); // builds the bundle of the user's app, if no synth of this run has yet
    const map = path.join(findProjectRoot(), ".build", "app", "main.js.map");
    const sources = (JSON.parse(readFileSync(map, "utf8")) as { sources: string[] }).sources;
    expect(sources.some((s) => s.endsWith("constructs/lazy-archiver.ts"))).toBe(replaced);
    expect(sources.filter((s) => /node_modules\/(archiver|readable-stream|async)\//.test(s))).toEqual([]);
  });
});
