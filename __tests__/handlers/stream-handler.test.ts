import { handler } from "../../handlers/stream-handler";
import { STREAM_VIEW_TYPES } from "../../settings/trigger-settings";
import { captureLogs } from "../support/log-capture";
import { DAN_BROWN, lambdaContext, streamEvent, streamRecord, VOLUME_1, walkthrough } from "../support/records";

/** The per-record lines, and the batch's closing line apart. */
async function invoke(records: ReturnType<typeof walkthrough>) {
  const { result, lines } = await captureLogs(() => handler(streamEvent(records), lambdaContext()));
  return { result, lines: lines.filter((l) => l.message !== "batch processed"), all: lines };
}

describe("the stream-handler Lambda", () => {
  test("ends each batch with one line of its records, failures and duration", async () => {
    const { all } = await invoke(walkthrough());
    expect(all.at(-1)).toMatchObject({ level: "INFO", message: "batch processed", records: 3, failed: 0 });
    expect(all.at(-1)?.durationMs).toEqual(expect.any(Number));
    expect(all.filter((l) => l.message === "batch processed")).toHaveLength(1);
  });

  test("logs the seed's walkthrough as one JSON line per record: INSERT, MODIFY, REMOVE in order", async () => {
    const { lines } = await invoke(walkthrough());
    expect(lines.map((l) => [l.level, l.message, l.eventName])).toEqual([
      ["INFO", "item insert", "INSERT"],
      ["INFO", "item modify", "MODIFY"],
      ["INFO", "item remove", "REMOVE"],
    ]);
  });

  test("logs keys and the unmarshalled new and old images", async () => {
    const { lines } = await invoke(walkthrough());
    expect(lines[0]).toMatchObject({ keys: DAN_BROWN, newImage: DAN_BROWN });
    expect(lines[1]).toMatchObject({ keys: DAN_BROWN, newImage: VOLUME_1, oldImage: DAN_BROWN });
    expect(lines[2]).toMatchObject({ keys: DAN_BROWN, oldImage: VOLUME_1 });
    expect(lines[0].oldImage).toBeUndefined();
    expect(lines[2].newImage).toBeUndefined();
  });

  test.each(STREAM_VIEW_TYPES)("with %s logs only the images the view type carries", async (viewType) => {
    const { lines } = await invoke(walkthrough(viewType));
    const images = lines.map((l) => ["newImage", "oldImage"].filter((k) => k in l));
    const expected = {
      KEYS_ONLY: [[], [], []],
      NEW_IMAGE: [["newImage"], ["newImage"], []],
      OLD_IMAGE: [[], ["oldImage"], ["oldImage"]],
      NEW_AND_OLD_IMAGES: [["newImage"], ["newImage", "oldImage"], ["oldImage"]],
    }[viewType];
    expect(images).toEqual(expected);
    for (const line of lines) expect(line.keys).toEqual(DAN_BROWN);
  });

  test("puts the request id, function name and record sequence number on every line", async () => {
    const records = walkthrough();
    const { lines } = await invoke(records);
    lines.forEach((line, i) => {
      expect(line).toMatchObject({
        function_request_id: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
        function_name: "books-dev-stream-handler",
        sequenceNumber: records[i].dynamodb!.SequenceNumber,
      });
      expect(typeof line.cold_start).toBe("boolean");
    });
  });

  test("logs string sets as lists", async () => {
    const tagged = { ...DAN_BROWN, tags: new Set(["thriller", "mystery"]) };
    const { lines } = await invoke([streamRecord({ eventName: "INSERT", keys: DAN_BROWN, after: tagged })]);
    expect(lines[0].newImage.tags).toEqual(["thriller", "mystery"]);
  });

  test("logs a TTL deletion as an expiry", async () => {
    const { lines } = await invoke([
      streamRecord({ eventName: "REMOVE", keys: DAN_BROWN, before: DAN_BROWN, ttl: true }),
    ]);
    expect(lines[0]).toMatchObject({ message: "item expired by TTL", eventName: "REMOVE", expiredByTtl: true });
  });

  test("answers an all-good batch with an empty failure list", async () => {
    const { result } = await invoke(walkthrough());
    expect(result).toEqual({ batchItemFailures: [] });
  });

  test.each([
    ["null", null],
    ["without Records", {}],
  ])("answers an event that is %s with a failure of the whole batch, never a rejection", async (_, event) => {
    const { result } = await captureLogs(() => handler(event as never, lambdaContext()));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: "" }] });
  });
});
