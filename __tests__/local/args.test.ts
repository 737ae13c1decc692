import { parseLocalArgs } from "../../local/args";

describe("the local runner's command line", () => {
  test("runs every trigger, nothing kept, by default", () => {
    expect(parseLocalArgs([])).toEqual({ walkthrough: false, persist: false });
  });

  test("reads every option, a value as --table name or --table=name", () => {
    const all = { walkthrough: true, persist: true, table: "books-dev" };
    expect(parseLocalArgs(["--walkthrough", "--persist", "--table", "books-dev"])).toEqual(all);
    expect(parseLocalArgs(["--walkthrough", "--persist", "--table=books-dev"])).toEqual(all);
  });

  test.each([
    [["--walkthru"], 'unknown option "--walkthru"'],
    [["--walkthrough", "--table"], "--table needs a value"],
    [["--persist=yes"], "--persist takes no value"],
    [["books-dev"], 'unexpected argument "books-dev"'],
  ])("refuses %j: %s", (argv, message) => {
    expect(() => parseLocalArgs(argv)).toThrow(message);
  });

  test("answers help", () => {
    expect(parseLocalArgs(["--persist", "--help"])).toBe("help");
  });
});
