// Where Terraform state lives, read from the environment: nothing set keeps local state (synth and
// tests need nothing); a bucket and a region put every stack in S3. Imports nothing from cdktf.
import { Checker, ConfigError } from "./checks";
import { checkRegion } from "./config";
import { MAX_STACK_NAME } from "./physical-names";
import { TABLE_NAME_PATTERN } from "./trigger-settings";

export const STATE_ENV = {
  bucket: "STATE_BUCKET",
  region: "STATE_REGION",
  keyPrefix: "STATE_KEY_PREFIX",
  lockTable: "STATE_LOCK_TABLE",
} as const;

export interface S3BackendSettings {
  /** The state bucket; S3 bucket naming rules. */
  readonly bucket: string;
  /** The bucket's region. */
  readonly region: string;
  /** Folder of the state objects; default the project name. Each stack's key is `<prefix>/<stack>.tfstate`. */
  readonly keyPrefix?: string;
  /** A DynamoDB lock table, for Terraform older than 1.10; S3-native locking (use_lockfile) is always on. */
  readonly lockTable?: string;
}

const BUCKET_PATTERN = /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX_PATTERN = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
// S3 keys are at most 1,024 bytes; the longest is a stack's lock file, `<prefix>/<stack>.tfstate.tflock`.
const MAX_KEY = 1024;
const MAX_PREFIX = MAX_KEY - `/${"s".repeat(MAX_STACK_NAME)}.tfstate.tflock`.length;

/** Returns undefined for local state; throws ConfigError naming what is missing or invalid. */
export function readBackendSettings(env: NodeJS.ProcessEnv): S3BackendSettings | undefined {
  const value = (name: string) => (env[name] === undefined || env[name] === "" ? undefined : env[name]);
  const bucket = value(STATE_ENV.bucket);
  const region = value(STATE_ENV.region);
  const keyPrefix = value(STATE_ENV.keyPrefix);
  const lockTable = value(STATE_ENV.lockTable);
  const given = Object.entries({
    [STATE_ENV.bucket]: bucket,
    [STATE_ENV.region]: region,
    [STATE_ENV.keyPrefix]: keyPrefix,
    [STATE_ENV.lockTable]: lockTable,
  })
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  if (given.length === 0) return undefined;

  const problems: string[] = [];
  const need = [STATE_ENV.bucket, STATE_ENV.region].filter((name) => !given.includes(name));
  if (need.length > 0) {
    problems.push(
      `${need.join(" and ")} ${need.length === 1 ? "is" : "are"} not set, but ${given.join(", ")} ${given.length === 1 ? "is" : "are"}; ` +
        `the S3 backend needs ${STATE_ENV.bucket} and ${STATE_ENV.region} (set neither for local state)`,
    );
  }
  const check = new Checker("", ".", problems);
  if (bucket !== undefined)
    check.matches(STATE_ENV.bucket, bucket, BUCKET_PATTERN, "an S3 bucket name: 3 to 63 of a-z 0-9 . -");
  if (region !== undefined) checkRegion(check, region, STATE_ENV.region);
  if (keyPrefix !== undefined)
    check.matches(
      STATE_ENV.keyPrefix,
      keyPrefix,
      PREFIX_PATTERN,
      "path segments of A-Z a-z 0-9 _ . - joined by /, no leading or trailing /",
    );
  if (keyPrefix !== undefined && PREFIX_PATTERN.test(keyPrefix) && keyPrefix.length > MAX_PREFIX)
    check.failAs(
      STATE_ENV.keyPrefix,
      `${keyPrefix.length} characters long`,
      `at most ${MAX_PREFIX} characters, so that every stack's key and its .tflock fit S3's ${MAX_KEY.toLocaleString("en-US")} bytes`,
    );
  if (lockTable !== undefined)
    check.matches(
      STATE_ENV.lockTable,
      lockTable,
      TABLE_NAME_PATTERN,
      "a DynamoDB table name: 3 to 255 of A-Z a-z 0-9 _ . -",
    );
  if (problems.length > 0) throw new ConfigError(problems);
  return { bucket: bucket!, region: region!, keyPrefix, lockTable };
}

/** The state object of one stack. */
export function stateKey(settings: S3BackendSettings, project: string, stackName: string): string {
  return `${settings.keyPrefix ?? project}/${stackName}.tfstate`;
}
