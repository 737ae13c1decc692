// `npm run local -- --console`: the console, served on 127.0.0.1 by node:http. One static page; its
// calls carry a token made for this session, and requests naming another host or coming from another
// origin are refused, so no other site open in the browser can read or write the tables.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import * as path from "node:path";
import { type ConsoleContext, ROUTES } from "./api";
import { EventLog } from "./event-log";
import { BadRequest } from "./items";

export interface RunningConsole {
  /** The address to open, token included. */
  readonly url: string;
  readonly events: EventLog;
  close(): Promise<void>;
}

const ASSETS: Record<string, string> = {
  "/": "page.html",
  "/page.js": "page.js",
  "/page-cards.js": "page-cards.js",
  "/page.css": "page.css",
};
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};
const HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "content-security-policy": "default-src 'self'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
};
const MAX_BODY = 1024 * 1024;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve((server.address() as { port: number }).port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, "127.0.0.1");
  });
}

function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      text += chunk;
      if (text.length > MAX_BODY) reject(new BadRequest("request body over 1 MB"));
    });
    request.on("end", () => {
      try {
        const body = text ? JSON.parse(text) : {};
        if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error();
        resolve(body);
      } catch {
        reject(new BadRequest("expected a JSON object"));
      }
    });
    request.on("error", reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...HEADERS, "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

/** Starts the console on `port` (another free one when it is taken, or when none is asked for). */
export async function startConsole(
  context: ConsoleContext,
  options: { readonly port?: number; readonly assets: string },
): Promise<RunningConsole & { readonly portTaken?: number }> {
  const token = randomBytes(18).toString("base64url");
  const events = new EventLog();
  let port = 0;
  const ownHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const tokenOk = (given: string | null | undefined) =>
    typeof given === "string" &&
    given.length === token.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(token));

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const origin = request.headers.origin;
    // DNS rebinding: a page of evil.example resolving to 127.0.0.1 still sends Host: evil.example.
    if (!ownHosts().includes(request.headers.host ?? "")) return send(response, 421, { error: "unknown host" });
    if (origin !== undefined && !ownHosts().some((h) => origin === `http://${h}`))
      return send(response, 403, { error: "another origin" });
    const asset = ASSETS[url.pathname];
    if (request.method === "GET" && asset) {
      if (url.pathname === "/" && !tokenOk(url.searchParams.get("token")))
        return send(response, 403, { error: "open the address npm run local printed (it holds the session's token)" });
      response.writeHead(200, { ...HEADERS, "content-type": TYPES[path.extname(asset)] });
      return response.end(readFileSync(path.join(options.assets, asset)));
    }
    if (request.method === "GET" && url.pathname === "/api/events") {
      if (!tokenOk(url.searchParams.get("token"))) return send(response, 403, { error: "bad token" });
      const last = request.headers["last-event-id"];
      return events.subscribe(response, typeof last === "string" ? last : (url.searchParams.get("since") ?? undefined));
    }
    const route = ROUTES[url.pathname];
    if (request.method !== "POST" || !route) return send(response, 404, { error: "not found" });
    // A JSON content type makes any cross-site request a preflighted one, which this server never allows.
    if (!String(request.headers["content-type"]).startsWith("application/json"))
      return send(response, 415, { error: "expected application/json" });
    if (!tokenOk(request.headers["x-console-token"] as string | undefined))
      return send(response, 403, { error: "bad token" });
    try {
      send(response, 200, await route(context, await readBody(request)));
    } catch (error) {
      const e = error as Error;
      const known = error instanceof BadRequest || e.name === "ValidationException";
      send(response, known ? 400 : 500, { error: e.message });
    }
  });

  let portTaken: number | undefined;
  try {
    port = await listen(server, options.port ?? 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || options.port === undefined) throw error;
    portTaken = options.port;
    port = await listen(server, 0);
  }
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    events,
    ...(portTaken !== undefined && { portTaken }),
    close: () =>
      new Promise<void>((resolve) => {
        events.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
