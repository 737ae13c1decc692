import { request } from "node:http";
import * as path from "node:path";
import type { ConsoleContext } from "../../../local/console/api";
import { type RunningConsole, startConsole } from "../../../local/console/server";
import { findProjectRoot } from "../../../settings/project-root";

const context = { app: { tables: [], mappings: [], environments: [] } } as unknown as ConsoleContext;
const assets = path.join(findProjectRoot(), "local", "console");

/** A raw request, so the Host and Origin headers are the test's own. */
function call(url: URL, options: { method?: string; headers?: Record<string, string>; path?: string; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: url.port,
        method: options.method ?? "GET",
        path: options.path ?? "/",
        headers: options.headers,
      },
      (res) => {
        let body = "";
        res.on("data", (chunk) => {
          body += chunk;
          if (res.headers["content-type"]?.startsWith("text/event-stream") && /data: .*\n\n/.test(body)) {
            res.destroy();
            resolve({ status: res.statusCode!, body, headers: res.headers });
          }
        });
        res.on("end", () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("the console server", () => {
  let running: RunningConsole;
  let url: URL;
  let token: string;
  const host = () => ({ host: `127.0.0.1:${url.port}` });
  const json = (extra: Record<string, string> = {}) => ({
    ...host(),
    "content-type": "application/json",
    "x-console-token": token,
    ...extra,
  });

  beforeAll(async () => {
    running = await startConsole(context, { assets });
    url = new URL(running.url);
    token = url.searchParams.get("token")!;
  });
  afterAll(() => running.close());

  test("listens on 127.0.0.1 and prints an address holding a token", () => {
    expect(url.hostname).toBe("127.0.0.1");
    expect(token.length).toBeGreaterThanOrEqual(24);
  });

  test("serves the page with the token, and refuses it without", async () => {
    expect((await call(url, { path: `/?token=${token}`, headers: host() })).status).toBe(200);
    expect((await call(url, { path: "/", headers: host() })).status).toBe(403);
  });

  test("refuses a request naming another host (DNS rebinding)", async () => {
    expect((await call(url, { path: `/?token=${token}`, headers: { host: "evil.example" } })).status).toBe(421);
  });

  test("refuses a call from another origin, even with the token", async () => {
    const answer = await call(url, {
      method: "POST",
      path: "/api/app",
      headers: json({ origin: "http://evil.example" }),
    });
    expect(answer.status).toBe(403);
  });

  test("refuses a call without the token or without a JSON body type", async () => {
    expect(
      (await call(url, { method: "POST", path: "/api/app", headers: json({ "x-console-token": "x" }) })).status,
    ).toBe(403);
    expect(
      (await call(url, { method: "POST", path: "/api/app", headers: { ...json(), "content-type": "text/plain" } }))
        .status,
    ).toBe(415);
  });

  test("answers a call from its own page", async () => {
    const answer = await call(url, {
      method: "POST",
      path: "/api/app",
      headers: json({ origin: `http://127.0.0.1:${url.port}` }),
    });
    expect(JSON.parse(answer.body)).toEqual({ tables: [] });
  });

  test("names the field and the value of a bad request, in one line", async () => {
    const answer = await call(url, {
      method: "POST",
      path: "/api/items/list",
      headers: json(),
      body: '{"table":"nope"}',
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error).toBe('table "nope" is not one this session runs: ');
  });

  test("streams only the events after Last-Event-ID, so a reconnect draws no card twice", async () => {
    running.events.add({ n: 1 });
    running.events.add({ n: 2 });
    const answer = await call(url, {
      path: `/api/events?token=${token}`,
      headers: { ...host(), "last-event-id": "1" },
    });
    expect(answer.body).toContain('data: {"n":2}');
    expect(answer.body).not.toContain('data: {"n":1}');
  });

  test("takes another port when the one asked for is taken", async () => {
    const second = await startConsole(context, { assets, port: Number(url.port) });
    try {
      expect(second.portTaken).toBe(Number(url.port));
      expect(new URL(second.url).port).not.toBe(url.port);
    } finally {
      await second.close();
    }
  });
});
