// `npm run redrive -- books-dev --local --replay` on a copy of the project whose books trigger parks in a
// bucket: the command synthesizes, finds the bucket's folder, replays the object from its payload with
// no local session running (the object holds the records), deletes it, and a second run finds nothing.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { FailureBucketFolder, LOCAL_ACCOUNT_ID } from "../../emulation/failure-bucket-folder";
import { runningLocalSessions } from "../../emulation/session-file";
import { runRedriveCommand } from "../../redrive/command";
import { checkout } from "../support/checkout";
import { snapshot } from "../support/file-tree";
import { parkedBatch } from "../support/on-failure-messages";
import { DAN_BROWN, streamRecord } from "../support/records";
import { tempDir } from "../support/stack";

const BUCKET = `books-dev-stream-handler-failures-${LOCAL_ACCOUNT_ID}`;

describe("npm run redrive -- books-dev --local --replay, with failureDestination s3", () => {
  const project = checkout(path.join(tempDir("redrive-s3-command-"), "project"), { sampleConfig: true });
  const config = path.join(project, "config", "environments.ts");
  writeFileSync(
    config,
    readFileSync(config, "utf8").replace('tableName: "books",', 'tableName: "books",\n  failureDestination: "s3",'),
  );
  const bucketFolder = path.join(project, ".local", "failures", BUCKET);
  const redrive = async () => {
    const lines: string[] = [];
    const code = await runRedriveCommand(project, { stack: "books-dev", local: true, replay: true }, (line) =>
      lines.push(line),
    );
    return { code, lines };
  };
  let first: Awaited<ReturnType<typeof redrive>>;
  let second: Awaited<ReturnType<typeof redrive>>;

  beforeAll(async () => {
    const record = streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: DAN_BROWN, sequenceNumber: "42" });
    await new FailureBucketFolder(bucketFolder, "mapping-uuid").write(
      parkedBatch([record], {
        functionArn: "arn:aws:lambda:us-east-1:000000000000:function:books-dev-stream-handler",
        streamArn: "arn:aws:dynamodb:ddblocal:000000000000:table/books-dev/stream/2026-11-24T00:00:00.000",
      }),
    );
    first = await redrive();
    second = await redrive();
  }, 120000);

  test("needs no running local session", () => {
    expect(runningLocalSessions(project)).toEqual([]);
    expect(first.code).toBe(0);
  });

  test("replays the object from the bucket's folder and deletes it", () => {
    expect(first.lines[0]).toBe(`Redrive books-dev: .local/failures/${BUCKET}/ → books-dev-stream-handler`);
    expect(first.lines).toContain("  replayed: 1 record accepted → object deleted");
    expect(first.lines.at(-1)).toBe("1 object(s), 1 record read back; 1 replayed and deleted, 0 kept.");
    expect(existsSync(bucketFolder) ? [...snapshot(bucketFolder).keys()] : []).toEqual([]);
  });

  test("a second run finds nothing", () => {
    expect(second.code).toBe(0);
    expect(second.lines.at(-1)).toBe("No parked objects.");
  });
});
