import { buildApp } from "../../constructs/app";
import { cdktfMakeUniqueId, makeUniqueId } from "../../constructs/unique-ids";
import { sampleEnvironments } from "../fixtures/sample-environments";
import { tempDir } from "../support/stack";

describe("element names", () => {
  test.each([
    [["trigger", "function", "function"]],
    [["table"]],
    [["a-very-long-construct-id-that-does-not-fit-in-the-human-part".repeat(4)]],
    [["trigger", "Default", "x"]],
    [["a/b", "c"]],
    [["a", "b/c"]],
  ])("of %j are cdktf's, asked once or twice", (components) => {
    expect(makeUniqueId(components)).toBe(cdktfMakeUniqueId(components));
    expect(makeUniqueId([...components])).toBe(cdktfMakeUniqueId(components));
  });

  test("of every element of every sample stack are cdktf's", () => {
    const app = buildApp(sampleEnvironments, { outdir: tempDir("unique-ids-") });
    const stacks = app.node.children;
    expect(stacks.length).toBeGreaterThan(1);
    for (const stack of stacks) {
      for (const element of stack.node.findAll()) {
        const scopes = element.node.scopes;
        const components = scopes.slice(scopes.indexOf(stack) + 1).map((c) => c.node.id);
        if (components.length === 0) continue;
        expect((stack as unknown as { getLogicalId(e: unknown): string }).getLogicalId(element.node)).toBe(
          cdktfMakeUniqueId(components),
        );
      }
    }
  });

  test("of an empty path fail as cdktf's do", () => {
    expect(() => makeUniqueId([])).toThrow(/.+/);
    expect(() => makeUniqueId([])).toThrow(
      (() => {
        try {
          cdktfMakeUniqueId([]);
        } catch (error) {
          return (error as Error).message;
        }
        return "no error";
      })(),
    );
  });
});
