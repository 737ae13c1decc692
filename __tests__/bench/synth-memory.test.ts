import { chmodSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { tempDir } from "../support/stack";

// bench/synth.js is plain Node (run without a build step), so its helpers are required, not imported.
const { peakMemoryTimer, synthVerdict } = require("../../bench/synth-memory") as {
  peakMemoryTimer: (candidate?: string) => string | undefined;
  synthVerdict: (row: { seconds: number; mb: number }, target: { seconds: number; mb: number }) => string;
};

const TARGET = { seconds: 0.4, mb: 100 };

describe("the synth benchmark's verdict", () => {
  test("is met when both the time and the measured memory are within the target", () => {
    expect(synthVerdict({ seconds: 0.3, mb: 80 }, TARGET)).toBe("met");
  });

  test("is not met when the memory is over the target", () => {
    expect(synthVerdict({ seconds: 0.3, mb: 120 }, TARGET)).toBe("NOT met");
  });

  test("is not met when the memory could not be measured, and says why", () => {
    expect(synthVerdict({ seconds: 0.3, mb: Number.NaN }, TARGET)).toBe(
      "NOT met (peak memory not measured: it needs GNU time at /usr/bin/time)",
    );
  });
});

describe("the synth benchmark's memory timer", () => {
  test("is a time command that takes GNU's -f format", () => {
    const fake = path.join(tempDir("gnu-time-"), "time");
    writeFileSync(fake, '#!/bin/sh\n[ "$1" = -f ] || exit 1\nshift 2\nexec "$@"\n');
    chmodSync(fake, 0o755);
    expect(peakMemoryTimer(fake)).toBe(fake);
  });

  test("is none for a BSD time (macOS), which refuses -f", () => {
    const fake = path.join(tempDir("bsd-time-"), "time");
    writeFileSync(fake, '#!/bin/sh\necho "usage: time [-al] command" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    expect(peakMemoryTimer(fake)).toBeUndefined();
  });

  test("is none where no time command exists", () => {
    expect(peakMemoryTimer(path.join(tempDir("no-time-"), "time"))).toBeUndefined();
  });
});
