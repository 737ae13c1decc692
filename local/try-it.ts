// The AWS CLI commands `npm run local` suggests for writing to the local tables: put, update and
// delete, with each key in its table's own type, so a copy-paste works as printed.
import type { LocalTable } from "../emulation/synthesized-stacks";

const EXAMPLE_VALUES: Record<LocalTable["attributes"][number]["type"], (name: string) => unknown> = {
  S: (name) => ({ S: `${name}-1` }),
  N: () => ({ N: "1" }),
  B: () => ({ B: "AQID" }), // base64, as the AWS CLI takes binary values
};

/** The item's key in DynamoDB JSON, each key attribute with a value of its declared type. */
export function exampleKey(table: LocalTable): Record<string, unknown> {
  const key: Record<string, unknown> = {};
  for (const name of [table.hashKey, table.rangeKey]) {
    if (!name) continue;
    const type = table.attributes.find((a) => a.name === name)?.type ?? "S";
    key[name] = EXAMPLE_VALUES[type](name);
  }
  return key;
}

/** A non-key attribute to write, named so it cannot clash with a key. */
function noteName(table: LocalTable): string {
  let name = "note";
  while (name === table.hashKey || name === table.rangeKey) name += "_";
  return name;
}

const quote = (value: unknown) => `'${JSON.stringify(value)}'`;

/** Shell lines: the credentials once, then put, update and delete on each table, its keys in their types. */
export function tryItLines(tables: readonly LocalTable[], endpoint: string, region: string): string[] {
  if (tables.length === 0) return [];
  const aws = (verb: string, table: LocalTable) =>
    `aws dynamodb ${verb} --endpoint-url ${endpoint} --table-name ${table.name}`;
  return [
    `export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=${region}`,
    ...tables.flatMap((table) => {
      const key = exampleKey(table);
      const note = noteName(table);
      return [
        `${aws("put-item", table)} --item ${quote({ ...key, [note]: { S: "hello" } })}`,
        `${aws("update-item", table)} --key ${quote(key)} --update-expression 'SET ${note} = :v' --expression-attribute-values ${quote({ ":v": { S: "changed" } })}`,
        `${aws("delete-item", table)} --key ${quote(key)}`,
      ];
    }),
  ];
}
