// A handler must be built for its reader's settings: the synth refuses, in one line and before anything
// is written, one that would ignore the idempotency table, need one it does not have, or answer a tumbling
// window without its state.
import { existsSync } from "node:fs";
import * as path from "node:path";
import { synthesizeApp } from "../../constructs/app";
import { IDEMPOTENT_HANDLER } from "../../settings/trigger-settings";
import { devEnvironment, synthesize, tempDir } from "../support/stack";

const PLAIN = "__tests__/fixtures/handlers/a/index.ts";

/** The synth's stderr lines and whether it wrote the output folder, for a books trigger with `trigger` merged in. */
function synthesizeWith(trigger: Parameters<typeof devEnvironment>[1]) {
  const lines: string[] = [];
  const outdir = path.join(tempDir("handler-glue-"), "cdktf.out");
  const run = synthesizeApp([devEnvironment({}, trigger)], { outdir, stderr: (line) => lines.push(line) });
  return { exitCode: run.exitCode, lines, wrote: existsSync(outdir) };
}

test("a handler of one's own that wraps its work with idempotentChanges is taken with idempotency on", () => {
  const own = "__tests__/fixtures/handlers/own-idempotent/index.ts";
  const { stack } = synthesize(devEnvironment({}, { idempotency: true, handlerEntry: own }));
  expect(stack.trigger.settings.handlerEntry).toBe(own);
});

test("a handler of one's own that does not wrap its work with idempotentChanges is refused, in one line", () => {
  expect(synthesizeWith({ idempotency: true, handlerEntry: PLAIN })).toEqual({
    exitCode: 1,
    lines: [
      `${PLAIN} does not use idempotentChanges (handlers/idempotency.ts), so with idempotency on each record's work would still run again on every retry and replay; wrap your ChangeHandler with it (as ${IDEMPOTENT_HANDLER} does), or leave handlerEntry unset to run that handler`,
    ],
    wrote: false,
  });
});

test("the idempotent handler without idempotency (no table for it) is refused, in one line", () => {
  expect(synthesizeWith({ handlerEntry: IDEMPOTENT_HANDLER })).toEqual({
    exitCode: 1,
    lines: [
      `${IDEMPOTENT_HANDLER} uses idempotentChanges (handlers/idempotency.ts), which needs the idempotency table: with idempotency off the function would fail to start on every invocation; set idempotency to true (or a TTL in seconds), or point handlerEntry at a handler without it`,
    ],
    wrote: false,
  });
});

test("a tumbling window with a handler of one's own that answers no state is refused, in one line", () => {
  // Lambda fails every invocation of a window answered without a state: each batch would be retried, then parked.
  expect(synthesizeWith({ tumblingWindowSeconds: 60, handlerEntry: PLAIN })).toEqual({
    exitCode: 1,
    lines: [
      `${PLAIN} does not use processWindowBatch (handlers/window.ts), so with tumblingWindowSeconds set every invocation would answer without a state and fail until its records are parked; answer window events with it (as handlers/stream-handler.ts does), or leave handlerEntry unset`,
    ],
    wrote: false,
  });
});

test("a consumer's handler is held to the consumer's settings", () => {
  const consumer = { name: "audit", tumblingWindowSeconds: 60, handlerEntry: PLAIN };
  expect(synthesizeWith({ consumers: [consumer] }).lines).toEqual([
    `${PLAIN} does not use processWindowBatch (handlers/window.ts), so with tumblingWindowSeconds set every invocation would answer without a state and fail until its records are parked; answer window events with it (as handlers/stream-handler.ts does), or leave handlerEntry unset`,
  ]);
});
