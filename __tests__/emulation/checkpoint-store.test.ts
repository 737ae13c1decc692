// --persist keeps each trigger's checkpoint in .local/checkpoints.json; a file that is not what the
// runner wrote (edited by hand, truncated by a full disk) is refused in one line naming it.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { CheckpointFile } from "../../emulation/checkpoint-store";
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
