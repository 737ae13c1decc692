// The app's own config (config/environments.ts), resolved: tests of the user's config read the
// stacks from here, so they hold whatever tables and environments the user writes.
import { environments } from "../../config/environments";
import { type ResolvedEnvironment, type ResolvedTrigger, resolveConfig } from "../../settings/config";

export const appEnvironments: readonly ResolvedEnvironment[] = resolveConfig(environments);

export interface AppStack {
  readonly name: string;
  readonly environment: ResolvedEnvironment;
  readonly trigger: ResolvedTrigger;
}

/** Every stack of the app, in config order. */
export const appStacks: readonly AppStack[] = appEnvironments.flatMap((environment) =>
  environment.triggers.map((trigger) => ({ name: trigger.stackName, environment, trigger })),
);
