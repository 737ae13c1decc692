import { REMIND_EVERY, Reminder } from "../../local/reminder";

describe("the reminder of the session's addresses", () => {
  test("is printed once every REMIND_EVERY lines, so an 80×24 terminal always shows it", () => {
    const printed: string[] = [];
    const reminder = new Reminder("── addresses", (line) => printed.push(line));
    for (let i = 0; i < REMIND_EVERY * 2; i++) reminder.lines([`record ${i}`]);
    expect(printed.filter((line) => line === "── addresses")).toHaveLength(2);
    expect(printed.indexOf("── addresses")).toBe(REMIND_EVERY);
  });
});
