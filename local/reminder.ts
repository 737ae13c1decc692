// Keeps the session's addresses on screen: the banner scrolls away behind the records, so every few
// lines one short line repeats the endpoint and the console's address (and a terminal shows them in
// its title).

/** Lines printed between two reminders: an 80×24 terminal always shows one. */
export const REMIND_EVERY = 15;

export class Reminder {
  private printed = 0;

  constructor(
    private readonly line: string,
    private readonly print: (line: string) => void,
  ) {}

  /** Sets the terminal's title to the reminder, where there is a terminal. */
  title(isTty: boolean): void {
    if (isTty) process.stdout.write(`\x1b]0;${this.line}\x07`);
  }

  /** Prints `lines`, and the reminder once REMIND_EVERY lines have passed since the last. */
  lines(lines: readonly string[]): void {
    for (const line of lines) this.print(line);
    this.printed += lines.length;
    if (this.printed >= REMIND_EVERY) {
      this.printed = 0;
      this.print(this.line);
    }
  }
}
