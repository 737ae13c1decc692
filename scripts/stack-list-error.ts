import { CommandError } from "./command-line";

/** Input `npm run stacks` cannot use (a missing manifest, an unreadable listing): exit 2, nothing listed. */
export class StackListError extends CommandError {}
