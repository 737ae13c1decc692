// Accepting a hazard on purpose: each acceptance names the stack and the resource address and says why,
// in a file reviewed with the pull request (or, for one run, `--allow ADDRESS`). Nothing is accepted by
// default, and an entry that accepts nothing any more is reported, so the list never outlives its change.

import { readFileSync } from "node:fs";
import { CommandError } from "../scripts/command-line";
import { closest } from "../settings/suggest";
import type { Hazard } from "./classify";

export interface Acceptance {
  /** The stack (plan name) it applies to; undefined for `--allow`, which applies to every plan checked. */
  readonly stack?: string;
  readonly address: string;
  readonly reason: string;
  /** Where it was given: the allow file, or `--allow`. */
  readonly source: string;
}

/** Bad input: exit 2, nothing checked. */
export class AllowFileError extends CommandError {}

const ENTRY_KEYS = ["stack", "address", "reason"];

export function readAllowFile(file: string): Acceptance[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AllowFileError(`${file}: cannot be read as JSON (${reason})`);
  }
  const accept = (json as { accept?: unknown } | null)?.accept;
  if (typeof json !== "object" || json === null || Array.isArray(json) || !Array.isArray(accept))
    throw new AllowFileError(`${file}: expected { "accept": [ { "stack", "address", "reason" }, ... ] }`);
  const unknownKeys = Object.keys(json).filter((k) => k !== "accept");
  if (unknownKeys.length > 0) throw new AllowFileError(`${file}: unknown key ${unknownKeys[0]}; allowed: accept`);
  const entries = accept.map((entry, index) => allowEntry(file, index, entry));
  const seen = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const key = `${entry.stack} ${entry.address}`;
    if (seen.has(key)) throw new AllowFileError(`${file}: accept[${index}] repeats ${entry.stack} ${entry.address}`);
    seen.add(key);
  }
  return entries;
}

function allowEntry(file: string, index: number, entry: unknown): Acceptance {
  const where = `${file}: accept[${index}]`;
  if (typeof entry !== "object" || entry === null || Array.isArray(entry))
    throw new AllowFileError(`${where} is not an object; expected { "stack", "address", "reason" }`);
  const fields = entry as Record<string, unknown>;
  for (const key of Object.keys(fields))
    if (!ENTRY_KEYS.includes(key))
      throw new AllowFileError(`${where}: unknown key ${key}; allowed: ${ENTRY_KEYS.join(", ")}`);
  for (const key of ENTRY_KEYS)
    if (typeof fields[key] !== "string" || (fields[key] as string).trim() === "")
      throw new AllowFileError(
        `${where}: ${key} is ${JSON.stringify(fields[key] ?? null)}; expected a non-empty string`,
      );
  return {
    stack: fields.stack as string,
    address: fields.address as string,
    reason: fields.reason as string,
    source: file,
  };
}

export function fromCommandLine(address: string): Acceptance {
  return { address, reason: "accepted with --allow on the command line", source: "--allow" };
}

export interface Judged {
  readonly hazard: Hazard;
  /** The acceptance that covers it; undefined when it is not accepted. */
  readonly acceptedBy?: Acceptance;
  /** When it is not accepted: an acceptance of its address for another stack, most likely a slip of the stack. */
  readonly acceptedElsewhere?: Acceptance;
}

export interface Stale {
  readonly acceptance: Acceptance;
  /** The address of a hazard left unaccepted in its stack that it nearly names: most likely a typo. */
  readonly didYouMean?: string;
}

export interface Judgement {
  readonly hazards: readonly Judged[];
  /** Acceptances for a checked stack that match none of its hazards. */
  readonly stale: readonly Stale[];
}

const covers = (a: Acceptance, h: Hazard) => a.address === h.address && (a.stack === undefined || a.stack === h.plan);

/** `checkedStacks`: the plans checked; entries for other stacks are neither used nor stale here. */
export function judge(
  hazards: readonly Hazard[],
  acceptances: readonly Acceptance[],
  checkedStacks: readonly string[],
): Judgement {
  const judged = hazards.map((hazard): Judged => {
    const acceptedBy = acceptances.find((a) => covers(a, hazard));
    if (acceptedBy) return { hazard, acceptedBy };
    return { hazard, acceptedElsewhere: acceptances.find((a) => a.address === hazard.address) };
  });
  const open = judged.filter((j) => j.acceptedBy === undefined).map((j) => j.hazard);
  return {
    hazards: judged,
    stale: acceptances
      .filter(
        (a) =>
          (a.stack === undefined || checkedStacks.includes(a.stack)) && !hazards.some((hazard) => covers(a, hazard)),
      )
      .map((acceptance) => {
        const near = open.filter((h) => acceptance.stack === undefined || acceptance.stack === h.plan);
        return {
          acceptance,
          didYouMean: closest(
            acceptance.address,
            near.map((h) => h.address),
          ),
        };
      }),
  };
}
