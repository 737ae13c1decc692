// The local stand-in for a Lambda execution environment: one worker per warm environment, isolated so
// that nothing the function does can take the runner down.
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { type EnvironmentEnd, LocalInvoker } from "../../emulation/local-invoker";
import type { LocalFunction } from "../../emulation/synthesized-stacks";
import { tempDir } from "../support/stack";

/** A handler that counts its invocations per environment and does what the event asks. */
const HANDLER = `
let count = 0;
exports.handler = async (event) => {
  count += 1;
  if (event.lateThrow) setTimeout(() => { throw new Error("late " + count); }, 5);
  if (event.lateReject) setTimeout(() => { Promise.reject(new Error("rejected late")); }, 5);
  if (event.rejectNow) { Promise.reject(new Error("never awaited")); await new Promise((r) => setTimeout(r, 50)); }
  if (event.exitLater) setTimeout(() => process.exit(3), 5);
  if (event.hang) await new Promise(() => {});
  return { count };
};
`;

function fn(overrides: Partial<LocalFunction> = {}): LocalFunction {
  const file = path.join(tempDir("invoker-"), "index.js");
  writeFileSync(file, HANDLER);
  return {
    name: "books-dev-stream-handler",
    file,
    exportName: "handler",
    timeoutSeconds: 5,
    memorySize: 128,
    environment: {},
    region: "eu-west-1",
    ...overrides,
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a local Lambda environment", () => {
  let invoker: LocalInvoker;
  const ended: EnvironmentEnd[] = [];

  beforeEach(() => {
    ended.length = 0;
    invoker = new LocalInvoker(fn(), { onEnvironmentEnd: (e) => ended.push(e) });
  });

  afterEach(() => invoker.close());

  /** Until the environment's end is reported: on a loaded machine that can take well over 100 ms. */
  async function environmentEnded(): Promise<void> {
    for (let tries = 0; ended.length === 0; tries++) {
      if (tries === 1000) throw new Error("no environment end reported within 10 s");
      await wait(10);
    }
  }

  test("keeps state between invocations, as a warm environment does", async () => {
    await invoker.invoke({});
    expect(await invoker.invoke({})).toMatchObject({ kind: "returned", response: { count: 2 } });
  });

  test("survives a throw in a timer after the handler returned, and replaces the environment", async () => {
    const first = await invoker.invoke({ lateThrow: true });
    expect(first).toMatchObject({ kind: "returned", response: { count: 1 } });
    await environmentEnded();
    expect(ended).toEqual([
      expect.objectContaining({ requestId: first.requestId, error: expect.stringContaining("late 1") }),
    ]);
    expect(await invoker.invoke({})).toMatchObject({ kind: "returned", response: { count: 1 } });
  });

  test("survives a promise rejected after the handler returned", async () => {
    await invoker.invoke({ lateReject: true });
    await environmentEnded();
    expect(ended[0].error).toContain("rejected late");
    expect(await invoker.invoke({})).toMatchObject({ kind: "returned", response: { count: 1 } });
  });

  test("fails the invocation during which an unhandled rejection happens, then starts afresh", async () => {
    const result = await invoker.invoke({ rejectNow: true });
    expect(result).toMatchObject({ kind: "error", errorMessage: expect.stringContaining("never awaited") });
    expect(await invoker.invoke({})).toMatchObject({ kind: "returned", response: { count: 1 } });
  });

  test("an environment that exited between invocations costs the next one nothing", async () => {
    await invoker.invoke({ exitLater: true });
    await environmentEnded();
    const started = Date.now();
    expect(await invoker.invoke({})).toMatchObject({ kind: "returned", response: { count: 1 } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(ended[0].error).toContain("exited with code 3");
  });

  test("close() ends a hung invocation at once", async () => {
    const hung = invoker.invoke({ hang: true });
    await wait(100);
    const started = Date.now();
    await invoker.close();
    expect(await hung).toMatchObject({ kind: "error", errorType: "Runtime.Terminated" });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("a handler whose module throws while it loads", () => {
  function loading(source: string) {
    const f = fn();
    writeFileSync(f.file, source);
    const ended: EnvironmentEnd[] = [];
    return {
      invoker: new LocalInvoker(f, { onEnvironmentEnd: (e) => ended.push(e) }),
      ended,
      dir: path.dirname(f.file),
    };
  }

  test("fails the invocation at once with Runtime.InitError and the error, as Lambda does, without restarts", async () => {
    const { invoker, ended } = loading(
      'if (!process.env.X) throw new Error("X is not set");\nexports.handler = async () => ({});\n',
    );
    const result = await invoker.invoke({});
    await invoker.close();
    expect(result).toMatchObject({
      kind: "error",
      errorType: "Runtime.InitError",
      errorMessage: expect.stringContaining("X is not set"),
    });
    expect(ended).toEqual([]);
  });

  test("is loaded afresh for the next invocation, as Lambda retries init in a new environment", async () => {
    const { invoker } = loading(
      'const fs = require("fs");\nconst marker = __dirname + "/loaded-once";\nif (!fs.existsSync(marker)) { fs.writeFileSync(marker, ""); throw new Error("first load fails"); }\nexports.handler = async () => "ok";\n',
    );
    const first = await invoker.invoke({});
    const second = await invoker.invoke({});
    await invoker.close();
    expect(first).toMatchObject({ kind: "error", errorType: "Runtime.InitError" });
    expect(second).toMatchObject({ kind: "returned", response: "ok" });
  });

  test("that exports no handler fails the invocation with Runtime.HandlerNotFound", async () => {
    const { invoker } = loading("exports.other = async () => ({});\n");
    const result = await invoker.invoke({});
    await invoker.close();
    expect(result).toMatchObject({ kind: "error", errorType: "Runtime.HandlerNotFound" });
  });
});
