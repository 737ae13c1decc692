// Where parked batches come from: the stack's SQS queue or S3 bucket on AWS, or the local runner's folder
// for either. A source hands out one message (or object) at a time, claimed so that no other redrive
// replays it meanwhile.

export interface ClaimedOnFailureMessage {
  /** The SQS message id, the object key, or the file name. */
  readonly id: string;
  readonly body: string;
}

export interface FailureSource {
  /** Where the messages are, for the user: the queue URL, the bucket, or the folder. */
  readonly where: string;
  /** What one parked batch is called there: a queue's message or a bucket's object. */
  readonly noun: "message" | "object";
  /** The next message, claimed; undefined when none is left. */
  next(): Promise<ClaimedOnFailureMessage | undefined>;
  /** Deletes the message: every record it points to was accepted. */
  remove(message: ClaimedOnFailureMessage): Promise<void>;
  /** Gives up the claim; the message stays for a later run. */
  keep(message: ClaimedOnFailureMessage): Promise<void>;
  /** Messages skipped because another redrive holds them. */
  readonly busy: readonly string[];
  /** Messages that are there but cannot be read (a folder named like one, a link that loops), each as
   * "<id>: <why>"; the local folders only. */
  readonly unreadable?: readonly string[];
  /** Ends the run: kept messages become available again. */
  close(): Promise<void>;
}
