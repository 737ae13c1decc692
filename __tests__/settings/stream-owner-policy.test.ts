import { STREAM_POLICY_ACTIONS, streamOwnerPolicy } from "../../settings/stream-owner-policy";

const STREAM = "arn:aws:dynamodb:eu-west-1:444455556666:table/Orders/stream/2026-01-20T10:00:00.000";
const ROLE = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

describe("the policy a stream's owner attaches for this stack", () => {
  test("lets the one role read the one stream, with the three actions a stream policy grants", () => {
    expect(streamOwnerPolicy(STREAM, [ROLE("orders-dev-stream-handler")]).Statement).toEqual([
      {
        Sid: "ReadStreamFromTriggerRole",
        Effect: "Allow",
        Principal: { AWS: ROLE("orders-dev-stream-handler") },
        Action: [...STREAM_POLICY_ACTIONS],
        Resource: STREAM,
      },
    ]);
  });

  test("names every consumer's role when the trigger has several", () => {
    const roles = [ROLE("orders-dev-stream-handler"), ROLE("orders-dev-audit")];
    expect(streamOwnerPolicy(STREAM, roles).Statement[0].Principal).toEqual({ AWS: roles });
  });

  test("grants nothing that acts on the account rather than the stream", () => {
    expect(STREAM_POLICY_ACTIONS).not.toContain("dynamodb:ListStreams");
  });
});
