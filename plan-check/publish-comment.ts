// The plan comment posted on the pull request, or the one posted before updated in place: a pull request
// holds one, found by the marker it begins with. Called from the workflow's actions/github-script step,
// with the Octokit client and context that step provides.

import { MARKER } from "./pull-request-comment";

/** The part of actions/github-script's `github` (Octokit) used here. */
export interface IssueComments {
  paginate(route: unknown, parameters: object): Promise<readonly { id: number; body?: string | null }[]>;
  rest: {
    issues: {
      listComments: unknown;
      updateComment(parameters: { owner: string; repo: string; comment_id: number; body: string }): Promise<unknown>;
      createComment(parameters: { owner: string; repo: string; issue_number: number; body: string }): Promise<unknown>;
    };
  };
}

export interface PullRequest {
  readonly repo: { readonly owner: string; readonly repo: string };
  readonly issue: { readonly number: number };
}

export async function publishComment(github: IssueComments, context: PullRequest, body: string): Promise<void> {
  const { owner, repo } = context.repo;
  const issue_number = context.issue.number;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number });
  const existing = comments.find((c) => c.body?.startsWith(MARKER));
  if (existing) await github.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
  else await github.rest.issues.createComment({ owner, repo, issue_number, body });
}
