// Where batches that exhausted their retries are parked: an encrypted SQS queue holding AWS's
// on-failure message (the shard and sequence range, not the records themselves).
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { Construct } from "constructs";
import type { FunctionRole } from "./function-role";

/** SQS's longest retention: time to read the records back from the stream is only 24 h, but the
 * pointer to them should outlive a long weekend. */
export const FAILURE_RETENTION_SECONDS = 14 * 24 * 60 * 60;

export interface FailureQueueProps {
  /** Queue name; 1–80 of A–Z a–z 0–9 _ - */
  readonly queueName: string;
}

export class FailureQueue extends Construct {
  readonly queue: SqsQueue;

  constructor(scope: Construct, id: string, props: FailureQueueProps) {
    super(scope, id);
    this.queue = new SqsQueue(this, "queue", {
      name: props.queueName,
      messageRetentionSeconds: FAILURE_RETENTION_SECONDS,
      // SQS-managed keys: encrypted at rest with no KMS grant needed by the sending role.
      sqsManagedSseEnabled: true,
    });
  }

  get arn(): string {
    return this.queue.arn;
  }

  get name(): string {
    return this.queue.name;
  }

  /** Lets `role` (the function's, which Lambda uses to deliver on-failure records) send to this queue. */
  grantSend(role: FunctionRole): void {
    role.addStatement({ Sid: "SendFailuresToQueue", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: this.arn });
  }
}
