// --out FILE.jsonl keeps parked records after the stream forgets them: a later run, when the stream may
// hold nothing any more, must never empty a file that holds the only copy.
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { RecordFile } from "../../redrive/record-file";
import { DAN_BROWN, streamRecord } from "../support/records";
import { tempDir } from "../support/stack";

const record = streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN });

test("writes each record as one JSON line, as Lambda delivers it", () => {
  const file = path.join(tempDir("record-file-"), "parked.jsonl");
  const out = new RecordFile(file);
  out.write([record, record]);
  out.close();
  expect(readFileSync(file, "utf8")).toBe(`${JSON.stringify(record)}\n${JSON.stringify(record)}\n`);
  expect(out.written).toBe(2);
});

test("refuses a file that already exists, and leaves what it holds", () => {
  const file = path.join(tempDir("record-file-"), "parked.jsonl");
  writeFileSync(file, "saved yesterday\n");
  expect(() => new RecordFile(file)).toThrow(
    `--out ${file} already exists: redrive never overwrites saved records; name a new file, or delete this one first`,
  );
  expect(readFileSync(file, "utf8")).toBe("saved yesterday\n");
});

test("names the file when it cannot be created", () => {
  const file = path.join(tempDir("record-file-"), "no-such-folder", "parked.jsonl");
  expect(() => new RecordFile(file)).toThrow(`--out ${file}: cannot create it (ENOENT)`);
});
