// The console's live feed: every card numbered once, kept for the session, and streamed to each page
// over Server-Sent Events. A page that reconnects sends Last-Event-ID and gets only what came after, so
// no card is shown twice.
import type { ServerResponse } from "node:http";

export interface LoggedEvent {
  readonly id: number;
  readonly data: unknown;
}

/** Cards kept for pages opened later; older ones are dropped (the terminal has them all). */
const KEEP = 2000;

export class EventLog {
  private readonly events: LoggedEvent[] = [];
  private readonly clients = new Set<ServerResponse>();
  private next = 1;

  add(data: unknown): void {
    const event = { id: this.next++, data };
    this.events.push(event);
    if (this.events.length > KEEP) this.events.shift();
    for (const client of this.clients) client.write(frame(event));
  }

  /** Answers an EventSource request: what came after `lastEventId`, then everything new. */
  subscribe(response: ServerResponse, lastEventId: string | undefined): void {
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    const after = Number(lastEventId ?? 0) || 0;
    response.write("retry: 500\n\n");
    for (const event of this.events) if (event.id > after) response.write(frame(event));
    this.clients.add(response);
    response.on("close", () => this.clients.delete(response));
  }

  close(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}

function frame(event: LoggedEvent): string {
  return `id: ${event.id}\ndata: ${JSON.stringify(event.data)}\n\n`;
}
