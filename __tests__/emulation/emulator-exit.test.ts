// DynamoDB Local dying under `npm run local` is said once, with what was lost and what to do.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { emulatorGoneLine, onUnexpectedExit } from "../../emulation/emulator-exit";

/** What is said when a process is ended by `signal`, with the runner stopping it or not. */
async function said(signal: NodeJS.Signals, runnerStopped: boolean): Promise<string[]> {
  const child = spawn("sleep", ["60"]);
  const lines: string[] = [];
  onUnexpectedExit(
    child,
    () => runnerStopped,
    (how) => lines.push(how),
  );
  child.kill(signal);
  await once(child, "exit");
  return lines;
}

describe("DynamoDB Local's death", () => {
  test("is noticed once, saying how, when the process is killed", async () => {
    expect(await said("SIGKILL", false)).toEqual(["was killed (SIGKILL)"]);
  });

  test("is not reported when the runner stopped it", async () => {
    expect(await said("SIGTERM", true)).toEqual([]);
  });

  test("says in one line that in-memory data is gone, that the triggers stopped, and how to start again", () => {
    const line = emulatorGoneLine(4242, "was killed (SIGKILL)");
    expect(line).toBe(
      "DynamoDB Local (pid 4242) was killed (SIGKILL): its tables, items and streams were in memory and are gone. The triggers have stopped; run npm run local again to start it",
    );
  });

  test("with --persist, says where the data is kept and how to resume", () => {
    const line = emulatorGoneLine(4242, "exited with code 1", ".local/dynamodb");
    expect(line).toContain("kept in .local/dynamodb");
    expect(line).toContain("npm run local -- --persist");
  });
});
