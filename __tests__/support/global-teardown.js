const { rmSync } = require("node:fs");

module.exports = async () => {
  const dir = process.env.STREAM_TRIGGER_TEST_TMP;
  if (dir) rmSync(dir, { recursive: true, force: true });
};
