// The local failure folder as a message source: one claim per message through a lock file holding the
// claimer's pid, so two redrives never replay one message at once.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { closingLine } from "../../redrive/command";
import { FileFailureSource } from "../../redrive/file-source";
import { redrive } from "../../redrive/redrive";
import type { RedriveTarget } from "../../redrive/stack-target";
import { tempDir } from "../support/stack";

function folderWith(...names: string[]) {
  const root = tempDir("redrive-source-");
  const queue = path.join(root, "failures", "q");
  const locks = path.join(root, "locks", "q");
  mkdirSync(queue, { recursive: true });
  for (const name of names) writeFileSync(path.join(queue, name), `{"name":"${name}"}`);
  return { queue, locks };
}

/** A pid that is certainly not running: a process that has exited. */
const deadPid = () =>
  spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();

describe("the local failure folder as a source", () => {
  test("hands out messages in sequence order, skipping anything that is not a whole message", async () => {
    const { queue, locks } = folderWith(
      "000000000000000000009-b.json",
      "000000000000000000002-a.json",
      "x.json.partial",
    );
    const source = new FileFailureSource(queue, locks);
    const ids = [];
    for (let m = await source.next(); m; m = await source.next()) {
      ids.push(m.id);
      await source.keep(m);
    }
    expect(ids).toEqual(["000000000000000000002-a.json", "000000000000000000009-b.json"]);
  });

  test("holds a lock with its pid while a message is claimed, and releases it when kept", async () => {
    const { queue, locks } = folderWith("a.json");
    const source = new FileFailureSource(queue, locks);
    const message = (await source.next())!;
    expect(readdirSync(locks)).toEqual(["a.json.lock"]);
    await source.keep(message);
    expect(readdirSync(locks)).toEqual([]);
    expect(readdirSync(queue)).toEqual(["a.json"]);
  });

  test("deletes the message when removed", async () => {
    const { queue, locks } = folderWith("a.json");
    const source = new FileFailureSource(queue, locks);
    await source.remove((await source.next())!);
    expect(readdirSync(queue)).toEqual([]);
    expect(readdirSync(locks)).toEqual([]);
  });

  test("skips a message another running redrive holds, and says so", async () => {
    const { queue, locks } = folderWith("a.json", "b.json");
    const first = new FileFailureSource(queue, locks);
    const held = (await first.next())!;
    const second = new FileFailureSource(queue, locks);
    // The lock holds this process's pid, which is alive: the second source must not take it.
    expect((await second.next())!.id).toBe("b.json");
    expect(second.busy).toEqual([held.id]);
  });

  test("takes over a lock whose holder has died", async () => {
    const { queue, locks } = folderWith("a.json");
    mkdirSync(locks, { recursive: true });
    writeFileSync(path.join(locks, "a.json.lock"), deadPid());
    const source = new FileFailureSource(queue, locks);
    expect((await source.next())?.id).toBe("a.json");
    expect(source.busy).toEqual([]);
  });

  test("names every message file it cannot read, and hands out the rest", async () => {
    const { queue, locks } = folderWith("b.json");
    mkdirSync(path.join(queue, "a.json"));
    symlinkSync("c.json", path.join(queue, "c.json"));
    const source = new FileFailureSource(queue, locks);
    const ids = [];
    for (let m = await source.next(); m; m = await source.next()) ids.push(m.id);
    expect(ids).toEqual(["b.json"]);
    expect(source.unreadable).toEqual(["a.json: cannot be read (EISDIR)", "c.json: cannot be read (ELOOP)"]);
    expect(readdirSync(locks)).toEqual(["b.json.lock"]);
  });

  test("finds nothing in a folder that does not exist", async () => {
    const source = new FileFailureSource(path.join(tempDir("redrive-none-"), "q"), tempDir("locks-"));
    expect(await source.next()).toBeUndefined();
  });
});

