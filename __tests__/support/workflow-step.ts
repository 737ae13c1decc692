// One step of a GitHub Actions job or composite action, as the workflow tests read it from YAML.
export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly env?: Record<string, string>;
  readonly with?: Record<string, string>;
  readonly "working-directory"?: string;
  readonly "continue-on-error"?: unknown;
}
