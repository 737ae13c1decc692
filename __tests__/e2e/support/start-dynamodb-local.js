// Starts DynamoDB Local once for the whole end-to-end run (its start-up, 2–4 s, is paid once) and
// hands its endpoint to the test workers through the environment.
const path = require("node:path");
const { buildSync } = require("esbuild");

module.exports = async () => {
  const root = path.resolve(__dirname, "../../..");
  // The emulator module is TypeScript: bundle it for this plain-Node hook.
  const outfile = path.join(root, ".build", "test", "emulator.js");
  buildSync({
    entryPoints: [path.join(root, "emulation/emulator.ts")],
    bundle: true,
    platform: "node",
    packages: "external",
    outfile,
    logLevel: "silent",
  });
  const { startEmulator } = require(outfile);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const emulator = await startEmulator(root);
  globalThis.__DYNAMODB_LOCAL__ = emulator;
  process.env.DYNAMODB_LOCAL_ENDPOINT = emulator.endpoint;
};
