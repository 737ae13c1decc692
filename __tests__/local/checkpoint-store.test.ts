// --persist keeps each trigger's checkpoint in .local/checkpoints.json; a file that is not what the
// runner wrote (edited by hand, truncated by a full disk) is refused in one line naming it.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { CheckpointFile } from "../../local/checkpoint-store";
import { tempDir } from "../support/stack";

test("keeps a checkpoint across instances, keyed by function, stream and shard", () => {
  const file = path.join(tempDir("checkpoints-"), "checkpoints.json");
  const first = new CheckpointFile(file);
  first.set("f", "arn", "shard-1", "42");
  first.flush();
  expect(new CheckpointFile(file).get("f", "arn", "shard-1")).toBe("42");
  expect(new CheckpointFile(file).get("f", "arn", "shard-2")).toBeUndefined();
});

test.each([
  ["not JSON", "{"],
  ["an empty file", ""],
  ["a list", "[]"],
  ["a checkpoint that is not a sequence number", '{"f arn shard-1": 42}'],
])("refuses a file that is %s, naming it and saying what to do", (_, content) => {
  const file = path.join(tempDir("checkpoints-"), "checkpoints.json");
  writeFileSync(file, content);
  expect(() => new CheckpointFile(file)).toThrow(
    `${file} is not a checkpoint file written by npm run local: delete it, and each trigger starts again from its starting position`,
  );
});

describe("a checkpoint file that cannot be written (a full disk)", () => {
  const noSpace = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });

  /** Fails `failures` times, then writes. */
  function writer(failures: number) {
    let calls = 0;
    return (file: string, text: string) => {
      calls += 1;
      if (calls <= failures) throw noSpace();
      writeFileSync(file, text);
    };
  }

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("is reported once with the file and the cause, not thrown, and saved once it can be", () => {
    const file = path.join(tempDir("checkpoints-"), "checkpoints.json");
    const errors: string[] = [];
    const checkpoints = new CheckpointFile(file, { write: writer(4), onError: (line) => errors.push(line) });
    checkpoints.set("f", "arn", "shard-1", "42");
    jest.advanceTimersByTime(60_000);
    expect(errors).toEqual([expect.stringContaining(file)]);
    expect(errors[0]).toContain("ENOSPC");
    expect(new CheckpointFile(file).get("f", "arn", "shard-1")).toBe("42");
  });

  test("retries with backoff, not at the pace records are checkpointed", () => {
    const file = path.join(tempDir("checkpoints-"), "checkpoints.json");
    let tries = 0;
    const failing = () => {
      tries += 1;
      throw noSpace();
    };
    const checkpoints = new CheckpointFile(file, { write: failing, onError: () => {} });
    for (let ms = 0; ms < 10_000; ms += 10) {
      checkpoints.set("f", "arn", "shard-1", String(ms));
      jest.advanceTimersByTime(10);
    }
    // 0.2 s, then 0.2, 0.4, 0.8, 1.6, 3.2 s apart: six tries in ten seconds, not fifty.
    expect(tries).toBeLessThanOrEqual(7);
  });

  test("on stop, is reported rather than thrown", () => {
    const file = path.join(tempDir("checkpoints-"), "checkpoints.json");
    const errors: string[] = [];
    const checkpoints = new CheckpointFile(file, { write: writer(1), onError: (line) => errors.push(line) });
    checkpoints.set("f", "arn", "shard-1", "42");
    expect(() => checkpoints.flush()).not.toThrow();
    expect(errors).toEqual([expect.stringContaining("ENOSPC")]);
  });
});
