// Records read from a stream through the SDK keep every attribute, whatever its name: an attribute or
// map key named `__proto__` reaches the runner's handler, and redrive's replay and --out file, with its
// value (the SDK's own deserializer hands it on as undefined).

import { Readable } from "node:stream";
import { DynamoDBStreamsClient, GetRecordsCommand } from "@aws-sdk/client-dynamodb-streams";
import { toLambdaRecord } from "../../emulation/stream-records";
import { readImagesWhole } from "../../emulation/whole-images";
import { parseStreamRecord } from "../../handlers/stream-change";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const STREAM = "arn:aws:dynamodb:us-east-1:000000000000:table/books-dev/stream/2026-12-04T00:00:00.000";
const IMAGE =
  '{"__proto__":{"M":{"constructor":{"S":"x"},"__proto__":{"L":[{"M":{"__proto__":{"N":"1"}}}]}}},"b":{"B":"AQI="}}';
const body = (image: string, keys = '{"__proto__":{"S":"k"}}') =>
  `{"Records":[{"eventID":"1","eventName":"MODIFY","dynamodb":{"Keys":${keys},"NewImage":${image},"OldImage":${image},"SequenceNumber":"100","SizeBytes":1,"StreamViewType":"NEW_AND_OLD_IMAGES"}}]}`;

/** A real streams client whose HTTP answer is `text`, as DynamoDB Local or AWS would send it. */
function clientAnswering(text: string): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({
    region: "us-east-1",
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
    requestHandler: {
      handle: async () => ({
        response: {
          statusCode: 200,
          headers: { "content-type": "application/x-amz-json-1.0" },
          body: Readable.from([Buffer.from(text)]),
        },
      }),
    } as never,
  });
}

async function firstRecord(client: DynamoDBStreamsClient) {
  const out = await client.send(new GetRecordsCommand({ ShardIterator: "i" }));
  return out.Records![0];
}

const own = (object: unknown, key: string) => Object.getOwnPropertyDescriptor(object, key)?.value;

describe("GetRecords through a client that reads images whole", () => {
  test("gives attributes and map keys named __proto__ their values, at every depth, in every image", async () => {
    const { dynamodb } = await firstRecord(readImagesWhole(clientAnswering(body(IMAGE))));
    expect(own(dynamodb!.Keys, "__proto__")).toEqual({ S: "k" });
    for (const image of [dynamodb!.NewImage!, dynamodb!.OldImage!]) {
      const map = own(image, "__proto__").M;
      expect(Object.keys(map)).toEqual(["constructor", "__proto__"]);
      expect(own(own(map, "__proto__").L[0].M, "__proto__")).toEqual({ N: "1" });
      expect(image.b).toEqual({ B: new Uint8Array([1, 2]) });
    }
  });

  test("leaves records without such a key as the SDK reads them", async () => {
    const plain = '{"id":{"S":"a"},"b":{"B":"AQI="},"l":{"L":[{"M":{"constructor":{"N":"2"}}}]}}';
    const keys = '{"id":{"S":"a"}}';
    const whole = await firstRecord(readImagesWhole(clientAnswering(body(plain, keys))));
    const sdk = await firstRecord(clientAnswering(body(plain, keys)));
    expect(whole).toEqual(sdk);
  });

  test("hands the handler the record as the table holds it", async () => {
    const record = await firstRecord(readImagesWhole(clientAnswering(body(IMAGE))));
    const change = parseStreamRecord(toLambdaRecord(record, STREAM, "us-east-1"));
    expect(own(change.keys, "__proto__")).toBe("k");
    const map = own(change.newImage, "__proto__");
    expect(JSON.stringify(map)).toBe('{"constructor":"x","__proto__":[{"__proto__":1}]}');
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
  });
});
