// Reads what `cdktf synth` wrote: the tables, functions and mappings of every stack, straight from
// cdk.tf.json, so what runs locally is what deploys. Nothing here imports the constructs.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { STACK_INDEX_FILE, type StackIndexEntry } from "../settings/stack-index";
import { fromTerraformLiteral } from "../settings/terraform-literal";
import { localBucketName } from "./failure-bucket-folder";

// biome-ignore lint/suspicious/noExplicitAny: cdk.tf.json is read as Terraform writes it, untyped.
type Block = Record<string, any>;

export interface LocalTable {
  readonly stack: string;
  readonly address: string;
  readonly name: string;
  readonly hashKey: string;
  readonly rangeKey?: string;
  readonly attributes: readonly { name: string; type: "S" | "N" | "B" }[];
  readonly streamViewType: string;
  /** The environment the stack deploys to (its Environment tag); undefined in a stack without one. */
  readonly environment?: string;
  /** Whether the table refuses DeleteTable (deletion_protection_enabled). */
  readonly deletionProtection?: boolean;
  /** A table the stack only reads (tableSource "existing"): locally, a stand-in when DynamoDB Local lacks it. */
  readonly existing?: boolean;
  /** Its indexes, TTL and billing as Terraform would create them; absent when the table has none. */
  readonly globalSecondaryIndexes?: readonly LocalIndex[];
  readonly localSecondaryIndexes?: readonly LocalIndex[];
  readonly ttlAttribute?: string;
  readonly billingMode?: string;
  readonly readCapacity?: number;
  readonly writeCapacity?: number;
}

export interface LocalIndex {
  readonly name: string;
  readonly hashKey?: string;
  readonly rangeKey?: string;
  readonly projectionType: string;
  readonly nonKeyAttributes?: readonly string[];
  readonly readCapacity?: number;
  readonly writeCapacity?: number;
}

const indexOf = (i: Block): LocalIndex => ({
  name: i.name,
  hashKey: i.hash_key,
  rangeKey: i.range_key,
  projectionType: i.projection_type,
  nonKeyAttributes: i.non_key_attributes,
  readCapacity: i.read_capacity,
  writeCapacity: i.write_capacity,
});

/** The shape fields of a synthesized aws_dynamodb_table, as LocalTable holds them. */
export function tableShapeOf(t: Block): Partial<LocalTable> {
  return {
    ...(t.global_secondary_index ? { globalSecondaryIndexes: t.global_secondary_index.map(indexOf) } : {}),
    ...(t.local_secondary_index ? { localSecondaryIndexes: t.local_secondary_index.map(indexOf) } : {}),
    ...(t.ttl?.enabled ? { ttlAttribute: t.ttl.attribute_name } : {}),
    ...(t.billing_mode ? { billingMode: t.billing_mode } : {}),
    ...(t.read_capacity !== undefined ? { readCapacity: t.read_capacity, writeCapacity: t.write_capacity } : {}),
  };
}

export interface LocalFunction {
  readonly name: string;
  /** Absolute path of the bundled file the archive zips. */
  readonly file: string;
  /** The exported handler, from `index.handler`. */
  readonly exportName: string;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly region: string;
  /** The TypeScript entry it is bundled from (from the synth's stack index); undefined without one. */
  readonly handlerEntry?: string;
}

export interface LocalMapping {
  readonly stack: string;
  readonly table: LocalTable;
  readonly function: LocalFunction;
  readonly batchSize: number;
  readonly batchingWindowSeconds: number;
  readonly startingPosition: "LATEST" | "TRIM_HORIZON";
  readonly enabled: boolean;
  readonly filterPatterns: readonly string[];
  readonly reportBatchItemFailures: boolean;
  readonly bisectOnError: boolean;
  /** -1: until the record expires. */
  readonly maximumRetryAttempts: number;
  /** -1: until the record expires. */
  readonly maximumRecordAgeSeconds: number;
  /** Seconds of a tumbling window; 0: none. */
  readonly tumblingWindowSeconds: number;
  /** The on-failure queue's name, if any. */
  readonly failureQueue?: string;
  /** The on-failure bucket's name, if any, with the local account ID standing for the deployed one. */
  readonly failureBucket?: string;
}

