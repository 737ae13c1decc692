// Where a trigger's table comes from: made by this stack ("create"), one it only reads ("existing"), or
// one it takes over by a Terraform import ("adopt"). Settings only: imports nothing from cdktf.
import type { Checker } from "./checks";

export const TABLE_SOURCES = ["create", "existing", "adopt"] as const;
export type TableSource = (typeof TABLE_SOURCES)[number];

export interface TableSourceSettings {
  /**
   * Where the table comes from: "create" (a new table named `<tableName>-<environment>`), "existing" (a
   * table this stack reads and never manages, by its exact name) or "adopt" (an existing table this stack
   * imports by its exact name and manages from then on, never destroying it).
   * @default "create"
   */
  readonly tableSource?: TableSource;
  /**
   * The stream to read, for an "existing" table in another account (or one the stack cannot describe),
   * in the environment's region.
   * @default - the table's latest stream, read by a data source
   */
  readonly streamArn?: string;
}

export type TableSourceField = keyof TableSourceSettings;

/** arn:<partition>:dynamodb:<region>:<account>:table/<table>/stream/<label> */
export const STREAM_ARN_PATTERN =
  /^arn:(aws[a-z-]*):dynamodb:([a-z0-9-]+):(\d{12}):table\/([A-Za-z0-9_.-]{3,255})\/stream\/([0-9A-Za-z:.-]+)$/;
export const STREAM_ARN_ALLOWED =
  "a DynamoDB stream ARN, arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>";

export interface StreamArnParts {
  readonly region: string;
  readonly account: string;
  readonly table: string;
}

export function streamArnParts(arn: string): StreamArnParts | undefined {
  const match = STREAM_ARN_PATTERN.exec(arn);
  return match ? { region: match[2], account: match[3], table: match[4] } : undefined;
}

export const TABLE_SOURCE_CHECKS: { readonly [F in TableSourceField]-?: (c: Checker, f: string, v: unknown) => void } =
  {
    tableSource: (c, f, v) => c.oneOf(f, v, TABLE_SOURCES),
    streamArn: (c, f, v) => c.matches(f, v, STREAM_ARN_PATTERN, STREAM_ARN_ALLOWED),
  };

/** What only the whole trigger can tell: a stream ARN belongs to an existing table of this name and region. */
export function checkTableSource(
  check: Checker,
  s: { readonly tableSource?: unknown; readonly streamArn?: unknown; readonly tableName?: unknown },
  region: unknown,
): void {
  if (typeof s.streamArn !== "string") return;
  if (s.tableSource !== "existing") {
    check.fail(
      "streamArn",
      s.streamArn,
      'nothing unless tableSource is "existing" (this stack makes or adopts the table)',
    );
    return;
  }
  const parts = streamArnParts(s.streamArn);
  if (!parts) return;
  if (typeof s.tableName === "string" && parts.table !== s.tableName)
    check.fail("streamArn", s.streamArn, `the stream of table ${JSON.stringify(s.tableName)} (tableName)`);
  // Lambda reads streams of other accounts, never of other regions.
  if (typeof region === "string" && parts.region !== region)
    check.fail("streamArn", s.streamArn, `a stream in the environment's region, ${region}`);
}
