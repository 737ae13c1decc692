// Region names checked against the AWS SDK's own partition data, so `us-east-99` is caught at synth
// rather than by Terraform's provider at plan time. `partition()` returns the region's description
// only for regions the SDK lists; for anything else it falls back to a pattern match.
import { partition } from "@aws-sdk/core/client";

export function isKnownRegion(region: string): boolean {
  // The *-global pseudo regions are endpoint aliases, not places to put a table.
  return !region.endsWith("-global") && "description" in partition(region);
}

/** The partition a region belongs to, as ARNs spell it: aws, aws-cn, aws-us-gov, ... */
export function regionPartition(region: string): string {
  return partition(region).name;
}

// The console's host in each partition; a partition not listed gets no console link.
const CONSOLE_HOSTS: Readonly<Record<string, string>> = {
  aws: "console.aws.amazon.com",
  "aws-cn": "console.amazonaws.cn",
  "aws-us-gov": "console.amazonaws-us-gov.com",
};

/** The AWS console's address of a CloudWatch dashboard; undefined where the partition has no known console. */
export function dashboardUrl(region: string, name: string): string | undefined {
  const host = CONSOLE_HOSTS[regionPartition(region)];
  return host && `https://${region}.${host}/cloudwatch/home?region=${region}#dashboards/dashboard/${name}`;
}

/**
 * The ARN prefix a resource of `service` in `region` has (`arn:aws:sns:eu-west-1:`), when `arn` names
 * another partition or region; undefined when it is in place. Many references (alarm actions, event
 * sources) work within one region only, and AWS refuses the others only at apply.
 */
export function arnElsewhere(arn: string, service: string, region: string): string | undefined {
  const [, arnPartition, arnService, arnRegion] = arn.split(":");
  const wanted = regionPartition(region);
  return arnPartition === wanted && arnService === service && arnRegion === region
    ? undefined
    : `arn:${wanted}:${service}:${region}:`;
}
