// One Terraform stack: the providers, the state backend and one stream trigger, with its outputs.
import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { dashboardUrl } from "../settings/aws-regions";
import { type S3BackendSettings, stateKey } from "../settings/backend-settings";
import type { ResolvedEnvironment, ResolvedTrigger } from "../settings/config";
import { localStatePath } from "../settings/local-state";
import { redriveOperatorPolicy } from "../settings/operator-policy";
import { dashboardName } from "../settings/physical-names";
import { streamOwnerPolicy } from "../settings/stream-owner-policy";
import type { FailureQueue } from "./failure-queue";
import { type StreamConsumer, StreamTrigger } from "./stream-trigger";
import { TriggerDashboard } from "./trigger-dashboard";

const { stackValidationFailure } = require("cdktf/lib/errors") as { stackValidationFailure: (list: string) => Error };

export interface TriggerStackProps {
  readonly environment: ResolvedEnvironment;
  readonly trigger: ResolvedTrigger;
  /** Shared S3 state; default local state. */
  readonly backend?: S3BackendSettings;
}

export class TriggerStack extends TerraformStack {
  readonly trigger: StreamTrigger;
  readonly dashboard: TriggerDashboard;

  // cdktf resolves every element once before the synth proper, only to find references to other stacks
  // and add the outputs and remote state they would need. A trigger's stack never refers to another (each
  // is planned and applied alone: __tests__/config/environments.test.ts holds it), and it always declares
  // its backend, so that pass would find nothing; at 150 stacks it is a sixth of the synth.
  override prepareStack(): void {}

  // cdktf gathers the errors of every construct's validations by copying the list gathered so far once
  // per construct; the same validations, their errors gathered in one list, in the same order and words.
  override runAllValidations(): void {
    const errors: string[] = [];
    for (const construct of this.node.findAll()) {
      for (const message of construct.node.validate()) errors.push(`[${construct.node.path}] ${message}`);
    }
    if (errors.length > 0) throw stackValidationFailure(errors.join("\n  "));
  }

  constructor(scope: Construct, id: string, props: TriggerStackProps) {
    super(scope, id);
    const { environment } = props;
    if (props.backend) {
      new S3Backend(this, {
        bucket: props.backend.bucket,
        key: stateKey(props.backend, environment.project, id),
        region: props.backend.region,
        encrypt: true,
        dynamodbTable: props.backend.lockTable,
      });
      // S3-native locking (Terraform 1.10+); cdktf 0.21's S3Backend has no property for it yet.
      this.addOverride("terraform.backend.s3.use_lockfile", true);
    } else {
      // In state/ beside the output folder, which a synth never removes; relative, so the synthesized
      // JSON does not depend on where the checkout lives.
      new LocalBackend(this, { path: localStatePath(id) });
    }
    new AwsProvider(this, "aws", {
      region: environment.region,
      defaultTags: [{ tags: { ...environment.tags } }],
    });
    new ArchiveProvider(this, "archive");

    this.trigger = new StreamTrigger(this, "trigger", props.trigger.props);
    const name = dashboardName(id);
    this.dashboard = new TriggerDashboard(this, "dashboard", {
      dashboardName: name,
      region: environment.region,
      sections: this.trigger.dashboardSections(),
    });

    const outputs: Record<string, string> = {
      table_name: this.trigger.table.name,
      stream_arn: this.trigger.table.streamArn,
    };
    // The first consumer's outputs keep their names; another consumer's are prefixed `<name>_`.
    for (const consumer of this.trigger.consumers) {
      Object.assign(
        outputs,
        consumerOutputs(consumer, this.trigger.table.streamArn, consumer.name ? `${consumer.name}_` : ""),
      );
    }
    const { streamArn } = this.trigger.settings;
    // A stream in another account: what its owner must attach to it before the mapping can read it.
    if (streamArn)
      outputs.stream_owner_policy = JSON.stringify(
        streamOwnerPolicy(
          streamArn,
          this.trigger.consumers.map((c) => c.role.arn),
        ),
      );
    // Added after the outputs above, so theirs keep their place in the JSON.
    outputs.dashboard_name = this.dashboard.name;
    const url = dashboardUrl(environment.region, name);
    if (url) outputs.dashboard_url = url;
    for (const [output, value] of Object.entries(outputs)) {
      new TerraformOutput(this, output, { value }).overrideLogicalId(output);
    }
  }
}

function consumerOutputs(consumer: StreamConsumer, streamArn: string, prefix: string): Record<string, string> {
  const outputs: Record<string, string> = {
    [`${prefix}function_name`]: consumer.function.function.functionName,
    [`${prefix}log_group_name`]: consumer.logGroup.name,
    [`${prefix}mapping_uuid`]: consumer.mapping.uuid,
  };
  // Where redrive and people find parked records: a queue's URL, or a bucket's name.
  if (consumer.failureQueue) outputs[`${prefix}failure_queue_url`] = consumer.failureQueue.queue.url;
  if (consumer.failureBucket) outputs[`${prefix}failure_bucket_name`] = consumer.failureBucket.name;
  // What the person or role running `npm run redrive` needs, and nothing more: attach it to them.
  outputs[`${prefix}redrive_policy`] = JSON.stringify(
    redriveOperatorPolicy({
      ...(consumer.failureBucket
        ? { bucketArn: consumer.failureBucket.arn }
        : { queueArn: (consumer.failureQueue as FailureQueue).arn }),
      streamArn,
      functionArn: consumer.function.function.arn,
    }),
  );
  return outputs;
}
