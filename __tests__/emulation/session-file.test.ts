import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { runningLocalSessions, sessionsFolder } from "../../emulation/session-file";
import { tempDir } from "../support/stack";

const session = (pid: number, endpoint: string) => ({
  pid,
  endpoint,
  failureFolder: "/x/.local/failures",
  startedAt: new Date(pid).toISOString(),
});

describe("the local session files", () => {
  test("a running process's session is found; a dead one's is ignored", () => {
    const root = tempDir("sessions-");
    mkdirSync(sessionsFolder(root), { recursive: true });
    const dead = Number(spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout);
    writeFileSync(path.join(sessionsFolder(root), `${dead}.json`), JSON.stringify(session(dead, "http://dead")));
    writeFileSync(
      path.join(sessionsFolder(root), `${process.pid}.json`),
      JSON.stringify(session(process.pid, "http://alive")),
    );
    expect(runningLocalSessions(root).map((s) => s.endpoint)).toEqual(["http://alive"]);
  });

  test("a process announces itself while it runs and the file goes when it exits", () => {
    const root = tempDir("sessions-");
    const script = `
      require("esbuild").buildSync({ entryPoints: [${JSON.stringify(path.resolve("emulation/session-file.ts"))}], bundle: true, platform: "node", outfile: ${JSON.stringify(path.join(root, "s.js"))}, logLevel: "silent" });
      const { announceLocalSession, runningLocalSessions } = require(${JSON.stringify(path.join(root, "s.js"))});
      announceLocalSession(${JSON.stringify(root)}, { endpoint: "http://127.0.0.1:1", failureFolder: "f" });
      process.stdout.write(JSON.stringify(runningLocalSessions(${JSON.stringify(root)})));`;
    const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ pid: run.pid, endpoint: "http://127.0.0.1:1", failureFolder: "f" }),
    ]);
    expect(existsSync(path.join(sessionsFolder(root), `${run.pid}.json`))).toBe(false);
  });

  test("no folder, no sessions", () => {
    expect(runningLocalSessions(tempDir("sessions-"))).toEqual([]);
  });
});
