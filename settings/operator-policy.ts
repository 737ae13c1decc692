// The IAM policy for whoever runs `npm run redrive` against one stack: read and settle what the failure
// destination holds (a queue's messages or a bucket's objects), read the table's stream, invoke the
// function. Nothing else, nothing on `*`. A pure function of ARNs (Terraform references at synth time),
// so the stack can output it.

export type FailureDestinationArn =
  /** The failure queue's ARN. */
  | { readonly queueArn: string; readonly bucketArn?: undefined }
  /** The failure bucket's ARN. */
  | { readonly bucketArn: string; readonly queueArn?: undefined };

export type RedriveTargets = FailureDestinationArn & {
  /** The table's stream ARN. */
  readonly streamArn: string;
  /** The function's ARN, unqualified: redrive invokes $LATEST, as the mapping does. */
  readonly functionArn: string;
};

export interface OperatorStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: readonly string[];
  readonly Resource: string;
}

export interface OperatorPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly OperatorStatement[];
}

/** Receive, delete after an accepted replay, and hold a message hidden while it is replayed. */
export const REDRIVE_QUEUE_ACTIONS = [
  "sqs:ReceiveMessage",
  "sqs:DeleteMessage",
  "sqs:ChangeMessageVisibility",
] as const;

/** Redrive never lists streams: the message names its stream. */
export const REDRIVE_STREAM_ACTIONS = [
  "dynamodb:DescribeStream",
  "dynamodb:GetShardIterator",
  "dynamodb:GetRecords",
] as const;

/** List what was parked, read it, and delete it after an accepted replay. */
export const REDRIVE_BUCKET_LIST_ACTIONS = ["s3:ListBucket"] as const;
export const REDRIVE_OBJECT_ACTIONS = ["s3:GetObject", "s3:DeleteObject"] as const;

export const REDRIVE_FUNCTION_ACTIONS = ["lambda:InvokeFunction"] as const;

export function redriveOperatorPolicy(targets: RedriveTargets): OperatorPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      ...destinationStatements(targets),
      { Sid: "ReadParkedRecords", Effect: "Allow", Action: [...REDRIVE_STREAM_ACTIONS], Resource: targets.streamArn },
      {
        Sid: "ReplayIntoFunction",
        Effect: "Allow",
        Action: [...REDRIVE_FUNCTION_ACTIONS],
        Resource: targets.functionArn,
      },
    ],
  };
}

function destinationStatements(targets: FailureDestinationArn): OperatorStatement[] {
  if (targets.bucketArn !== undefined) {
    return [
      {
        Sid: "ListParkedBatches",
        Effect: "Allow",
        Action: [...REDRIVE_BUCKET_LIST_ACTIONS],
        Resource: targets.bucketArn,
      },
      {
        Sid: "SettleParkedBatches",
        Effect: "Allow",
        Action: [...REDRIVE_OBJECT_ACTIONS],
        Resource: `${targets.bucketArn}/*`,
      },
    ];
  }
  return [
    { Sid: "SettleFailureMessages", Effect: "Allow", Action: [...REDRIVE_QUEUE_ACTIONS], Resource: targets.queueArn },
  ];
}
