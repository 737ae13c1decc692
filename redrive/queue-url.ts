// The failure queue's URL on AWS, from the deployed stack's outputs (stack-output.ts): output
// failure_queue_url, or FAILURE_QUEUE_URL. It must name the queue the stack synthesizes.

import { findStackOutput, type StackOutputSources } from "./stack-output";

export const QUEUE_URL_OUTPUT = "failure_queue_url";

export interface QueueUrlSources extends StackOutputSources {
  readonly queueName: string;
}

export function findQueueUrl(sources: QueueUrlSources): { url: string; from: string } {
  const { value: url, from } = findStackOutput(sources, {
    output: `${sources.outputPrefix ?? ""}${QUEUE_URL_OUTPUT}`,
    envVar: "FAILURE_QUEUE_URL",
    what: "the failure queue's URL",
  });
  if (!url.endsWith(`/${sources.queueName}`))
    throw new Error(`${from}: queue URL ${url} is not the stack's failure queue ${sources.queueName}`);
  return { url, from };
}
