// The AWS CLI lines `npm run local` prints: every table gets a put, an update and a delete that work
// as pasted, each key attribute written in its declared type.
import type { LocalTable } from "../../emulation/synthesized-stacks";
import { tryItLines } from "../../local/try-it";

const table = (name: string, attributes: LocalTable["attributes"], rangeKey?: string): LocalTable => ({
  stack: name,
  address: `aws_dynamodb_table.${name}`,
  name,
  hashKey: attributes[0].name,
  rangeKey,
  attributes,
  streamViewType: "NEW_AND_OLD_IMAGES",
});

const TABLES = [
  table(
    "books-dev",
    [
      { name: "author", type: "S" },
      { name: "bookTitle", type: "S" },
    ],
    "bookTitle",
  ),
  table(
    "orders-dev",
    [
      { name: "customerId", type: "N" },
      { name: "note", type: "S" },
    ],
    "note",
  ),
  table("blobs-dev", [{ name: "digest", type: "B" }]),
];
const lines = tryItLines(TABLES, "http://127.0.0.1:8000", "us-east-1");

describe("the Try-it lines", () => {
  test("set the local credentials and region once, first", () => {
    expect(lines[0]).toBe("export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1");
    expect(lines.filter((l) => l.startsWith("export "))).toHaveLength(1);
  });

  test.each(TABLES.map((t) => t.name))("put, update and delete an item of %s", (name) => {
    const verbs = lines.filter((l) => l.includes(`--table-name ${name} `)).map((l) => l.split(" ")[2]);
    expect(verbs).toEqual(["put-item", "update-item", "delete-item"]);
  });

  test("write each key attribute in its declared type", () => {
    expect(lines).toContain(
      `aws dynamodb delete-item --endpoint-url http://127.0.0.1:8000 --table-name orders-dev --key '{"customerId":{"N":"1"},"note":{"S":"note-1"}}'`,
    );
    expect(lines).toContain(
      `aws dynamodb delete-item --endpoint-url http://127.0.0.1:8000 --table-name blobs-dev --key '{"digest":{"B":"AQID"}}'`,
    );
  });

  test("write a non-key attribute whose name no key uses", () => {
    const put = lines.find((l) => l.includes("put-item") && l.includes("orders-dev"))!;
    expect(put).toContain('"note_":{"S":"hello"}');
  });

  test("are none when there is no table", () => {
    expect(tryItLines([], "http://127.0.0.1:8000", "us-east-1")).toEqual([]);
  });
});
