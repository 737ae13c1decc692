// GetRecords' images with every attribute, whatever its name. The SDK's deserializer (@smithy/core 3.41)
// meets a map key named `__proto__` by defining the property as undefined before it reads the value,
// so an attribute or map key of that name reaches the runner (and redrive's replay) as undefined: the
// record delivered, logged and saved without it. Where the response holds such a key, the images are
// read again from the response's own JSON, where JSON.parse keeps the key as an ordinary property.
import type { AttributeValue, DynamoDBStreamsClient, _Record as SdkRecord } from "@aws-sdk/client-dynamodb-streams";

type RawValue = Record<string, unknown>;
type RawImage = Record<string, RawValue>;
interface RawRecord {
  readonly dynamodb?: { SequenceNumber?: string; Keys?: RawImage; NewImage?: RawImage; OldImage?: RawImage };
}

const IMAGES = ["Keys", "NewImage", "OldImage"] as const;
const RAW = Symbol("GetRecords response records");

const bytes = (base64: unknown) => new Uint8Array(Buffer.from(String(base64), "base64"));

/** A raw JSON attribute value as the SDK gives it: binary as bytes, maps built with own properties. */
function sdkValue(raw: RawValue): AttributeValue {
  if (raw.B !== undefined) return { B: bytes(raw.B) };
  if (raw.BS !== undefined) return { BS: (raw.BS as unknown[]).map(bytes) };
  if (raw.M !== undefined) return { M: sdkImage(raw.M as RawImage) };
  if (raw.L !== undefined) return { L: (raw.L as RawValue[]).map(sdkValue) };
  return raw as unknown as AttributeValue;
}

// Object.fromEntries defines each key as an own property, `__proto__` included.
const sdkImage = (raw: RawImage): Record<string, AttributeValue> =>
  Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, sdkValue(value)]));

/** Replaces the deserialized images of `records` with those of `raw`, record by record. */
export function restoreImages(records: readonly SdkRecord[], raw: readonly RawRecord[]): void {
  records.forEach((record, i) => {
    const source = raw[i]?.dynamodb;
    const target = record.dynamodb;
    if (!source || !target || source.SequenceNumber !== target.SequenceNumber) return;
    for (const image of IMAGES) {
      const value = source[image];
      if (value !== undefined) target[image] = sdkImage(value);
    }
  });
}

/** Makes `client`'s GetRecords hand on images holding every attribute, `__proto__` included. */
export function readImagesWhole(client: DynamoDBStreamsClient): DynamoDBStreamsClient {
  // Inside the deserializer: keeps the response's text, and gives the deserializer the same bytes.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const response = result.response as { body?: unknown };
      if (context.commandName !== "GetRecordsCommand" || response.body === undefined) return result;
      const body = await collect(response.body);
      response.body = body;
      const text = Buffer.from(body).toString("utf8");
      if (text.includes('"__proto__"')) (context as Record<symbol, unknown>)[RAW] = JSON.parse(text).Records;
      return result;
    },
    { step: "deserialize", priority: "low", name: "keepGetRecordsText" },
  );
  // Around the deserializer: its output's images replaced where the text held a `__proto__` key.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const raw = (context as Record<symbol, unknown>)[RAW] as RawRecord[] | undefined;
      const records = (result.output as { Records?: SdkRecord[] }).Records;
      if (raw && records) restoreImages(records, raw);
      return result;
    },
    { step: "deserialize", priority: "high", name: "restoreGetRecordsImages" },
  );
  return client;
}

async function collect(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
