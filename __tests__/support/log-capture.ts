// Captures what Powertools Logger (and the handler's own line writer) write to stdout and stderr.
export type LogLine = Record<string, any>;

/** Everything `run` writes to stdout and stderr, as one text. */
export async function captureOutput<T>(run: () => T | Promise<T>): Promise<{ result: T; text: string }> {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(chunk.toString());
    return true;
  };
  const out = jest.spyOn(process.stdout, "write").mockImplementation(capture);
  const err = jest.spyOn(process.stderr, "write").mockImplementation(capture);
  try {
    const result = await run();
    return { result, text: chunks.join("") };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The JSON lines `run` writes, parsed. */
export async function captureLogs<T>(run: () => Promise<T>): Promise<{ result: T; lines: LogLine[] }> {
  const { result, text } = await captureOutput(run);
  const lines = text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as LogLine);
  return { result, lines };
}
