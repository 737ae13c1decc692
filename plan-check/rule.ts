// What one row of the check's rule table says: which change of which resource type it flags, what that
// does to records, and how to make it safely.
import type { ChangeKind, Values } from "./plan-file";

export interface Rule {
  readonly type: string;
  readonly kind: ChangeKind;
  /** For updates: which update it is. Replacements and deletions match on the kind alone. */
  readonly applies?: (before: Values, after: Values, afterUnknown: Values) => boolean;
  /** The change, in the words the report uses. */
  readonly change: string;
  /** Attributes whose values the report shows next to the change. */
  readonly shows?: readonly string[];
  /** For a value no single attribute holds: the words the report shows next to the change. */
  readonly describe?: (before: Values, after: Values) => string;
  /** What happens to records. */
  readonly records: string;
  /** How to make the change without that. */
  readonly safely: string;
  /** Matches only a resource the plan imports (true) or only one it already manages (false); default either. */
  readonly importing?: boolean;
}
