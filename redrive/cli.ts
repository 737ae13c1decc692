// `npm run redrive -- <stack> [options]`: brings parked stream records back before the stream forgets
// them. Parses the command line, then delegates to command.ts.

import { projectRootFromCwd } from "../emulation/synthesize";
import { parseRedriveArgs, USAGE, UsageError } from "./args";
import { runRedriveCommand } from "./command";

async function main(): Promise<number> {
  let options: ReturnType<typeof parseRedriveArgs>;
  try {
    options = parseRedriveArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`redrive: ${error.message}\n${USAGE}`);
    return 2;
  }
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  const root = projectRootFromCwd();
  try {
    return await runRedriveCommand(root, options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`redrive: ${error.message}`); // a stack name it cannot use: the usage would not help
    return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`redrive: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
