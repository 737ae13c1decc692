// One Terraform stack: the providers, the state backend and one stream trigger, with its outputs.
import { ArchiveProvider } from "@cdktf/provider-archive/lib/provider";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { type S3BackendSettings, stateKey } from "../settings/backend-settings";
import type { ResolvedEnvironment, ResolvedTrigger } from "../settings/config";
import { localStatePath } from "../settings/local-state";
import { redriveOperatorPolicy } from "../settings/operator-policy";
import type { FailureQueue } from "./failure-queue";
import { StreamTrigger } from "./stream-trigger";

export interface TriggerStackProps {
  readonly environment: ResolvedEnvironment;
  readonly trigger: ResolvedTrigger;
  /** Shared S3 state; default local state. */
  readonly backend?: S3BackendSettings;
}

export class TriggerStack extends TerraformStack {
  readonly trigger: StreamTrigger;

  // cdktf resolves every element once before the synth proper, only to find references to other stacks
  // and add the outputs and remote state they would need. A trigger's stack never refers to another (each
  // is planned and applied alone: __tests__/config/environments.test.ts holds it), and it always declares
  // its backend, so that pass would find nothing; at 150 stacks it is a sixth of the synth.
  override prepareStack(): void {}

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

    const outputs: Record<string, string> = {
      table_name: this.trigger.table.table.name,
      stream_arn: this.trigger.table.streamArn,
      function_name: this.trigger.function.function.functionName,
      log_group_name: this.trigger.logGroup.name,
      mapping_uuid: this.trigger.mapping.uuid,
    };
    // Where redrive and people find parked records: a queue's URL, or a bucket's name.
    if (this.trigger.failureQueue) outputs.failure_queue_url = this.trigger.failureQueue.queue.url;
    if (this.trigger.failureBucket) outputs.failure_bucket_name = this.trigger.failureBucket.name;
    // What the person or role running `npm run redrive` needs, and nothing more: attach it to them.
    outputs.redrive_policy = JSON.stringify(
      redriveOperatorPolicy({
        ...(this.trigger.failureBucket
          ? { bucketArn: this.trigger.failureBucket.arn }
          : { queueArn: (this.trigger.failureQueue as FailureQueue).arn }),
        streamArn: this.trigger.table.streamArn,
        functionArn: this.trigger.function.function.arn,
      }),
    );
    for (const [name, value] of Object.entries(outputs)) {
      new TerraformOutput(this, name, { value }).overrideLogicalId(name);
    }
  }
}
