// Which of the synthesized stacks `npm run local` runs: those --stack names and those of the --env
// environments; with neither, the first environment in config order. Unknown names are refused in one line.

import type { SynthesizedApp } from "../emulation/synthesized-stacks";
import { CommandError } from "../scripts/command-line";

export interface Selection {
  readonly envs: readonly string[];
  readonly stacks: readonly string[];
}

/** The app cut down to the stacks picked; its `environments` still lists every one (for the banner). */
export function selectStacks(app: SynthesizedApp, wanted: Selection): SynthesizedApp {
  const known = [...new Set(app.tables.map((t) => t.stack))];
  for (const env of wanted.envs)
    if (!app.environments.includes(env))
      throw new CommandError(
        `--env ${JSON.stringify(env)}: no such environment; allowed: ${app.environments.join(", ")}`,
      );
  for (const stack of wanted.stacks)
    if (!known.includes(stack))
      throw new CommandError(`--stack ${JSON.stringify(stack)}: no such stack; allowed: ${known.join(", ")}`);
  const byDefault = wanted.envs.length === 0 && wanted.stacks.length === 0;
  const envs = byDefault ? app.environments.slice(0, 1) : wanted.envs;
  const picked = (t: { stack: string; environment?: string }) =>
    wanted.stacks.includes(t.stack) ||
    (t.environment !== undefined && envs.includes(t.environment)) ||
    (byDefault && app.environments.length === 0);
  return {
    tables: app.tables.filter(picked),
    mappings: app.mappings.filter((m) => picked(m.table)),
    plainTables: app.plainTables, // idempotency tables: harmless to create for a stack not run
    environments: app.environments,
  };
}

/** The banner's line on what runs and how to run the rest; undefined when everything runs. */
export function selectionLine(app: SynthesizedApp, running: SynthesizedApp): string | undefined {
  const stacks = [...new Set(running.tables.map((t) => t.stack))];
  const others = app.environments.filter((env) => !running.tables.some((t) => t.environment === env));
  if (others.length === 0 && running.tables.length === app.tables.length) return undefined;
  const how = others.map((env) => `npm run local -- --env ${env}`).join(" or ");
  return `Running ${stacks.join(", ")}${how ? `; for another environment: ${how}` : ""} (--stack NAME picks single stacks).`;
}
