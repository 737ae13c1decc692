// "config/environments.ts:19:25: ReferenceError: userPost is not defined": where the project's own code
// threw (the first frame outside node_modules, through the bundle's source map), then the error, in one
// line. Node would print the minified line (hundreds of KB) and a stack of bundle positions. Shared by
// the app (scripts/run-app.js) and the tools that load the config themselves (npm run stacks).
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

/**
 * @param {unknown} error what was thrown
 * @param {{ bundle: string, root: string, fallback: string }} where the bundle that ran (its source map is
 *   `${bundle}.map`), the project folder positions are given relative to, and what to name when no frame of
 *   the project's code is found
 */
function describeThrown(error, where) {
  const what =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : `the app threw ${JSON.stringify(error) ?? String(error)}`;
  const at = error instanceof Error ? projectFrame(String(error.stack), where) : undefined;
  return `${at ?? where.fallback}: ${what.split("\n")[0]}`;
}

/** @param {string} stack @param {{ bundle: string, root: string }} where */
function projectFrame(stack, { bundle, root }) {
  let map;
  try {
    map = new Module.SourceMap(JSON.parse(fs.readFileSync(`${bundle}.map`, "utf8")));
  } catch {
    return undefined;
  }
  for (const line of stack.split("\n")) {
    // "at f (/a b/main.js:1:2)" or "at /a b/main.js:1:2": a project's path may hold spaces.
    const frame = /\((.+):(\d+):(\d+)\)$/.exec(line.trim()) ?? /^at (.+):(\d+):(\d+)$/.exec(line.trim());
    if (!frame || path.resolve(frame[1]) !== path.resolve(bundle)) continue;
    const entry = map.findEntry(Number(frame[2]) - 1, Number(frame[3]) - 1);
    if (!entry?.originalSource) continue;
    const source = path.resolve(path.dirname(bundle), entry.originalSource.replace(/^file:\/\//, ""));
    const relative = path.relative(root, source);
    if (relative.split(path.sep).includes("node_modules")) continue;
    return `${relative}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  }
  return undefined;
}

module.exports = { describeThrown };
