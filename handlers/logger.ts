// The Powertools Logger every handler shares. Service name and level come from the function's
// environment (POWERTOOLS_SERVICE_NAME, POWERTOOLS_LOG_LEVEL), set by the stack.
import { Logger } from "@aws-lambda-powertools/logger";

// Sets (DynamoDB's SS, NS and BS) would otherwise serialize as {}.
function jsonReplacer(_key: string, value: unknown): unknown {
  return value instanceof Set ? [...value] : value;
}

export function createLogger(): Logger {
  return new Logger({ jsonReplacerFn: jsonReplacer });
}
