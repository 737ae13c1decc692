// The command-line module every tool reads its arguments with: parseArgs underneath, one-line refusals
// that name the option, and one error type whose exit code the tool ends with.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { CommandError, EXIT, failure, parseCommandLine, wholeNumber } from "../../scripts/command-line";

const spec = {
  options: {
    output: { type: "string", short: "o" },
    quiet: { type: "boolean" },
    tag: { type: "string", multiple: true },
  },
  positionals: true,
  usage: "Usage: npm run tool -- [--output DIR] [--quiet] [--tag T]... FILE...",
} as const;
const parse = (...argv: string[]) => parseCommandLine(argv, spec);
const refusal = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (error) {
    return error as CommandError;
  }
  throw new Error(`${argv.join(" ")} was accepted`);
};

test("takes a value as --opt value, --opt=value, or a short option's -o value", () => {
  for (const argv of [["--output", "out"], ["--output=out"], ["-o", "out"]])
    expect(parse(...argv, "plan.json")).toEqual({ values: { output: "out" }, positionals: ["plan.json"] });
});

test("takes a value that begins with a dash when it is joined: --opt=-x", () => {
  expect(parse("--output=-x")).toEqual({ values: { output: "-x" }, positionals: [] });
});

test("collects a repeated option's values in order", () => {
  expect(parse("--tag", "a", "--tag=b")).toMatchObject({ values: { tag: ["a", "b"] } });
});

test("treats everything after -- as positionals", () => {
  expect(parse("--", "--quiet")).toEqual({ values: {}, positionals: ["--quiet"] });
});

test("answers help for --help or -h, wherever it stands, even beside a mistake", () => {
  expect(parse("--help")).toBe("help");
  expect(parse("plan.json", "-h")).toBe("help");
  expect(parse("--bogus", "--help")).toBe("help");
});

test.each([
  [["--bogus"], 'unknown option "--bogus"'],
  [["--bogus=1"], 'unknown option "--bogus"'],
  [["-x"], 'unknown option "-x"'],
  [["--output"], "--output needs a value"],
  [["--output", "--quiet"], "--output needs a value"],
  [["-o"], "-o needs a value"],
  [["--output="], "--output needs a value, not an empty one"],
  [["--output", ""], "--output needs a value, not an empty one"],
  [["-o", ""], "-o needs a value, not an empty one"],
  [["--tag", "a", "--tag="], "--tag needs a value, not an empty one"],
  [["--quiet=yes"], "--quiet takes no value"],
])("refuses %j in one line: %s, exit 2, carrying the usage", (argv, message) => {
  const error = refusal(...argv);
  expect(error).toBeInstanceOf(CommandError);
  expect(error.message).toBe(message);
  expect(error.exitCode).toBe(2);
  expect(error.usage).toBe(spec.usage);
});

test("refuses a positional where the tool takes none", () => {
  expect(() => parseCommandLine(["plan.json"], { options: {}, usage: "U" })).toThrow('unexpected argument "plan.json"');
});

test("reads a whole number at or above its minimum, naming the option and value otherwise", () => {
  expect(wholeNumber("--max", "3")).toBe(3);
  expect(wholeNumber("--heap", "64", { min: 64 })).toBe(64);
  for (const text of ["0", "-1", "2.5", "3x", "", " 3"])
    expect(() => wholeNumber("--max", text)).toThrow(
      `--max ${JSON.stringify(text)}: expected a whole number of 1 or more`,
    );
});

describe("what a tool says and exits with", () => {
  test("a CommandError: its message after the tool's name, its usage under it, its code", () => {
    expect(failure("redrive", new CommandError("--max needs a value", { usage: "Usage: x" }))).toEqual({
      code: 2,
      text: "redrive: --max needs a value\nUsage: x\n",
    });
    expect(failure("stacks", new CommandError("no stack", { exitCode: EXIT.failed }))).toEqual({
      code: 1,
      text: "stacks: no stack\n",
    });
  });

  test("anything else: one line, code 1, no stack trace", () => {
    expect(failure("local", new Error("DynamoDB Local did not start"))).toEqual({
      code: 1,
      text: "local: DynamoDB Local did not start\n",
    });
  });

  test("runCommand exits with main's code, or with the code of what it threw", () => {
    const module = path.resolve(__dirname, "../../scripts/command-line.js");
    const run = (main: string) =>
      spawnSync(process.execPath, ["-e", `require(${JSON.stringify(module)}).runCommand("tool", ${main})`], {
        encoding: "utf8",
      });
    expect(run("() => 3").status).toBe(3);
    const refused = run(`async () => { throw new (require(${JSON.stringify(module)}).CommandError)("bad") }`);
    expect([refused.status, refused.stderr]).toEqual([2, "tool: bad\n"]);
    const broken = run('() => { throw new Error("boom") }');
    expect([broken.status, broken.stderr]).toEqual([1, "tool: boom\n"]);
  });
});
