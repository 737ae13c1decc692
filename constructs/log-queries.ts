// Saved CloudWatch Logs Insights queries on a consumer's log group, in a folder named after its function:
// the tutorials' "view the logs" step as one click. Their fields are the ones the handler writes
// (handlers/record.ts, handlers/batch.ts, Powertools Logger's own); __tests__/constructs/log-queries.test.ts
// runs each query's fields against lines the bundled handler wrote.
import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import { Construct } from "constructs";
import { terraformLiteral } from "../settings/terraform-literal";
import type { KeyAttribute } from "../settings/trigger-settings";

export interface LogQuery {
  /** The construct's id. */
  readonly id: string;
  readonly title: string;
  readonly query: string;
}

/**
 * A field as Logs Insights names it: its dotted path, backquoted whole when a part is not a plain
 * identifier (AWS: a field with characters other than letters, digits, @ and . is surrounded by backticks).
 */
function field(path: string[]): string {
  const dotted = path.join(".");
  return path.every((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) ? dotted : `\`${dotted}\``;
}

/** The value to replace in the one-item query: a number for an N key, else a quoted text. */
const placeholder = (key: Required<KeyAttribute>) => (key.type === "N" ? "0" : JSON.stringify(`<${key.name}>`));

/** The saved queries of a consumer whose table has these keys. */
export function logQueries(keys: readonly Required<KeyAttribute>[]): LogQuery[] {
  const keyFields = keys.map((k) => field(["keys", k.name]));
  return [
    {
      id: "item-changes",
      title: "changes to one item, newest first, with new and old image",
      query: [
        `fields @timestamp, eventName, ${keyFields.join(", ")}, sequenceNumber, @message`,
        "| filter ispresent(eventName) and ispresent(sequenceNumber)",
        `| filter ${keys.map((k, i) => `${keyFields[i]} = ${placeholder(k)}`).join(" and ")}`,
        "| sort @timestamp desc",
        "| limit 100",
      ].join("\n"),
    },
    {
      id: "failed-records",
      title: "failed and malformed records",
      query: [
        "fields @timestamp, level, message, sequenceNumber, eventID, eventName, reason, error.name, error.message, failedSequenceNumber",
        '| filter level = "ERROR" or level = "WARN"',
        "| sort @timestamp desc",
        "| limit 100",
      ].join("\n"),
    },
    {
      id: "slowest-batches",
      title: "slowest batches",
      query: [
        "fields @timestamp, function_request_id, records, failed, durationMs",
        '| filter message = "batch processed"',
        "| sort durationMs desc",
        "| limit 50",
      ].join("\n"),
    },
  ];
}

export interface LogQueriesProps {
  /** The consumer's function, the queries' folder. */
  readonly functionName: string;
  /** The function's log group (a reference, so the group exists first). */
  readonly logGroupName: string;
  readonly partitionKey: Required<KeyAttribute>;
  readonly sortKey?: Required<KeyAttribute>;
}

export class LogQueries extends Construct {
  readonly queries: CloudwatchQueryDefinition[];

  constructor(scope: Construct, id: string, props: LogQueriesProps) {
    super(scope, id);
    const keys = props.sortKey ? [props.partitionKey, props.sortKey] : [props.partitionKey];
    this.queries = logQueries(keys).map(
      (q) =>
        new CloudwatchQueryDefinition(this, q.id, {
          // "/" files the queries in a folder of the console's saved queries.
          name: `${props.functionName}/${q.title}`,
          logGroupNames: [props.logGroupName],
          // A key's name is the user's text: Terraform must not read a ${ in it as its own.
          queryString: terraformLiteral(q.query),
        }),
    );
  }
}
