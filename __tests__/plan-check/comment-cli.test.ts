import { parseCommentArgs } from "../../plan-check/comment-cli";

describe("the plan comment's command line", () => {
  test("reads the stacks, the commit and the folders, as --opt value or --opt=value", () => {
    const options = { stacks: ["books-dev", "books-prod"], sha: "3f9c2ab", plans: "artifacts", out: "c.md" };
    expect(
      parseCommentArgs([
        "--stacks",
        '["books-dev","books-prod"]',
        "--sha",
        "3f9c2ab",
        "--plans",
        "artifacts",
        "--out",
        "c.md",
      ]),
    ).toEqual(options);
    expect(
      parseCommentArgs(['--stacks=["books-dev","books-prod"]', "--sha=3f9c2ab", "--plans=artifacts", "--out=c.md"]),
    ).toEqual(options);
  });

  test("reads the artifacts from plans/ and writes to standard output by default", () => {
    expect(parseCommentArgs(["--stacks", '["books-dev"]', "--sha", "3f9c2ab"])).toEqual({
      stacks: ["books-dev"],
      sha: "3f9c2ab",
      plans: "plans",
    });
  });

  test.each([
    [["--sha", "3f9c2ab"], "--stacks is required"],
    [["--stacks", '["books-dev"]'], "--sha is required"],
    [["--stacks", "books-dev", "--sha", "x"], '--stacks "books-dev": expected a JSON list of stack names'],
    [["--stacks", "[]", "--sha", "x"], '--stacks "[]": expected a JSON list of stack names'],
    [["--stacks", "[1]", "--sha", "x"], '--stacks "[1]": expected a JSON list of stack names'],
    [["--stack", "[]"], 'unknown option "--stack"'],
  ])("refuses %j: %s", (argv, message) => {
    expect(() => parseCommentArgs(argv)).toThrow(message);
  });

  test("answers help", () => {
    expect(parseCommentArgs(["-h"])).toBe("help");
  });
});