describe("the local bucket folder as a source", () => {
  const KEY_A = "aws/lambda/u/shardId-1/2026/11/30/2026-11-30T00.10.00-a";
  const KEY_B = "aws/lambda/u/shardId-1/2026/12/01/2026-12-01T00.00.00-b";

  function bucketWith(...keys: string[]) {
    const root = tempDir("redrive-bucket-");
    const bucket = path.join(root, "failures", "b");
    for (const key of keys) {
      mkdirSync(path.dirname(path.join(bucket, key)), { recursive: true });
      writeFileSync(path.join(bucket, key), `{"key":"${key}"}`);
    }
    return { bucket, locks: path.join(root, "locks", "b") };
  }

  test("hands out every object by its key, in key order, skipping one still being written", async () => {
    const { bucket, locks } = bucketWith(KEY_B, KEY_A, `${KEY_B}x.partial`);
    const source = new FileFailureSource(bucket, locks, "bucket");
    const ids = [];
    for (let m = await source.next(); m; m = await source.next()) {
      ids.push(m.id);
      expect(JSON.parse(m.body)).toEqual({ key: m.id });
      await source.keep(m);
    }
    expect(ids).toEqual([KEY_A, KEY_B]);
    expect(source.noun).toBe("object");
  });

  test("names every object file it cannot read: a link that loops, one to a folder", async () => {
    const { bucket, locks } = bucketWith(KEY_A);
    const folder = path.dirname(path.join(bucket, KEY_A));
    symlinkSync("loop", path.join(folder, "loop"));
    symlinkSync(".", path.join(folder, "here"));
    const source = new FileFailureSource(bucket, locks, "bucket");
    const ids = [];
    for (let m = await source.next(); m; m = await source.next()) ids.push(m.id);
    expect(ids).toEqual([KEY_A]);
    const dir = path.dirname(KEY_A);
    expect(source.unreadable).toEqual([`${dir}/here: cannot be read (EISDIR)`, `${dir}/loop: cannot be read (ELOOP)`]);
  });

  test("locks an object under its encoded key, and deletes only its file when removed", async () => {
    const { bucket, locks } = bucketWith(KEY_A);
    const source = new FileFailureSource(bucket, locks, "bucket");
    const object = (await source.next())!;
    expect(readdirSync(locks)).toEqual([`${encodeURIComponent(KEY_A)}.lock`]);
    await source.remove(object);
    expect(readdirSync(locks)).toEqual([]);
    expect(readdirSync(path.dirname(path.join(bucket, KEY_A)))).toEqual([]);
  });
});

describe("a redrive of a local folder holding files it cannot read", () => {
  // Never reached: nothing readable is parked.
  const target = {} as RedriveTarget;
  const streams = () => Promise.reject(new Error("not read"));

  test("fails, naming and counting each, even when nothing else is parked", async () => {
    const { queue, locks } = folderWith();
    mkdirSync(path.join(queue, "a.json"));
    symlinkSync("b.json", path.join(queue, "b.json"));
    const source = new FileFailureSource(queue, locks);
    const summary = await redrive({ source, target, streams, local: true, log: () => undefined });
    expect(summary.problems).toEqual(["a.json: cannot be read (EISDIR)", "b.json: cannot be read (ELOOP)"]);
    expect(closingLine(summary, true)).toBe("No readable parked messages; 2 message(s) CANNOT BE READ.");
  });

  test("counts them beside the messages it read", async () => {
    const { queue, locks } = folderWith("b.json");
    mkdirSync(path.join(queue, "a.json"));
    const source = new FileFailureSource(queue, locks);
    const summary = await redrive({ source, target, streams, local: true, log: () => undefined });
    expect(summary.problems).toContain("a.json: cannot be read (EISDIR)");
    expect(closingLine(summary, false)).toMatch(/^1 message\(s\), .*; 1 message\(s\) CANNOT BE READ\.$/);
  });
});
