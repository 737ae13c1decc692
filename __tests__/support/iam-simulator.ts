// Evaluates an identity policy for one request with an IAM policy simulator, as AWS would decide it.
import { runSimulation } from "@cloud-copilot/iam-simulate";

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";
export const STREAM = (table: string) =>
  `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table}/stream/2026-11-24T00:00:00.000`;
export const QUEUE = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;
export const FUNCTION = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
export const LOG_GROUP = (name: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}`;
export const BUCKET = (name: string) => `arn:aws:s3:::${name}`;

export interface Request {
  readonly action: string;
  readonly resource: string;
  /** Who asks; an ARN. */
  readonly principal: string;
  /** The account that owns the resource; default ACCOUNT. */
  readonly resourceAccount?: string;
  /** The resource's own policy (a bucket policy, say); default none. */
  readonly resourcePolicy?: unknown;
  /** More of the request's condition keys (`s3:prefix` of a listing, say); default none. */
  readonly context?: Record<string, string>;
}

/** "Allowed", "ImplicitlyDenied" or "ExplicitlyDenied"; an error's text if the simulator cannot decide. */
export async function decide(policy: unknown, request: Request): Promise<string> {
  const resourceAccount = request.resourceAccount ?? ACCOUNT;
  const response = await runSimulation(
    {
      identityPolicies: [{ name: "policy", policy: JSON.parse(JSON.stringify(policy)) }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: request.resourcePolicy,
      request: {
        action: request.action,
        principal: request.principal,
        resource: { accountId: resourceAccount, resource: request.resource },
        contextVariables: {
          "s3:ResourceAccount": resourceAccount,
          "aws:PrincipalAccount": ACCOUNT,
          ...request.context,
        },
      },
    },
    {},
  );
  if (response.resultType === "error") return `error: ${JSON.stringify(response.errors)}`;
  return response.overallResult;
}
