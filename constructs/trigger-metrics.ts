// Every CloudWatch metric a trigger is watched by, defined once: the alarms (trigger-alarms.ts) and the
// dashboard (trigger-dashboard.ts) both take their namespace, name and dimensions from here, so a graph
// always shows what its alarm reads. Dimensions are the ones AWS documents for each metric:
// FunctionName for the function's, EventSourceMappingUUID for the mapping's (published only with
// mappingMetrics), QueueName for SQS, BucketName and StorageType for S3's daily object count.

export interface MetricSource {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface TriggerMetricProps {
  readonly functionName: string;
  readonly mappingUuid: string;
  /** With failureDestination "sqs". */
  readonly failureQueueName?: string;
  /** With failureDestination "s3". */
  readonly failureBucketName?: string;
}

export type TriggerMetrics = ReturnType<typeof triggerMetrics>;

export function triggerMetrics(p: TriggerMetricProps) {
  const fn = (metricName: string): MetricSource => ({
    namespace: "AWS/Lambda",
    metricName,
    dimensions: { FunctionName: p.functionName },
  });
  const mapping = (metricName: string): MetricSource => ({
    namespace: "AWS/Lambda",
    metricName,
    dimensions: { EventSourceMappingUUID: p.mappingUuid },
  });
  return {
    iteratorAge: fn("IteratorAge"),
    invocations: fn("Invocations"),
    errors: fn("Errors"),
    duration: fn("Duration"),
    concurrentExecutions: fn("ConcurrentExecutions"),
    /** Lambda counts a destination it could not write to here, even with the mapping's metrics off. */
    deliveryFailures: fn("DestinationDeliveryFailures"),
    polled: mapping("PolledEventCount"),
    filteredOut: mapping("FilteredOutEventCount"),
    dropped: mapping("DroppedEventCount"),
    failedInvoke: mapping("FailedInvokeEventCount"),
    /** S3 has no per-object event metric: the mapping counts what it delivered to the bucket. */
    deliveredToDestination: mapping("OnFailureDestinationDeliveredEventCount"),
    queueDepth:
      p.failureQueueName === undefined
        ? undefined
        : ({
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: { QueueName: p.failureQueueName },
          } satisfies MetricSource),
    /** Published once a day (S3 storage metrics). */
    bucketObjects:
      p.failureBucketName === undefined
        ? undefined
        : ({
            namespace: "AWS/S3",
            metricName: "NumberOfObjects",
            dimensions: { BucketName: p.failureBucketName, StorageType: "AllStorageTypes" },
          } satisfies MetricSource),
  };
}
