import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { findProjectRoot } from "../lib/handler-bundle";
import { appStacks } from "./support/app-config";
import { checkout } from "./support/checkout";
import { runAppCommand } from "./support/run-app";
import { tempDir } from "./support/stack";

const root = findProjectRoot();

/** Every file under `dir`, by relative path, with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
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

function stackFiles(outdir: string): Map<string, Buffer> {
  return snapshot(path.join(outdir, "stacks"));
}

function expectSame(a: Map<string, Buffer>, b: Map<string, Buffer>) {
  expect([...a.keys()]).toEqual([...b.keys()]);
  for (const [file, bytes] of a) expect({ file, same: bytes.equals(b.get(file)!) }).toEqual({ file, same: true });
}

describe("synthesized output", () => {
  test("is byte-identical across two synths into folders at different paths", () => {
    const first = path.join(tempDir("synth-a-"), "out");
    const second = path.join(tempDir("synth-b-"), "deeper", "folder", "out");
    expect(runAppCommand(root, first).status).toBe(0);
    expect(runAppCommand(root, second).status).toBe(0);
    const a = stackFiles(first);
    expect([...a.keys()].filter((f) => f.endsWith("cdk.tf.json"))).toEqual(
      appStacks.map((stack) => path.join(stack.name, "cdk.tf.json")).sort(),
    );
    expectSame(a, stackFiles(second));
  });

  test("is byte-identical across two checkouts at different paths", () => {
    const one = checkout(path.join(tempDir("checkout-1-"), "project"));
    const two = checkout(path.join(tempDir("checkout-2-"), "elsewhere", "stream-trigger"));
    expect(runAppCommand(one, "cdktf.out").status).toBe(0);
    expect(runAppCommand(two, "cdktf.out").status).toBe(0);
    expectSame(stackFiles(path.join(one, "cdktf.out")), stackFiles(path.join(two, "cdktf.out")));
  });

  test("holds no absolute path of the machine", () => {
    const outdir = path.join(tempDir("synth-paths-"), "out");
    expect(runAppCommand(root, outdir).status).toBe(0);
    const json = readFileSync(path.join(outdir, "stacks", appStacks[0].name, "cdk.tf.json"), "utf8");
    expect(json).not.toContain(root);
    expect(json).not.toMatch(/"(\/root|\/home|\/tmp|\/work|\/Users)\//);
  });
});
