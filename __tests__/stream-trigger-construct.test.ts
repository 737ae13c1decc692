import { TerraformStack, Testing } from "cdktf";
import { StreamTrigger } from "../lib/stream-trigger";

function build(props: Partial<ConstructorParameters<typeof StreamTrigger>[2]>) {
  const stack = new TerraformStack(Testing.app(), "my-stack");
  return () =>
    new StreamTrigger(stack, "orders", {
      tableName: "orders",
      partitionKey: { name: "orderId" },
      ...props,
    });
}

describe("the StreamTrigger construct", () => {
  test("can be used without the config layer, with defaults", () => {
    const trigger = build({})();
    expect(trigger.settings.batchSize).toBe(1);
    expect(trigger.settings.functionName).toBe("orders-stream-handler");
  });

  test("rejects invalid props at construction, naming its construct path", () => {
    expect(build({ batchSize: 20000 })).toThrow(
      "Invalid configuration: my-stack/orders: batchSize is 20000; allowed: an integer from 1 to 10,000",
    );
  });

  test("names nested props by their path under the construct", () => {
    expect(build({ partitionKey: { name: "" } })).toThrow('my-stack/orders: partitionKey.name is ""');
  });
});
