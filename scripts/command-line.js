// Every tool's command line (npm run synth, local, redrive, check-plan, stacks, plan-comment, the benches):
// read by node:util's parseArgs, so `--opt value` and `--opt=value` both work and `--help` (or -h) asks
// for the usage; refused in one line that names the option; and one error type whose exit code the tool
// ends with. Plain JavaScript because `npm run synth` runs scripts/synth.js with node, unbundled.
// parseArgs' own messages run to several sentences (an unknown option is told to move after `--`), so
// its tokens are checked here first; its strict parse is kept as the backstop.
const { parseArgs } = require("node:util");

/** The exit codes every tool shares. */
const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 });

/** An error a tool reports in one line, then exits with `exitCode`; `usage`, when set, is printed under it. */
class CommandError extends Error {
  /**
   * @param {string} message
   * @param {{ exitCode?: number, usage?: string }} [how] exitCode default 2 (bad command line or input)
   */
  constructor(message, how = {}) {
    super(message);
    this.name = "CommandError";
    /** @type {number} */
    this.exitCode = how.exitCode ?? EXIT.usage;
    /** @type {string | undefined} */
    this.usage = how.usage;
  }
}

/**
 * Reads `argv` by `options` (parseArgs' option config; `help`/-h is added). "help" when --help or -h is
 * given anywhere; otherwise the values and the positionals, or a CommandError carrying `usage`.
 * @template {Record<string, { type: "string" | "boolean", short?: string, multiple?: boolean }>} O
 * @param {readonly string[]} argv
 * @param {{ options: O, positionals?: boolean, usage: string }} spec positionals default false
 */
function parseCommandLine(argv, spec) {
  const options = { help: { type: /** @type {const} */ ("boolean"), short: "h" }, ...spec.options };
  const refuse = (/** @type {string} */ message) => {
    throw new CommandError(message, { usage: spec.usage });
  };
  const args = [...argv];
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  if (tokens.some((t) => t.kind === "option" && t.name === "help")) return /** @type {const} */ ("help");
  for (const token of tokens) {
    if (token.kind === "positional" && !spec.positionals) refuse(`unexpected argument ${JSON.stringify(token.value)}`);
    if (token.kind !== "option") continue;
    const option = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (option === undefined) refuse(`unknown option ${JSON.stringify(token.rawName)}`);
    else if (option.type === "boolean" && token.inlineValue) refuse(`${token.rawName} takes no value`);
    // `--out --replay` is a forgotten value, not a file named --replay; `--out=-x` says what it means.
    else if (
      option.type === "string" &&
      (token.value === undefined || (!token.inlineValue && token.value.startsWith("-")))
    )
      refuse(`${token.rawName} needs a value`);
    // `--output=` (an unset shell variable, a slip) would otherwise mean the working folder, or no file.
    else if (option.type === "string" && token.value === "") refuse(`${token.rawName} needs a value, not an empty one`);
  }
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: !!spec.positionals });
    return { values, positionals };
  } catch (error) {
    if (!String(/** @type {{ code?: unknown }} */ (error).code).startsWith("ERR_PARSE_ARGS")) throw error;
    return refuse(/** @type {Error} */ (error).message.split("\n")[0]);
  }
}

/**
 * `text` as a whole number of at least `min`, or a CommandError naming the option and the value.
 * @param {string} option e.g. "--max"
 * @param {string} text
 * @param {{ min?: number, usage?: string }} [bounds] min default 1
 */
function wholeNumber(option, text, bounds = {}) {
  const min = bounds.min ?? 1;
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || value < min)
    throw new CommandError(`${option} ${JSON.stringify(text)}: expected a whole number of ${min} or more`, {
      usage: bounds.usage,
    });
  return value;
}

/**
 * What a tool prints for `error` and the code it exits with: a CommandError's own; anything else is
 * unforeseen, said in one line with code 1.
 * @param {string} tool
 * @param {unknown} error
 */
function failure(tool, error) {
  if (error instanceof CommandError)
    return { code: error.exitCode, text: `${tool}: ${error.message}${error.usage ? `\n${error.usage}` : ""}\n` };
  return { code: EXIT.failed, text: `${tool}: ${error instanceof Error ? error.message : String(error)}\n` };
}

/**
 * Runs a tool's `main` and exits with the code it returns, or the code of what it threw (see failure).
 * @param {string} tool
 * @param {() => number | Promise<number>} main
 */
function runCommand(tool, main) {
  Promise.resolve()
    .then(main)
    .then(
      (code) => process.exit(code),
      (error) => {
        const { code, text } = failure(tool, error);
        process.stderr.write(text);
        process.exit(code);
      },
    );
}

module.exports = { CommandError, EXIT, failure, parseCommandLine, runCommand, wholeNumber };
