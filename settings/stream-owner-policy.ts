// The resource-based policy the owner of a stream in another account puts on it, so that this stack's
// function role can read it (Lambda has read DynamoDB streams across accounts since January 2026). A pure
// function of ARNs, which may be Terraform references at synth time, so the stack can output it.

/**
 * What a stream's resource-based policy can grant Lambda's poller: AWS's stream policy examples grant these
 * three. ListStreams is not among them: it acts on the account, not on one stream, and a mapping given the
 * stream's ARN never calls it.
 */
export const STREAM_POLICY_ACTIONS = [
  "dynamodb:DescribeStream",
  "dynamodb:GetRecords",
  "dynamodb:GetShardIterator",
] as const;

export interface StreamOwnerPolicy {
  readonly Version: "2012-10-17";
  readonly Statement: readonly {
    readonly Sid: string;
    readonly Effect: "Allow";
    readonly Principal: { readonly AWS: string | readonly string[] };
    readonly Action: readonly string[];
    readonly Resource: string;
  }[];
}

/** Lets exactly `roleArns` (each consumer's role) read exactly `streamArn`: no other principal, no other stream. */
export function streamOwnerPolicy(streamArn: string, roleArns: readonly string[]): StreamOwnerPolicy {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadStreamFromTriggerRole",
        Effect: "Allow",
        Principal: { AWS: roleArns.length === 1 ? roleArns[0] : [...roleArns] },
        Action: [...STREAM_POLICY_ACTIONS],
        Resource: streamArn,
      },
    ],
  };
}
