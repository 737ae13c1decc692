// `npm run local`: the synthesized app on your machine. Synthesizes into .local/cdktf.out, starts AWS's
// DynamoDB Local, creates the tables, runs every enabled trigger against the bundled handlers and
// prints each invocation live until Ctrl-C. `--walkthrough` performs a seed's three steps and
// exits 0 only if the handler received what AWS would deliver; `--persist` keeps tables, items and
// checkpoints in .local/ across restarts. This file delegates; args.ts reads the command line.

import * as path from "node:path";
import { LOCAL_CREDENTIALS, LOCAL_REGION, type RunningEmulator, startEmulator } from "../emulation/emulator";
import { announceLocalSession } from "../emulation/session-file";
import { projectRootFromCwd, synthesizeInto } from "../emulation/synthesize";
import { readSynthesizedApp } from "../emulation/synthesized-stacks";
import { runCommand } from "../scripts/command-line";
import { findProjectRoot } from "../settings/project-root";
import { parseLocalArgs, USAGE } from "./args";
import { CheckpointFile } from "./checkpoint-store";
import { type ConsoleSession, startConsoleSession } from "./console/session";
import { type HandlerWatch, watchHandlers } from "./handler-watch";
import { loud, reportLines } from "./live-view";
import { type RunningLocalApp, startLocalApp } from "./local-app";
import { lockPersistedTables } from "./persist-lock";
import { Reminder } from "./reminder";
import type { RunnerReport } from "./runner-reports";
import { selectionLine, selectStacks } from "./selection";
import { tryItLines } from "./try-it";
import { beforeWalkthrough, walkthrough, walkthroughTable } from "./walkthrough";

