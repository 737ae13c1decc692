import type { TerraformStack } from "cdktf";
import * as fc from "fast-check";
import { buildApp } from "../../constructs/app";
import stableStringify from "../../constructs/stable-stringify";
import { sampleEnvironments } from "../fixtures/sample-environments";
import { installedCdk } from "../support/installed-cdk";
import { tempDir } from "../support/stack";

// The package cdktf writes cdk.tf.json with; run-app.js bundles the module under test in its place.
// CDK Terrain writes with another (safe-stable-stringify), which the alias leaves alone.
const cdk = installedCdk();
const replaced = cdk.dependsOn("json-stable-stringify");
const packageStringify = (
  replaced ? require(require.resolve("json-stable-stringify", { paths: [cdk.packageJson] })) : undefined
) as (value: unknown, options?: { space?: string | number }) => string | undefined;

(replaced ? describe : describe.skip)(`stable stringify, in place of ${cdk.name}'s json-stable-stringify`, () => {
  test("writes every stack of the sample as json-stable-stringify does", () => {
    const app = buildApp(sampleEnvironments, { outdir: tempDir("stable-stringify-") });
    for (const stack of app.node.children as TerraformStack[]) {
      const json = stack.toTerraform();
      expect(stableStringify(json, { space: 2 })).toBe(packageStringify(json, { space: 2 }));
    }
  });

  test("writes any JSON-like value as json-stable-stringify does, indented or not", () => {
    const value = fc.anything({
      withNullPrototype: false,
      withBoxedValues: false,
      withDate: true,
      withSparseArray: true,
      withObjectString: true,
    });
    fc.assert(
      fc.property(value, fc.constantFrom(undefined, 0, 2, "\t"), (v, space) => {
        const options = space === undefined ? undefined : { space };
        expect(stableStringify(v, options)).toBe(packageStringify(v, options));
      }),
      { numRuns: 300 },
    );
  });

  test("writes empty objects and arrays, undefined members and toJSON as json-stable-stringify does", () => {
    const value = { b: {}, a: [], u: undefined, list: [undefined, () => 1], at: new Date(0), "10": 1, "9": 2 };
    expect(stableStringify(value, { space: 2 })).toBe(packageStringify(value, { space: 2 }));
  });

  test("refuses a circular structure, as json-stable-stringify does", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => packageStringify(cycle)).toThrow("Converting circular structure to JSON");
    expect(() => stableStringify(cycle)).toThrow("Converting circular structure to JSON");
  });
});
