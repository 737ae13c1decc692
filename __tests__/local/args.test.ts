import { parseLocalArgs } from "../../local/args";

describe("the local runner's command line", () => {
  const none = { walkthrough: false, persist: false, envs: [], stacks: [], console: false, verbose: false };

  test("picks no environment or stack, no console, nothing kept, by default", () => {
    expect(parseLocalArgs([])).toEqual(none);
  });

  test("reads every option, a value as --table name or --table=name", () => {
    const all = { ...none, walkthrough: true, persist: true, table: "books-dev" };
    expect(parseLocalArgs(["--walkthrough", "--persist", "--table", "books-dev"])).toEqual(all);
    expect(parseLocalArgs(["--walkthrough", "--persist", "--table=books-dev"])).toEqual(all);
  });

  test("reads --env and --stack as often as they are given", () => {
    expect(parseLocalArgs(["--env", "dev", "--env=prod", "--stack", "books-dev", "--stack", "UsersPost-prod"])).toEqual(
      { ...none, envs: ["dev", "prod"], stacks: ["books-dev", "UsersPost-prod"] },
    );
  });

  test("reads --console with its --port, and --verbose", () => {
    expect(parseLocalArgs(["--console", "--port", "8123", "--verbose"])).toEqual({
      ...none,
      console: true,
      port: 8123,
      verbose: true,
    });
  });

  test.each([
    [["--walkthru"], 'unknown option "--walkthru"'],
    [["--walkthrough", "--table"], "--table needs a value"],
    [["--persist=yes"], "--persist takes no value"],
    [["books-dev"], 'unexpected argument "books-dev"'],
    [["--env"], "--env needs a value"],
    [["--console", "--port", "http"], '--port "http": expected a whole number of 1 or more'],
    [["--console", "--port", "70000"], '--port "70000": expected a port from 1 to 65535'],
    [["--port", "8123"], "--port is the console's: add --console"],
  ])("refuses %j: %s", (argv, message) => {
    expect(() => parseLocalArgs(argv)).toThrow(message);
  });

  test("answers help", () => {
    expect(parseLocalArgs(["--persist", "--help"])).toBe("help");
  });
});
