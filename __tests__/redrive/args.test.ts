import { parseRedriveArgs } from "../../redrive/args";

describe("the redrive command line", () => {
  test("takes a stack and shows only, on AWS, by default", () => {
    expect(parseRedriveArgs(["books-dev"])).toEqual({ stack: "books-dev", local: false, replay: false });
  });

  test("reads every option", () => {
    expect(parseRedriveArgs(["books-dev", "--local", "--replay", "--out", "r.jsonl", "--max", "3"])).toEqual({
      stack: "books-dev",
      local: true,
      replay: true,
      out: "r.jsonl",
      max: 3,
    });
    expect(parseRedriveArgs(["--outputs", "o.json", "books-dev"])).toMatchObject({ outputs: "o.json" });
    expect(parseRedriveArgs(["books-dev", "--consumer", "audit"])).toMatchObject({ consumer: "audit" });
  });

  test("takes each value as --opt=value too", () => {
    expect(parseRedriveArgs(["books-dev", "--max=3", "--out=r.jsonl"])).toEqual({
      stack: "books-dev",
      local: false,
      replay: false,
      out: "r.jsonl",
      max: 3,
    });
  });

  test.each([
    [[], "name the stack, e.g. books-dev"],
    [["books-dev", "UsersPost-dev"], 'one stack at a time: "books-dev" and "UsersPost-dev" given'],
    [["books-dev", "--replai"], 'unknown option "--replai"'],
    [["books-dev", "--max", "0"], '--max "0": expected a whole number of 1 or more'],
    [["books-dev", "--max", "two"], '--max "two": expected a whole number of 1 or more'],
    [["books-dev", "--out"], "--out needs a value"],
    [["books-dev", "--consumer"], "--consumer needs a value"],
    [["books-dev", "--out", "--replay"], "--out needs a value"],
    [["books-dev", "--max="], "--max needs a value, not an empty one"],
    [["books-dev", "--replay=yes"], "--replay takes no value"],
    [["books-dev", "--local", "--outputs", "o.json"], "--outputs is for AWS; --local reads the local session"],
  ])("refuses %j: %s", (argv, message) => {
    expect(() => parseRedriveArgs(argv)).toThrow(message);
  });

  test("answers help", () => {
    expect(parseRedriveArgs(["--help"])).toBe("help");
    expect(parseRedriveArgs(["books-dev", "-h"])).toBe("help");
  });
});
