// The local failure folder as a message source: one claim per message through a lock file holding the
// claimer's pid, so two redrives never replay one message at once.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { FileFailureSource } from "../redrive/file-source";
import { tempDir } from "./support/stack";

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

  test("finds nothing in a folder that does not exist", async () => {
    const source = new FileFailureSource(path.join(tempDir("redrive-none-"), "q"), tempDir("locks-"));
    expect(await source.next()).toBeUndefined();
  });
});
