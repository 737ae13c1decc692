// The deployed function, mocked by aws-sdk-client-mock for the AWS path of redrive: each Invoke answers
// as Lambda does for a synchronous call, and is noted in the test's call log.
import { InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import type { AwsClientStub } from "aws-sdk-client-mock";

/** Every Invoke returns `response` (the handler's answer, or its error with `functionError` set). */
export function answerInvokes(
  lambda: AwsClientStub<LambdaClient>,
  calls: string[],
  response: unknown,
  functionError?: string,
) {
  return lambda.on(InvokeCommand).callsFake(async () => {
    calls.push("Invoke");
    return {
      StatusCode: 200,
      FunctionError: functionError,
      Payload: new TextEncoder().encode(JSON.stringify(response)),
    };
  });
}

/** The first Invoke's input, and the event it carried, parsed. */
export function firstInvoke(lambda: AwsClientStub<LambdaClient>) {
  const [invoke] = lambda.commandCalls(InvokeCommand);
  const input = invoke.args[0].input;
  return { input, event: JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array)) };
}
