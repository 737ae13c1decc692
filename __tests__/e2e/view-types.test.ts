import { STREAM_VIEW_TYPES } from "../../settings/trigger-settings";
import { DAN_BROWN } from "../support/records";
import { booksTrigger, LocalTrigger } from "./support/local-trigger";

const VOLUME_1 = { ...DAN_BROWN, subTitle: "Volume-1" };

// AWS's table of which images each view type carries (shared/reference/stream-semantics.md).
const EXPECTED = {
  KEYS_ONLY: [{}, {}, {}],
  NEW_IMAGE: [{ newImage: DAN_BROWN }, { newImage: VOLUME_1 }, {}],
  OLD_IMAGE: [{}, { oldImage: DAN_BROWN }, { oldImage: VOLUME_1 }],
  NEW_AND_OLD_IMAGES: [{ newImage: DAN_BROWN }, { newImage: VOLUME_1, oldImage: DAN_BROWN }, { oldImage: VOLUME_1 }],
};

describe.each(STREAM_VIEW_TYPES)("a table streaming %s", (viewType) => {
  let local: LocalTrigger;

  beforeAll(async () => {
    local = await new LocalTrigger(booksTrigger("view", { streamViewType: viewType })).start();
    await local.put(DAN_BROWN);
    await local.update(DAN_BROWN, { subTitle: "Volume-1" });
    await local.delete(DAN_BROWN);
    await local.waitFor("three changes", () => local.changeLines.length >= 3);
  });

  afterAll(() => local.stop());

  test("gives the handler exactly the images AWS's table lists", () => {
    const images = local.changeLines.map((l) => ({
      ...(l.newImage && { newImage: l.newImage }),
      ...(l.oldImage && { oldImage: l.oldImage }),
    }));
    expect(images).toEqual(EXPECTED[viewType]);
  });

  test("gives the handler the keys of every change", () => {
    expect(local.changeLines.map((l) => l.keys)).toEqual([DAN_BROWN, DAN_BROWN, DAN_BROWN]);
  });

  test("sends records that say their view type", () => {
    for (const { records } of local.invocations) expect(records[0].dynamodb!.StreamViewType).toBe(viewType);
  });
});
