// `npm run local` synthesizes into a folder of its own, emptied first: a second runner started beside
// the first is refused in one line instead of emptying the folder the first one's handlers load from.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { buildSync } from "esbuild";
import { findProjectRoot } from "../../constructs/handler-bundle";
import { synthesizeInto } from "../../emulation/synthesize";
import { tempDir } from "../support/stack";
import { thrown } from "../support/thrown";

const root = findProjectRoot();

/** Another process that synthesizes into `outdir` as a runner does, then runs until its stdin ends. */
async function runnerHolding(outdir: string) {
  const bundle = path.join(tempDir("runner-"), "synthesize.js");
  buildSync({
    entryPoints: [path.join(root, "emulation", "synthesize.ts")],
    bundle: true,
    platform: "node",
    packages: "external",
    outfile: bundle,
    logLevel: "silent",
  });
  const script = `require(${JSON.stringify(bundle)}).synthesizeInto(${JSON.stringify(root)}, ${JSON.stringify(outdir)}, { clean: true });
console.log("synthesized"); process.stdin.resume();`;
  const child = spawn(process.execPath, ["-e", script], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
  // Whatever the synth printed comes first on the same pipe.
  for await (const line of createInterface({ input: child.stdout! })) if (line === "synthesized") break;
  return child;
}

test("a second runner synthesizing into the same folder is refused, naming the first, and empties nothing", async () => {
  const outdir = path.join(tempDir("local-"), ".local", "cdktf.out");
  const first = await runnerHolding(outdir);
  try {
    const error = thrown(() => synthesizeInto(root, outdir, { clean: true }), Error);
    expect(error.message).toBe(
      `another npm run local (pid ${first.pid}) is running the app synthesized in ${path.relative(process.cwd(), outdir)}: stop it first (one runner per checkout)`,
    );
    expect(existsSync(path.join(outdir, "manifest.json"))).toBe(true);
  } finally {
    first.stdin!.end();
    await once(first, "exit");
  }
});

test("once the first runner has exited, the next one synthesizes", async () => {
  const outdir = path.join(tempDir("local-"), ".local", "cdktf.out");
  const first = await runnerHolding(outdir);
  first.stdin!.end();
  await once(first, "exit");
  const second = await runnerHolding(outdir);
  second.stdin!.end();
  await once(second, "exit");
  expect(existsSync(path.join(outdir, "manifest.json"))).toBe(true);
});
