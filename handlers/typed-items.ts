// Typed items: a ChangeHandler<I> is handed images checked to be an I at run time, by a function of your
// own or any Standard Schema (https://standardschema.dev: zod, valibot, arktype, ... implement it), so no
// schema library is bundled unless you bring one. An image that fails the check makes the record
// malformed, with the attribute's path and the reason, as an unreadable number does: it is logged
// ("record rejected as malformed"), retried, then parked.
import type { ChangeHandler } from "./contract";
import { type Item, MalformedRecordError, type StreamChange } from "./stream-change";

/** What a check found wrong: `path` dotted from the item ("" for the whole item). */
export interface ItemProblem {
  readonly path: string;
  readonly reason: string;
}

type PathSegment = PropertyKey | { readonly key: PropertyKey };

/** The Standard Schema interface (v1), the part used here; the spec asks implementers to copy it. */
export interface StandardSchemaV1<Output = unknown> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
  };
}

type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly { readonly message: string; readonly path?: readonly PathSegment[] }[] };

/** A function answering what is wrong with an item (nothing: it is an I), or a Standard Schema of I. */
export type ItemCheck<I> = ((item: Item) => ItemProblem | undefined) | StandardSchemaV1<I>;

/** A ChangeHandler whose images are checked against `check` before `handle` is given them as I. */
export function checkedItems<I>(check: ItemCheck<I>, handle: ChangeHandler<I>): ChangeHandler {
  return async (change, logger) => {
    const typed: StreamChange<I> = {
      ...change,
      newImage: change.newImage && (await checked(check, change.newImage, "NewImage")),
      oldImage: change.oldImage && (await checked(check, change.oldImage, "OldImage")),
    };
    return handle(typed, logger);
  };
}

async function checked<I>(check: ItemCheck<I>, item: Item, image: string): Promise<I> {
  if (typeof check === "function") {
    const problem = check(item);
    if (problem) throw malformed(image, problem);
    return item as I;
  }
  const result = await check["~standard"].validate(item);
  if (result.issues) {
    const [issue] = result.issues;
    throw malformed(image, { path: (issue?.path ?? []).map(segment).join("."), reason: issue?.message ?? "invalid" });
  }
  return result.value;
}

const segment = (s: PathSegment) => String(typeof s === "object" && s !== null ? s.key : s);

function malformed(image: string, problem: ItemProblem): MalformedRecordError {
  const where = problem.path ? `dynamodb.${image}.${problem.path}` : `dynamodb.${image}`;
  return new MalformedRecordError(`${where} fails the item check: ${problem.reason}`);
}
