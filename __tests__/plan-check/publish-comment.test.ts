// Posting the plan comment through actions/github-script's Octokit client, here a recording stand-in.
import { type IssueComments, publishComment } from "../../plan-check/publish-comment";

const context = { repo: { owner: "acme", repo: "triggers" }, issue: { number: 7 } };

/** Publishes `body` where `existing` comments are; returns the calls made. */
async function publish(existing: { id: number; body: string }[], body = "<!-- cdktf-plan -->\nnew plan") {
  const calls: [string, any][] = [];
  const github: IssueComments = {
    paginate: async () => existing,
    rest: {
      issues: {
        listComments: () => undefined,
        updateComment: async (args) => calls.push(["update", args]),
        createComment: async (args) => calls.push(["create", args]),
      },
    },
  };
  await publishComment(github, context, body);
  return calls;
}

test("is one comment per pull request, updated in place", async () => {
  const first = await publish([]);
  expect(first.map(([kind]) => kind)).toEqual(["create"]);
  expect(first[0][1]).toEqual({
    owner: "acme",
    repo: "triggers",
    issue_number: 7,
    body: "<!-- cdktf-plan -->\nnew plan",
  });
  const again = await publish([
    { id: 41, body: "a reviewer's note" },
    { id: 42, body: "<!-- cdktf-plan -->\nolder plan" },
  ]);
  expect(again.map(([kind, args]) => [kind, args.comment_id])).toEqual([["update", 42]]);
});
