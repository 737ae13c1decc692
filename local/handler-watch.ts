// Code changes picked up live: each function's handler entry is bundled again, with a source map, by an
// esbuild context that watches the entry and everything it imports. A good build replaces the bundle
// the local function runs (written aside and renamed, so no environment loads half a file); the next
// invocation notices and starts a fresh environment. A failed build is said once and the last good
// bundle keeps running.
import { renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { type BuildContext, context, type Message } from "esbuild";
import type { LocalFunction } from "../emulation/synthesized-stacks";

export interface WatchReport {
  readonly ok: boolean;
  /** One line when ok; esbuild's messages otherwise. */
  readonly text: string;
}

export interface HandlerWatch {
  readonly watched: readonly string[];
  close(): Promise<void>;
}

function describe(messages: readonly Message[]): string {
  return messages
    .map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ${m.text}` : m.text))
    .join("\n");
}

/** The same options the synth bundles with (constructs/handler-bundle.ts), plus a source map. */
function contextFor(root: string, fn: LocalFunction & { handlerEntry: string }, onEnd: (r: WatchReport) => void) {
  let written: Uint8Array | undefined;
  let lastError: string | undefined;
  return context({
    absWorkingDir: root,
    entryPoints: [fn.handlerEntry],
    bundle: true,
    minify: true,
    platform: "node",
    target: `node${process.versions.node.split(".")[0]}`,
    format: "cjs",
    mainFields: ["module", "main"],
    legalComments: "none",
    charset: "utf8",
    sourcemap: "inline",
    sourcesContent: false,
    outfile: fn.file,
    write: false,
    logLevel: "silent",
    plugins: [
      {
        name: "replace-bundle",
        setup(build) {
          build.onEnd((result) => {
            if (result.errors.length > 0) {
              const text = describe(result.errors);
              if (text === lastError) return; // said once
              lastError = text;
              return onEnd({
                ok: false,
                text: `${fn.name}: ${fn.handlerEntry} does not build; the last good bundle keeps running:\n${text}`,
              });
            }
            lastError = undefined;
            const [out] = result.outputFiles ?? [];
            // The same code again (the watcher's first build, a file saved unchanged): nothing to replace.
            if (!out || (written && Buffer.from(out.contents).equals(written))) return;
            const first = written === undefined;
            written = out.contents;
            const aside = `${out.path}.${process.pid}.tmp`;
            writeFileSync(aside, out.contents);
            renameSync(aside, out.path);
            if (!first)
              onEnd({
                ok: true,
                text: `${fn.name}: rebuilt ${fn.handlerEntry}; the next invocation runs it, in a fresh environment`,
              });
          });
        },
      },
    ],
  });
}

/**
 * Builds every function once now (with its source map) and then on every change of its sources.
 * Functions whose entry the synth did not record are left as synthesized.
 */
export async function watchHandlers(
  root: string,
  functions: readonly LocalFunction[],
  onEnd: (report: WatchReport) => void,
): Promise<HandlerWatch> {
  const contexts: BuildContext[] = [];
  const byFile = new Map(functions.map((fn) => [fn.file, fn]));
  for (const fn of byFile.values()) {
    if (fn.handlerEntry === undefined) continue;
    const ctx = await contextFor(root, fn as LocalFunction & { handlerEntry: string }, onEnd);
    contexts.push(ctx);
    await ctx.rebuild().catch(() => undefined); // a failure was reported by onEnd
    await ctx.watch();
  }
  return {
    watched: [...new Set([...byFile.values()].flatMap((fn) => (fn.handlerEntry ? [fn.handlerEntry] : [])))].map(
      (entry) => path.normalize(entry),
    ),
    async close() {
      await Promise.all(contexts.map((ctx) => ctx.dispose()));
    },
  };
}
