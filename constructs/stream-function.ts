// The Lambda function: the handler bundled by esbuild, zipped by the archive provider.
import { DataArchiveFile } from "@cdktf/provider-archive/lib/data-archive-file";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { AssetType, type ITerraformDependable, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { templateEnvironment } from "../settings/handler-environment";
import { terraformLiteral } from "../settings/terraform-literal";
import type { Architecture, LambdaRuntime, LogLevel, TracingMode } from "../settings/trigger-settings";
import type { FunctionRole } from "./function-role";
import { bundleHandler } from "./handler-bundle";

export interface StreamFunctionProps {
  /** Function name; 1–64 of A–Z a–z 0–9 _ - */
  readonly functionName: string;
  /** Handler entry relative to the project root, such as handlers/stream-handler.ts. */
  readonly handlerEntry: string;
  /** Execution role ARN. */
  readonly roleArn: string;
  /** The log group the function writes to; it must exist before the function runs. */
  readonly logGroup: { readonly name: string } & ITerraformDependable;
  /** Memory in MB; 128–10,240. */
  readonly memorySize: number;
  /** Timeout in seconds; 1–900. */
  readonly timeoutSeconds: number;
  /** Application log level. */
  readonly logLevel: LogLevel;
  /** Lambda runtime; the handler is bundled for its node version. */
  readonly runtime: LambdaRuntime;
  /** Variables the template sets beside its logger's (the idempotency table's name and TTL); default none. */
  readonly templateVariables?: Readonly<Record<string, string>>;
  /** The handler's own environment variables, beside the template's; default none. */
  readonly handlerEnvironment?: Readonly<Record<string, string>>;
  /** Concurrent executions reserved for the function; default none (the account's unreserved pool). */
  readonly reservedConcurrency?: number;
  /** X-Ray tracing mode; default none emitted (Lambda's PassThrough). */
  readonly tracing?: TracingMode;
  /**
   * Instruction set.
   * @default arm64
   */
  readonly architecture?: Architecture;
}

export class StreamFunction extends Construct {
  readonly function: LambdaFunction;
  readonly archive: DataArchiveFile;
  /** Size of the bundled handler in bytes. */
  readonly bundleBytes: number;

  private readonly tracing?: TracingMode;

  constructor(scope: Construct, id: string, props: StreamFunctionProps) {
    super(scope, id);
    this.tracing = props.tracing;
    const bundle = bundleHandler(props.handlerEntry, undefined, props.runtime);
    this.bundleBytes = bundle.bytes;
    // Copied into the stack folder under a content hash, so the archive's path is relative and stable.
    const asset = new TerraformAsset(this, "bundle", {
      path: bundle.file,
      type: AssetType.FILE,
      assetHash: bundle.contentHash,
    });
    this.archive = new DataArchiveFile(this, "archive", {
      type: "zip",
      sourceFile: `\${path.module}/${asset.path}`,
      outputPath: `\${path.module}/dist/${props.functionName}.zip`,
      // The zip stores the file mode; fixing it keeps the hash independent of the umask.
      outputFileMode: "0644",
    });
    this.function = new LambdaFunction(this, "function", {
      functionName: props.functionName,
      role: props.roleArn,
      runtime: props.runtime,
      architectures: [props.architecture ?? "arm64"],
      handler: "index.handler",
      filename: this.archive.outputPath,
      sourceCodeHash: this.archive.outputBase64Sha256,
      memorySize: props.memorySize,
      timeout: props.timeoutSeconds,
      reservedConcurrentExecutions: props.reservedConcurrency,
      tracingConfig: props.tracing ? { mode: props.tracing } : undefined,
      environment: {
        // The template's names are refused in handlerEnvironment (settings/handler-environment.ts).
        variables: {
          ...templateEnvironment(props.functionName, props.logLevel),
          ...props.templateVariables,
          ...mapValues(props.handlerEnvironment ?? {}, terraformLiteral),
        },
      },
      loggingConfig: {
        logFormat: "JSON",
        logGroup: props.logGroup.name,
        applicationLogLevel: props.logLevel,
        systemLogLevel: "WARN",
      },
      // Without this, an invocation before the group exists would make Lambda create an unmanaged one.
      dependsOn: [props.logGroup],
    });
  }

  /**
   * With Active tracing, lets the function send its segments to X-Ray (AWS's AWSXRayDaemonWriteAccess
   * minus the sampling-rule reads, which Lambda does for it); nothing without.
   */
  grantTracing(role: FunctionRole): void {
    if (this.tracing !== "Active") return;
    role.addStatement({
      Sid: "WriteTraces",
      Effect: "Allow",
      Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
      // X-Ray's write actions take no resource ARN.
      Resource: "*",
    });
  }
}

const mapValues = (values: Readonly<Record<string, string>>, f: (value: string) => string) =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, f(value)]));
