// Every Testing.app() and every test's temporary folder goes under one folder, removed at the end,
// so a test run leaves nothing behind in the system's temporary directory.
const { mkdtempSync } = require("node:fs");
const os = require("node:os");
const path = require("node:path");

module.exports = async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "stream-trigger-tests-"));
  process.env.STREAM_TRIGGER_TEST_TMP = dir;
  process.env.TMPDIR = dir;
  process.env.CHECKPOINT_DISABLE = "1";
};
