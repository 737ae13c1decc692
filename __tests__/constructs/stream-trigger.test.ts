import { TerraformStack, Testing } from "cdktf";
import { StreamTrigger } from "../../constructs/stream-trigger";
import type { TriggerSettings } from "../../settings/trigger-settings";

function build(props: Partial<TriggerSettings>) {
  const stack = new TerraformStack(Testing.app(), "my-stack");
  return () => new StreamTrigger(stack, "orders", { tableName: "orders", partitionKey: { name: "orderId" }, ...props });
}

describe("the StreamTrigger construct, used without the config layer", () => {
  test("takes settings completed with the defaults", () => {
    const trigger = build({})();
    expect(trigger.settings.batchSize).toBe(1);
    expect(trigger.settings.functionName).toBe("orders-stream-handler");
  });

  test("gets invalid settings rejected before it exists, naming where", () => {
    expect(build({ batchSize: 20000 })).toThrow(
      "Invalid configuration: my-stack/orders: batchSize is 20000; allowed: an integer from 1 to 10,000",
    );
  });

  test("gets nested settings named by their path", () => {
    expect(build({ partitionKey: { name: "" } })).toThrow('my-stack/orders: partitionKey.name is ""');
  });

  test("gets a misspelt setting rejected with the likely field", () => {
    expect(build({ batchsize: 5 } as Partial<TriggerSettings>)).toThrow(
      "my-stack/orders: batchsize is not a field of a trigger (did you mean batchSize?)",
    );
  });

  test("gets a handlerEntry that names no file rejected, as the config does", () => {
    expect(build({ handlerEntry: "handlers/nope.ts" })).toThrow(
      'my-stack/orders: handlerEntry is "handlers/nope.ts", which does not exist; allowed: a relative path',
    );
  });

  test("is not added to its scope when its settings are invalid", () => {
    const stack = new TerraformStack(Testing.app(), "my-stack");
    expect(() => new StreamTrigger(stack, "orders", { tableName: "orders" } as TriggerSettings)).toThrow(
      "partitionKey",
    );
    expect(stack.node.tryFindChild("orders")).toBeUndefined();
  });
});
