// The handler's own environment variables (handlerEnvironment): names Lambda reserves, or the template
// sets, are refused, since Lambda rejects the first at deploy and the second would change what the
// glue does (its logger's service name and level, its log lines the saved queries read).
import { IDEMPOTENCY_TABLE_VARIABLE, IDEMPOTENCY_TTL_VARIABLE } from "../handlers/idempotency-variables";
import type { Checker } from "./checks";

// Lambda's developer guide, "Defined runtime environment variables": reserved, cannot be set.
const LAMBDA_RESERVED = ["_HANDLER", "_X_AMZN_TRACE_ID", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "TZ"];
// Lambda's AWS_* variables (region, credentials, function name, ...) and the AWS SDK's; POWERTOOLS_* are
// the template's (service name, log level) or change its logger's output; IDEMPOTENCY_* name its table.
const RESERVED_PREFIXES = ["AWS_", "POWERTOOLS_", "IDEMPOTENCY_"];
// Lambda's pattern for a key: a letter, then at least one letter, digit or underscore.
const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]+$/;
/** Lambda's limit on all of a function's variables together, names and values, in bytes. */
export const ENVIRONMENT_MAX_BYTES = 4096;

export const HANDLER_ENVIRONMENT_ALLOWED =
  "an object of names (a letter, then letters, digits, _) to strings; not AWS_*, POWERTOOLS_*, IDEMPOTENCY_*, _HANDLER, _X_AMZN_TRACE_ID, LAMBDA_TASK_ROOT, LAMBDA_RUNTIME_DIR or TZ (Lambda's or the template's)";

export function reservedBy(name: string): string | undefined {
  if (LAMBDA_RESERVED.includes(name) || name.startsWith("AWS_")) return "Lambda";
  if (RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix))) return "the template";
  return undefined;
}

export function checkHandlerEnvironment(check: Checker, field: string, value: unknown): void {
  if (!check.object(field, value, HANDLER_ENVIRONMENT_ALLOWED)) return;
  for (const [name, text] of Object.entries(value)) {
    const where = `${field}.${name}`;
    const owner = reservedBy(name);
    if (!NAME_PATTERN.test(name)) {
      check.failAs(where, "not a name Lambda accepts", "a letter, then at least one letter, digit or _");
    } else if (owner) {
      check.failAs(
        where,
        `a name ${owner} reserves`,
        "another name (not AWS_*, POWERTOOLS_*, IDEMPOTENCY_*, _HANDLER, _X_AMZN_TRACE_ID, LAMBDA_TASK_ROOT, LAMBDA_RUNTIME_DIR or TZ)",
      );
    }
    if (typeof text !== "string") check.fail(where, text, "a string");
  }
}

/** The variables the template sets on every function: its logger's service name and level. */
export function templateEnvironment(functionName: string, logLevel: string): Record<string, string> {
  return { POWERTOOLS_SERVICE_NAME: functionName, POWERTOOLS_LOG_LEVEL: logLevel };
}

/** The variables the template adds with idempotency on: the records' table and how long they are kept. */
export function idempotencyEnvironment(tableName: string, ttlSeconds: number): Record<string, string> {
  return { [IDEMPOTENCY_TABLE_VARIABLE]: tableName, [IDEMPOTENCY_TTL_VARIABLE]: String(ttlSeconds) };
}

/** Bytes all the function's variables take, as Lambda counts them against ENVIRONMENT_MAX_BYTES. */
export function environmentBytes(variables: Readonly<Record<string, string>>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(variables))
    bytes += Buffer.byteLength(name) + (typeof value === "string" ? Buffer.byteLength(value) : 0);
  return bytes;
}
