// Stream records as GetRecords returns them (through the SDK) → as Lambda delivers them in an event.
import type { AttributeValue, _Record as SdkRecord } from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord, AttributeValue as LambdaAttributeValue } from "aws-lambda";

type Image = Record<string, AttributeValue>;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

// The SDK turns binary values into bytes; Lambda's JSON event carries them as base64 text.
function toLambdaValue(value: AttributeValue): LambdaAttributeValue {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: toLambdaImage(value.M)! } as LambdaAttributeValue;
  if (value.L !== undefined) return { L: value.L.map(toLambdaValue) };
  return value as LambdaAttributeValue;
}

function toLambdaImage(image: Image | undefined): Record<string, LambdaAttributeValue> | undefined {
  if (image === undefined) return undefined;
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, toLambdaValue(v)]));
}

/** Adds what Lambda adds (eventSourceARN, the function's region) and uses Lambda's JSON shapes. */
export function toLambdaRecord(record: SdkRecord, streamArn: string, region: string): DynamoDBRecord {
  const d = record.dynamodb!;
  const created = d.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord["eventName"],
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: region,
    eventSourceARN: streamArn,
    ...(record.userIdentity && {
      userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId },
    }),
    dynamodb: {
      ...(created && { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) }),
      Keys: toLambdaImage(d.Keys),
      ...(d.NewImage && { NewImage: toLambdaImage(d.NewImage) }),
      ...(d.OldImage && { OldImage: toLambdaImage(d.OldImage) }),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType as NonNullable<DynamoDBRecord["dynamodb"]>["StreamViewType"],
    },
  };
}
