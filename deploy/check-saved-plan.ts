// The record check of a saved plan, as the pull-request and deploy workflows run it: the project's
// plan-check/allow.json is the one place a hazard is accepted, with a reason, in review.
import * as path from "node:path";
import { AllowFileError } from "../plan-check/allow-list";
import { check } from "../plan-check/check";
import { PlanFileError } from "../plan-check/plan-file";
import { SAVED } from "./stack-folder";
import { StepError } from "./terraform";

export const ALLOW_FILE = path.join("plan-check", "allow.json");

export interface Verdict {
  readonly passed: boolean;
  /** The check's text report: what was read, each hazard and its safe procedure, the verdict. */
  readonly report: string;
}

/** Paths as the reader typed them: relative to where the command runs. */
const shown = (file: string) => path.relative(process.cwd(), file) || file;

/** Checks `folder`'s plan.json against the project's allow file, writing check.md beside it. */
export function checkSavedPlan(root: string, folder: string): Verdict {
  try {
    const outcome = check({
      plans: [shown(path.join(folder, SAVED.json))],
      allow: [],
      allowFiles: [shown(path.join(root, ALLOW_FILE))],
      markdown: path.join(folder, SAVED.verdict),
    });
    return { passed: outcome.code === 0, report: outcome.stdout };
  } catch (error) {
    if (error instanceof PlanFileError || error instanceof AllowFileError) throw new StepError(error.message);
    throw error;
  }
}
