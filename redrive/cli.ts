// `npm run redrive -- <stack> [options]`: brings parked stream records back before the stream forgets
// them. Parses the command line, then delegates to command.ts.

import { projectRootFromCwd } from "../emulation/synthesize";
import { runCommand } from "../scripts/command-line";
import { parseRedriveArgs, USAGE } from "./args";
import { runRedriveCommand } from "./command";

runCommand("redrive", async () => {
  const options = parseRedriveArgs(process.argv.slice(2));
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  return runRedriveCommand(projectRootFromCwd(), options);
});
