// Validation shared by the config loader and the backend settings. Imports nothing from cdktf so
// that config can be checked, and tested, in milliseconds.
import { closest } from "./suggest";

/** Thrown when settings are invalid; `problems` holds one line per invalid field. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      problems.length === 1
        ? `Invalid configuration: ${problems[0]}`
        : `Invalid configuration (${problems.length} problems):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

/** A value as a message quotes it. Whatever the config holds (a BigInt, an object referring to itself,
 * one without a prototype), this answers: the check must end in its own error, never in a crash. */
function show(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value) ?? safeString(value);
  } catch {
    // BigInts and cycles inside the value (JSON has neither), or nesting deeper than the stack.
    try {
      const seen = new WeakSet<object>();
      return JSON.stringify(value, (_key, v: unknown) => {
        if (typeof v === "bigint") return `${v}n`;
        if (typeof v === "object" && v !== null) {
          if (seen.has(v)) return "[circular]";
          seen.add(v);
        }
        return v;
      });
    } catch {
      return "a value nested too deeply to show";
    }
  }
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function formatRange(min: number, max: number): string {
  return `an integer from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}`;
}

/**
 * Collects problems for one object. `where` names it: a config path such as `dev.triggers[0]`
 * (fields are joined with a dot) or a construct path such as `books-dev/books` (joined with ': ').
 */
export class Checker {
  constructor(
    private readonly where: string,
    private readonly separator: "." | ": " = ".",
    readonly problems: string[] = [],
  ) {}

  /** A checker for a nested object that reports into this one's list. */
  nested(field: string): Checker {
    return new Checker(this.name(field), ".", this.problems);
  }

  name(field: string): string {
    if (this.where === "") return field;
    return field.startsWith("[") ? `${this.where}${field}` : `${this.where}${this.separator}${field}`;
  }

  fail(field: string, value: unknown, allowed: string): void {
    this.failAs(field, show(value), allowed);
  }

  /** Like fail, with the value described in words (such as "6 patterns") rather than quoted. */
  failAs(field: string, description: string, allowed: string): void {
    this.problems.push(`${this.name(field)} is ${description}; allowed: ${allowed}`);
  }

  integer(field: string, value: unknown, min: number, max: number, also: readonly number[] = []): void {
    const ok =
      typeof value === "number" && Number.isInteger(value) && ((value >= min && value <= max) || also.includes(value));
    if (!ok) {
      const extra = also.length ? ` or ${also.join(", ")}` : "";
      this.fail(field, value, `${formatRange(min, max)}${extra}`);
    }
  }

  oneOf<T>(field: string, value: unknown, allowed: readonly T[]): void {
    if (!allowed.includes(value as T)) this.fail(field, value, `one of ${allowed.map(show).join(", ")}`);
  }

  boolean(field: string, value: unknown): void {
    if (typeof value !== "boolean") this.fail(field, value, "true or false");
  }

  matches(field: string, value: unknown, pattern: RegExp, allowed: string): void {
    if (typeof value !== "string" || !pattern.test(value)) this.fail(field, value, allowed);
  }

  /** Reports a value that is not a plain object; returns whether it is one. */
  object(field: string, value: unknown, allowed: string): value is Record<string, unknown> {
    const ok = typeof value === "object" && value !== null && !Array.isArray(value);
    if (!ok) this.fail(field, value, allowed);
    return ok;
  }

  /**
   * Reports every key of `value` that is not in `known`: `cdktf synth` does not type-check the config,
   * so a misspelt field would otherwise be silently ignored.
   */
  knownKeys(value: Record<string, unknown>, known: readonly string[], what: string): void {
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const guess = closest(key, known);
      // A likely intended name is the useful answer; the whole list only when there is none.
      const allowed = guess ? `${guess}, or another field of ${what}` : `one of ${known.join(", ")}`;
      this.failAs(key, `not a field of ${what}${guess ? ` (did you mean ${guess}?)` : ""}`, allowed);
    }
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
