// The failure bucket's name on AWS, from the deployed stack's outputs (stack-output.ts): output
// failure_bucket_name, or FAILURE_BUCKET_NAME. The synthesized name ends in the account ID Terraform
// fills in at plan time; the deployed one must be that name with a 12-digit account ID, which is then
// the bucket's expected owner.

import { LOCAL_ACCOUNT_ID } from "../emulation/failure-bucket-folder";
import { findStackOutput, type StackOutputSources } from "./stack-output";

export const BUCKET_NAME_OUTPUT = "failure_bucket_name";

export interface BucketNameSources extends StackOutputSources {
  /** The synthesized name with the local account ID in place of the deployed one (synthesized-stacks.ts). */
  readonly localName: string;
}

export function findBucketName(sources: BucketNameSources): { name: string; accountId: string; from: string } {
  const { value: name, from } = findStackOutput(sources, {
    output: `${sources.outputPrefix ?? ""}${BUCKET_NAME_OUTPUT}`,
    envVar: "FAILURE_BUCKET_NAME",
    what: "the failure bucket's name",
  });
  const prefix = sources.localName.endsWith(LOCAL_ACCOUNT_ID)
    ? sources.localName.slice(0, -LOCAL_ACCOUNT_ID.length)
    : undefined;
  const accountId = prefix !== undefined && name.startsWith(prefix) ? name.slice(prefix.length) : "";
  if (!/^[0-9]{12}$/.test(accountId))
    throw new Error(
      `${from}: bucket ${name} is not the stack's failure bucket ${prefix ?? sources.localName}<12-digit account id>`,
    );
  return { name, accountId, from };
}
