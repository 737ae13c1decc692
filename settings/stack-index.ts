// The synth's index of stacks, written beside manifest.json: each stack's environment and handler entry,
// in config order (the manifest lists stacks by name). `npm run local` reads it to run the first
// environment by default and to watch each function's sources.

export const STACK_INDEX_FILE = "stack-index.json";

export interface StackIndexEntry {
  readonly stack: string;
  readonly environment: string;
  /** The handler's TypeScript entry, relative to the project root. */
  readonly handlerEntry: string;
}
