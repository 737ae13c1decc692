import { TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { buildApp } from "../../constructs/app";
import type { TriggerStack } from "../../constructs/trigger-stack";
import { devEnvironment, tempDir } from "../support/stack";

function stack(): TriggerStack {
  return buildApp([devEnvironment()], { outdir: tempDir("trigger-stack-") }).node.findChild(
    "books-dev",
  ) as TriggerStack;
}

/** What cdktf's own runAllValidations throws for the stack, or undefined. */
function cdktfValidation(s: TriggerStack): string | undefined {
  try {
    TerraformStack.prototype.runAllValidations.call(s);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe("a trigger's stack", () => {
  test("passes cdktf's validations as built", () => {
    const s = stack();
    expect(cdktfValidation(s)).toBeUndefined();
    expect(() => s.runAllValidations()).not.toThrow();
  });

  test("fails its validations with cdktf's message, every error in construct order", () => {
    const s = stack();
    s.node.addValidation({ validate: () => ["the stack is wrong"] });
    const deep = new Construct(s.trigger, "probe");
    deep.node.addValidation({ validate: () => ["first", "second"] });
    const expected = cdktfValidation(s);
    expect(expected).toContain("[books-dev/trigger/probe] second");
    expect(() => s.runAllValidations()).toThrow(expected);
  });
});
