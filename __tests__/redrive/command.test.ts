// The redrive command's answers to a stack name it cannot use: a wrong command line (exit 2), named as
// such, with the stacks there are; never advice that would not help.
import * as path from "node:path";
import { synthesizeApp } from "../../constructs/app";
import { runRedriveCommand } from "../../redrive/command";
import { CommandError } from "../../scripts/command-line";
import { devEnvironment, tempDir } from "../support/stack";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

describe("redrive for a stack the synth does not hold", () => {
  const root = tempDir("redrive-command-");
  expect(synthesizeApp([devEnvironment()], { outdir: path.join(root, "cdktf.out") }).exitCode).toBe(0);

  test("is a wrong command line that lists the synthesized stacks, not a request to synthesize", async () => {
    const run = runRedriveCommand(root, { stack: "bookz-dev", local: false, replay: false }, () => undefined);
    await expect(run).rejects.toThrow(CommandError);
    await expect(run).rejects.toThrow(/^no stack "bookz-dev" in .*cdktf\.out\/stacks \(stacks: books-dev\)$/);
  });

  test("asks for a synth when nothing was synthesized", async () => {
    const empty = tempDir("redrive-command-");
    await expect(
      runRedriveCommand(empty, { stack: "books-dev", local: false, replay: false }, () => undefined),
    ).rejects.toThrow("no synthesized books-dev in cdktf.out/: run npm run synth first");
  });
});

describe("redrive of a trigger with a tumbling window", () => {
  const root = tempDir("redrive-window-");
  const environment = devEnvironment({}, { tumblingWindowSeconds: 60 });
  expect(synthesizeApp([environment], { outdir: path.join(root, "cdktf.out") }).exitCode).toBe(0);

  test("says, before replaying, that the replayed records are counted in no window", async () => {
    const lines: string[] = [];
    // No AWS here: the run stops at the outputs; the notice comes first.
    await runRedriveCommand(root, { stack: "books-dev", local: false, replay: true }, (line) => lines.push(line)).catch(
      () => undefined,
    );
    expect(lines[0]).toBe(
      "tumbling window (tumblingWindowSeconds 60): replayed records run the handler's work outside any window, so no window's state counts them (the windows they were read in have closed)",
    );
  });
});
