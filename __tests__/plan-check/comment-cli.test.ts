import { parseCommentArgs } from "../../plan-check/comment-cli";

describe("the plan comment's command line", () => {
  test("reads the stacks, the commit and the folders, as --opt value or --opt=value", () => {
    const options = {
      stacks: ["books-dev", "books-prod"],
      orphans: [],
      sha: "3f9c2ab",
      plans: "artifacts",
      out: "c.md",
    };
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
      orphans: [],
      sha: "3f9c2ab",
      plans: "plans",
    });
  });

  test("reads the orphans as npm run stacks -- --deployed prints them, by stack", () => {
    const orphans = '[{"stack":"books-dev","state":"p/books-dev.tfstate"}]';
    expect(parseCommentArgs(["--stacks", '["books2-dev"]', "--orphans", orphans, "--sha", "x"])).toMatchObject({
      stacks: ["books2-dev"],
      orphans: ["books-dev"],
    });
  });

  test.each([
    [["--sha", "3f9c2ab"], "--stacks is required"],
    [["--stacks", '["books-dev"]'], "--sha is required"],
    [["--stacks", "books-dev", "--sha", "x"], '--stacks "books-dev": expected a JSON list of stack names'],
    [["--stacks", "[]", "--sha", "x"], '--stacks "[]": expected a JSON list of stack names'],
    [["--stacks", "[1]", "--sha", "x"], '--stacks "[1]": expected a JSON list of stack names'],
    [["--stack", "[]"], 'unknown option "--stack"'],
    [
      ["--stacks", '["a"]', "--sha", "x", "--orphans", '["a"]'],
      '--orphans "[\\"a\\"]": expected a JSON list of {"stack", "state"}',
    ],
  ])("refuses %j: %s", (argv, message) => {
    expect(() => parseCommentArgs(argv)).toThrow(message);
  });

  test("answers help", () => {
    expect(parseCommentArgs(["-h"])).toBe("help");
  });
});
