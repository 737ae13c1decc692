// Peak memory for the synth benchmark, and its verdict. GNU time's `-f %M` gives a child's peak RSS;
// macOS's /usr/bin/time is BSD's, which refuses -f, so it is probed once rather than assumed from the
// path. Without a timer the memory is not measured, and an unmeasured figure never meets the target.
const { spawnSync } = require("node:child_process");

/** `candidate` when it is a time command that takes GNU's -f format, else undefined. */
function peakMemoryTimer(candidate = "/usr/bin/time") {
  const probe = spawnSync(candidate, ["-f", "%M", "true"], { stdio: "ignore" });
  return probe.status === 0 ? candidate : undefined;
}

function synthVerdict(row, target) {
  if (Number.isNaN(row.mb)) return "NOT met (peak memory not measured: it needs GNU time at /usr/bin/time)";
  return row.seconds <= target.seconds && row.mb <= target.mb ? "met" : "NOT met";
}

module.exports = { peakMemoryTimer, synthVerdict };
