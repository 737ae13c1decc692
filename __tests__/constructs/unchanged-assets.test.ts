import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { synthesizeApp } from "../../constructs/app";
import { bundleHandler } from "../../constructs/handler-bundle";
import { devEnvironment, tempDir } from "../support/stack";

const environment = devEnvironment();

/** Synthesizes into `outdir`; the asset folder of books-dev and the one file it holds. */
function synth(outdir: string) {
  expect(synthesizeApp([environment], { outdir, stderr: () => {} }).exitCode).toBe(0);
  const assets = path.join(outdir, "stacks", "books-dev", "assets");
  const [folder] = readdirSync(assets).map((name) => path.join(assets, name));
  const [hash] = readdirSync(folder);
  return { folder, file: path.join(folder, hash, "index.js") };
}

const bundle = () =>
  readFileSync(bundleHandler(environment.triggers[0].handlerEntry ?? "handlers/stream-handler.ts").file);

describe("a stack's handler asset, synthesized again into the same folder", () => {
  test("is left as the previous synth wrote it when it holds the same bytes", () => {
    const outdir = path.join(tempDir("unchanged-asset-"), "out");
    const { file } = synth(outdir);
    const before = statSync(file);
    expect(synth(outdir).file).toBe(file);
    const after = statSync(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(readFileSync(file).equals(bundle())).toBe(true);
  });

  test("is copied again when its bytes differ from the bundle's", () => {
    const outdir = path.join(tempDir("changed-asset-"), "out");
    const { file } = synth(outdir);
    writeFileSync(file, "tampered");
    synth(outdir);
    expect(readFileSync(file).equals(bundle())).toBe(true);
  });

  test("loses whatever else its folder holds, as cdktf empties it", () => {
    const outdir = path.join(tempDir("stale-asset-"), "out");
    const { folder, file } = synth(outdir);
    const stale = path.join(folder, "0123456789ABCDEF0123456789ABCDEF");
    writeFileSync(stale, "an older bundle");
    synth(outdir);
    expect(readdirSync(folder)).toEqual([path.basename(path.dirname(file))]);
    expect(readFileSync(file).equals(bundle())).toBe(true);
  });
});
