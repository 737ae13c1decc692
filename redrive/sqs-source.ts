// The failure queue on AWS. Each message is received alone with a visibility timeout that covers its
// replay (the function's timeout plus a margin) and extended while the replay runs, so no other
// redrive (nor a second receive by this one) sees it meanwhile. Kept messages are made visible again
// when the run ends; a message is deleted only after every record it points to was accepted.

import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { ClaimedOnFailureMessage, FailureSource } from "./failure-source";

export interface SqsSourceOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
  /** How long a received message stays hidden: the replay's longest duration plus a margin. */
  readonly visibilitySeconds: number;
  /** How long a receive waits for a message (long polling, so an empty answer means an empty queue). */
  readonly waitSeconds?: number;
}

interface SqsClaim extends ClaimedOnFailureMessage {
  readonly receiptHandle: string;
}

export class SqsFailureSource implements FailureSource {
  readonly noun = "message";
  readonly busy: string[] = [];
  private readonly handled = new Set<string>();
  private readonly kept: SqsClaim[] = [];
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly options: SqsSourceOptions) {}

  get where(): string {
    return this.options.queueUrl;
  }

  async next(): Promise<ClaimedOnFailureMessage | undefined> {
    const out = await this.options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.options.queueUrl,
        MaxNumberOfMessages: 1,
        VisibilityTimeout: this.options.visibilitySeconds,
        WaitTimeSeconds: this.options.waitSeconds ?? 1,
      }),
    );
    const message = out.Messages?.[0];
    if (!message?.MessageId || !message.ReceiptHandle) return undefined;
    const claim: SqsClaim = { id: message.MessageId, body: message.Body ?? "", receiptHandle: message.ReceiptHandle };
    // Seen already: a kept message came back because this run outlasted its visibility. Stop here
    // rather than go round again; it is released with the others.
    if (this.handled.has(claim.id)) {
      this.kept.push(claim);
      return undefined;
    }
    this.handled.add(claim.id);
    this.holdWhileReplaying(claim);
    return claim;
  }

  async remove(message: ClaimedOnFailureMessage): Promise<void> {
    this.stopHolding();
    await this.options.client.send(
      new DeleteMessageCommand({ QueueUrl: this.options.queueUrl, ReceiptHandle: (message as SqsClaim).receiptHandle }),
    );
  }

  async keep(message: ClaimedOnFailureMessage): Promise<void> {
    this.stopHolding();
    this.kept.push(message as SqsClaim);
  }

  async close(): Promise<void> {
    this.stopHolding();
    for (const claim of this.kept.splice(0)) await this.setVisibility(claim, 0);
  }

  /** Extends the hiding at half its length for as long as the replay runs. */
  private holdWhileReplaying(claim: SqsClaim): void {
    this.stopHolding();
    const every = (this.options.visibilitySeconds * 1000) / 2;
    // A failed extension is not fatal: the message stays hidden for the rest of its current timeout.
    const extend = () => this.setVisibility(claim, this.options.visibilitySeconds).catch(() => undefined);
    this.heartbeat = setInterval(extend, every);
    this.heartbeat.unref();
  }

  private stopHolding(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private setVisibility(claim: SqsClaim, seconds: number) {
    return this.options.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.options.queueUrl,
        ReceiptHandle: claim.receiptHandle,
        VisibilityTimeout: seconds,
      }),
    );
  }
}
