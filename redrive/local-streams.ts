// With --local, the records live in the in-memory DynamoDB Local of a running `npm run local`. Each
// stream is looked for in every running session (several may run side by side); a stream no session
// holds belonged to one that has ended, and its records are gone with it.

import { DescribeStreamCommand, DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { localClientConfig } from "../emulation/emulator";
import type { LocalSession } from "../emulation/session-file";
import { readImagesWhole } from "../emulation/whole-images";

export class LocalStreams {
  private readonly clients: DynamoDBStreamsClient[];
  private readonly found = new Map<string, DynamoDBStreamsClient | { unreachable: string }>();

  constructor(sessions: readonly LocalSession[]) {
    this.clients = sessions.map((s) => readImagesWhole(new DynamoDBStreamsClient(localClientConfig(s.endpoint))));
  }

  async forStream(streamArn: string): Promise<DynamoDBStreamsClient | { unreachable: string }> {
    let answer = this.found.get(streamArn);
    if (answer) return answer;
    answer = {
      unreachable:
        "its stream is in no running local session (DynamoDB Local keeps streams in memory: the session that parked it has ended)",
    };
    for (const client of this.clients) {
      try {
        await client.send(new DescribeStreamCommand({ StreamArn: streamArn }));
        answer = client;
        break;
      } catch {
        // not this session's stream, or the session is stopping
      }
    }
    this.found.set(streamArn, answer);
    return answer;
  }

  close(): void {
    for (const client of this.clients) client.destroy();
  }
}