/** A table without a stream the stacks hold beside the triggers' (a trigger's idempotency records). */
export interface LocalPlainTable {
  readonly name: string;
  readonly hashKey: string;
  readonly attributes: readonly { name: string; type: "S" | "N" | "B" }[];
}

export interface SynthesizedApp {
  readonly tables: readonly LocalTable[];
  readonly plainTables: readonly LocalPlainTable[];
  readonly mappings: readonly LocalMapping[];
  /** The stacks' environments in config order (the synth's manifest lists stacks in that order). */
  readonly environments: readonly string[];
}

/** `${aws_dynamodb_table.x.stream_arn}` → ["aws_dynamodb_table", "x", "stream_arn"]. */
function parseReference(value: unknown, where: string): [string, string, string] {
  const match =
    typeof value === "string" ? /^\$\{(?:data\.)?([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/.exec(value) : null;
  if (!match)
    throw new Error(`${where}: expected a reference such as \${aws_x.name.attr}, found ${JSON.stringify(value)}`);
  return [match[1], match[2], match[3]];
}

/**
 * The stack folders of the latest synth into `outdir`: those its manifest.json lists. A folder left by an
 * earlier synth with more stacks is not in the manifest, and is never run.
 */
function stackDirs(outdir: string): string[] {
  const manifest = path.join(outdir, "manifest.json");
  if (existsSync(manifest)) {
    const stacks: Record<string, { synthesizedStackPath: string }> =
      JSON.parse(readFileSync(manifest, "utf8")).stacks ?? {};
    return Object.values(stacks)
      .map((stack) => path.join(outdir, path.dirname(stack.synthesizedStackPath)))
      .sort();
  }
  const stacks = path.join(outdir, "stacks");
  if (!existsSync(stacks)) throw new Error(`no synthesized stacks in ${stacks}: run npx cdktf synth first`);
  return readdirSync(stacks)
    .filter((name) => existsSync(path.join(stacks, name, "cdk.tf.json")))
    .sort()
    .map((name) => path.join(stacks, name));
}

function readStack(
  dir: string,
  index?: StackIndexEntry,
): { tables: LocalTable[]; plainTables: LocalPlainTable[]; mappings: LocalMapping[] } {
  const stack = path.basename(dir);
  const json = JSON.parse(readFileSync(path.join(dir, "cdk.tf.json"), "utf8"));
  const resources: Record<string, Record<string, Block>> = json.resource ?? {};
  const data: Record<string, Record<string, Block>> = json.data ?? {};
  const region: string = json.provider?.aws?.[0]?.region ?? "us-east-1";
  const environment: string | undefined =
    index?.environment ?? json.provider?.aws?.[0]?.default_tags?.[0]?.tags?.Environment;
  const lookup = (kind: Record<string, Record<string, Block>>, type: string, name: string, where: string): Block => {
    const block = kind[type]?.[name];
    if (!block) throw new Error(`${stack}: ${where} refers to ${type}.${name}, which the stack does not hold`);
    return block;
  };

  const tables = new Map<string, LocalTable>();
  const plainTables: LocalPlainTable[] = [];
  const localTable = (address: string, t: Block): LocalTable => ({
    stack,
    address,
    name: t.name,
    hashKey: t.hash_key,
    rangeKey: t.range_key,
    attributes: t.attribute,
    streamViewType: t.stream_view_type,
    ...tableShapeOf(t),
    ...(environment !== undefined && { environment }),
    deletionProtection: t.deletion_protection_enabled ?? false,
  });
  for (const [name, t] of Object.entries(resources.aws_dynamodb_table ?? {})) {
    if (t.stream_enabled) tables.set(name, localTable(`aws_dynamodb_table.${name}`, t));
    else plainTables.push({ name: t.name, hashKey: t.hash_key, attributes: t.attribute });
  }
  // A table the stack only reads (tableSource "existing"): locally, a stand-in made from its model.
  const model: Block | undefined = json.locals?.existing_table_model;
  const existing = model ? { ...localTable("local.existing_table_model", model), existing: true } : undefined;

  const functionOf = (reference: unknown, where: string): LocalFunction => {
    const [, fnName] = parseReference(reference, where);
    const fn = lookup(resources, "aws_lambda_function", fnName, where);
    const [, archiveName] = parseReference(fn.filename, `${where} function filename`);
    const archive = lookup(data, "archive_file", archiveName, `${where} function filename`);
    const source = String(archive.source_file).replace("${path.module}", dir);
    const [file, exportName] = String(fn.handler).split(".");
    return {
      name: fn.function_name,
      file: file === "index" ? source : path.join(path.dirname(source), `${file}.js`),
      exportName,
      timeoutSeconds: fn.timeout ?? 3,
      memorySize: fn.memory_size ?? 128,
      environment: resolveNames(fn.environment?.variables ?? {}, resources),
      region,
      ...(index && { handlerEntry: index.handlerEntry }),
    };
  };

  const failureDestination = (arn: unknown, where: string): Pick<LocalMapping, "failureQueue" | "failureBucket"> => {
    if (arn === undefined) return {};
    const [type, name] = parseReference(arn, where);
    if (type === "aws_s3_bucket")
      return { failureBucket: localBucketName(lookup(resources, type, name, where).bucket, where) };
    return { failureQueue: lookup(resources, "aws_sqs_queue", name, where).name };
  };

  const mappings: LocalMapping[] = [];
  for (const [name, m] of Object.entries(resources.aws_lambda_event_source_mapping ?? {})) {
    const where = `aws_lambda_event_source_mapping.${name}`;
    // A stream given by ARN (another account's) or read by a data source belongs to the existing table.
    const source = String(m.event_source_arn);
    const tableName = source.startsWith("arn:") ? "" : parseReference(source, `${where} event_source_arn`)[1];
    const table = source.startsWith("arn:") || source.startsWith("${data.") ? existing : tables.get(tableName);
    if (!table) throw new Error(`${stack}: ${where} reads ${source}, which has no stream the stack models`);
    const destination = m.destination_config?.on_failure?.destination_arn;
    mappings.push({
      stack,
      table,
      function: functionOf(m.function_name, `${where} function_name`),
      batchSize: m.batch_size ?? 100,
      batchingWindowSeconds: m.maximum_batching_window_in_seconds ?? 0,
      startingPosition: m.starting_position,
      enabled: m.enabled ?? true,
      filterPatterns: (m.filter_criteria?.filter ?? []).map((f: Block) => fromTerraformLiteral(f.pattern as string)),
      reportBatchItemFailures: (m.function_response_types ?? []).includes("ReportBatchItemFailures"),
      bisectOnError: m.bisect_batch_on_function_error ?? false,
      maximumRetryAttempts: m.maximum_retry_attempts ?? -1,
      maximumRecordAgeSeconds: m.maximum_record_age_in_seconds ?? -1,
      tumblingWindowSeconds: m.tumbling_window_in_seconds ?? 0,
      ...failureDestination(destination, `${where} destination`),
    });
  }
  return { tables: [...tables.values(), ...(existing ? [existing] : [])], plainTables, mappings };
}

/**
 * A variable that refers to another resource's name (the idempotency table's) gets the name the stack
 * gives it, as Terraform would; any other value is read as Terraform hands it over (terraform-literal.ts).
 */
function resolveNames(
  variables: Record<string, string>,
  resources: Record<string, Record<string, Block>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => {
      const match = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.name\}$/.exec(value);
      const named = match ? resources[match[1]]?.[match[2]]?.name : undefined;
      return [name, typeof named === "string" ? named : fromTerraformLiteral(value)];
    }),
  );
}

/** Every stack under `outdir` (a cdktf.out folder). */
export function readSynthesizedApp(outdir: string): SynthesizedApp {
  const indexFile = path.join(outdir, STACK_INDEX_FILE);
  const index: StackIndexEntry[] = existsSync(indexFile) ? JSON.parse(readFileSync(indexFile, "utf8")) : [];
  const stacks = stackDirs(outdir).map((dir) =>
    readStack(
      dir,
      index.find((entry) => entry.stack === path.basename(dir)),
    ),
  );
  const tables = stacks.flatMap((s) => s.tables);
  // Config order when the synth wrote its index; by stack name otherwise.
  const named = [...index.map((entry) => entry.environment), ...tables.map((t) => t.environment ?? "")];
  return {
    tables,
    plainTables: stacks.flatMap((s) => s.plainTables),
    mappings: stacks.flatMap((s) => s.mappings),
    environments: [...new Set(named)].filter((env) => tables.some((t) => t.environment === env)),
  };
}
