// Jest transformer: TypeScript to CommonJS with esbuild, type checking left to `tsc --noEmit`.
// (SWC would do as well, but its per-platform binaries are not all on every registry mirror, and
// `npm ci` then rejects the lock file.)
const { transformSync } = require("esbuild");
const { createHash } = require("node:crypto");

const OPTIONS = { loader: "ts", format: "cjs", target: "node20", sourcemap: "inline", sourcesContent: false };

module.exports = {
  process(source, filename) {
    const { code } = transformSync(source, { ...OPTIONS, sourcefile: filename });
    return { code };
  },
  getCacheKey(source, filename) {
    return createHash("sha256").update(source).update(filename).update(JSON.stringify(OPTIONS)).digest("hex");
  },
};