async function main(): Promise<number> {
  const options = parseLocalArgs(process.argv.slice(2));
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  const root = projectRootFromCwd();
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const local = path.join(root, ".local");
  if (options.persist) lockPersistedTables(local);
  // A folder of its own, emptied first: cdktf.out (with its Terraform state) is left alone.
  const synthesized = readSynthesizedApp(synthesizeInto(root, path.join(root, ".local", "cdktf.out"), { clean: true }));
  const app = selectStacks(synthesized, options);
  // Chosen before anything starts: a table the walkthrough cannot use is refused at once.
  const walkthroughOn = options.walkthrough ? walkthroughTable(app.tables, options.table) : undefined;
  // Kept across runs, as a queue or bucket keeps them: `npm run redrive -- --local` replays from there.
  const failureFolder = path.join(local, "failures");

  let emulator: RunningEmulator | undefined;
  let running: RunningLocalApp | undefined;
  let consoleSession: ConsoleSession | undefined;
  let watch: HandlerWatch | undefined;
  let reminder: Reminder | undefined;
  const reports: RunnerReport[] = [];
  let stopping: Promise<string> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      const inFlight = running?.invoking() ?? [];
      const triggers = running?.runners.length ?? 0;
      await watch?.close();
      await running?.stop();
      await consoleSession?.close();
      await emulator?.stop();
      const stopped = [
        triggers > 0 && `${triggers} trigger${triggers === 1 ? "" : "s"}`,
        inFlight.length > 0 &&
          `the invocation${inFlight.length === 1 ? "" : "s"} in flight (${inFlight.join(", ")}), ended without a retry`,
        emulator && `DynamoDB Local (pid ${emulator.pid})`,
      ].filter(Boolean);
      const kept = options.persist ? `; tables, items and checkpoints are kept in ${path.relative(root, local)}/` : "";
      return stopped.length > 0 ? `Stopped ${stopped.join(", ")}${kept}.` : "Stopped before anything started.";
    })());
  const onSignal = (signal: NodeJS.Signals, code: number) =>
    process.once(signal, () => {
      console.log("\nStopping ... (press Ctrl-C again to quit at once)");
      process.once(signal, () => process.exit(code));
      // Whatever hangs, the process ends within 5 s; DynamoDB Local is killed with it.
      setTimeout(() => process.exit(code), 4500).unref();
      void shutdown().then((summary) => {
        console.log(summary);
        process.exit(code);
      });
    });
  onSignal("SIGINT", 130);
  onSignal("SIGTERM", 143);

  try {
    console.log(
      options.persist
        ? `Starting DynamoDB Local (kept in ${path.relative(root, local)}/dynamodb) ...`
        : "Starting DynamoDB Local ...",
    );
    emulator = await startEmulator(root, {
      dbPath: options.persist ? path.join(local, "dynamodb") : undefined,
      log: (line) => console.log(line),
      onUnexpectedExit: (line) => {
        console.log(line);
        void shutdown().then(() => process.exit(1));
      },
    });
    announceLocalSession(root, { endpoint: emulator.endpoint, failureFolder });
    if (options.console)
      consoleSession = await startConsoleSession({ app, endpoint: emulator.endpoint, root, port: options.port });
    // The walkthrough checks the bundle as synthesized; a session that runs on is kept up to date.
    // The first rebuild (esbuild, a process of its own) runs while the tables are created.
    [watch, running] = await Promise.all([
      walkthroughOn
        ? undefined
        : watchHandlers(
            findProjectRoot(), // where the synth resolved handler entries: beside the bundled code
            app.mappings.map((m) => m.function),
            (built) => {
              console.log(built.ok ? built.text : loud(built.text));
              consoleSession?.build(built.ok, built.text);
            },
          ),
      startLocalApp({
        endpoint: emulator.endpoint,
        app,
        failureFolder,
        checkpoints: options.persist
          ? new CheckpointFile(path.join(local, "checkpoints.json"), { onError: (line) => console.log(line) })
          : undefined,
        beforeTriggers: walkthroughOn
          ? () =>
              beforeWalkthrough((emulator as RunningEmulator).endpoint, walkthroughOn.table, walkthroughOn.walkthrough)
          : undefined,
        onReport: (report) => {
          reports.push(report);
          consoleSession?.report(report);
          const lines = reportLines(report, options.verbose);
          if (reminder) reminder.lines(lines);
          else for (const line of lines) console.log(line);
        },
      }),
    ]);
    console.log(
      `\nDynamoDB Local: ${emulator.endpoint} (region ${LOCAL_REGION}, access key ${LOCAL_CREDENTIALS.accessKeyId}, secret ${LOCAL_CREDENTIALS.secretAccessKey})`,
    );
    const picked = selectionLine(synthesized, app);
    if (picked) console.log(picked);
    for (const [table, arn] of running.streams) console.log(`  table ${table}, stream ${arn}`);
    for (const m of app.mappings.filter((x) => x.enabled)) {
      const filters = m.filterPatterns.length ? `, ${m.filterPatterns.length} filter(s)` : "";
      console.log(
        `  trigger ${m.table.name} → ${m.function.name} (batch ${m.batchSize}, ${m.startingPosition}${filters})`,
      );
    }
    for (const d of running.disabled) console.log(`  trigger ${d} is disabled in the config: not polled`);
    console.log(
      `Failed batches are written to ${path.relative(root, failureFolder)}/<queue or bucket>/ as AWS writes them there.`,
    );
    if (options.persist)
      console.log(
        `Kept across restarts (--persist): tables, items and checkpoints, in ${path.relative(root, local)}/.`,
      );

    if (walkthroughOn) {
      const passed = await walkthrough(emulator.endpoint, walkthroughOn.table, reports, walkthroughOn.walkthrough);
      return passed ? 0 : 1;
    }
    const lines = tryItLines(app.tables, emulator.endpoint, LOCAL_REGION);
    if (lines.length > 0)
      console.log(`\nTry it from another terminal (AWS CLI):\n${lines.map((l) => `  ${l}`).join("\n")}`);
    if (watch && watch.watched.length > 0)
      console.log(
        `\nLive code: ${watch.watched.join(", ")} and what they import are rebuilt on every change; the next invocation runs the new code (a build error is shown once; the last good bundle keeps running). Stack traces point into the .ts files.`,
      );
    if (consoleSession) {
      if (consoleSession.portTaken) console.log(`Port ${consoleSession.portTaken} is taken; the console uses another.`);
      console.log(`\nConsole: ${consoleSession.url}`);
    }
    const console_ = consoleSession ? ` · console ${consoleSession.url}` : "";
    reminder = new Reminder(`── DynamoDB Local ${emulator.endpoint}${console_} · Ctrl-C stops`, (line) =>
      console.log(line),
    );
    reminder.title(process.stdout.isTTY === true);
    console.log("\nWatching the streams; Ctrl-C to stop.\n");
    await new Promise(() => undefined);
    return 0;
  } finally {
    // After Ctrl-C the signal handler prints this; otherwise (the walkthrough, an error) it is said here.
    if (!stopping) console.log(`\n${await shutdown()}`);
  }
}

runCommand("local", main);
