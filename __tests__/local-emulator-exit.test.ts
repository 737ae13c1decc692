// DynamoDB Local dying under `npm run local` is said once, with what was lost and what to do.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { emulatorGoneLine, onUnexpectedExit } from "../local/emulator-exit";

describe("DynamoDB Local's death", () => {
  test("is noticed once, saying how, when the process is killed", async () => {
    const child = spawn("sleep", ["60"]);
    const said: string[] = [];
    onUnexpectedExit(
      child,
      () => false,
      (how) => said.push(how),
    );
    child.kill("SIGKILL");
    await once(child, "exit");
    expect(said).toEqual(["was killed (SIGKILL)"]);
  });

  test("is not reported when the runner stopped it", async () => {
    const child = spawn("sleep", ["60"]);
    const said: string[] = [];
    onUnexpectedExit(
      child,
      () => true,
      (how) => said.push(how),
    );
    child.kill("SIGTERM");
    await once(child, "exit");
    expect(said).toEqual([]);
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
