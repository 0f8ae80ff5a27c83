import { readFileSync } from 'node:fs';

/** What the Action needs from the workflow event. */
export interface PullRequestInfo {
  baseSha: string;
  headSha?: string;
  number?: number;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** The pull request of this run, or undefined when the event is not a pull request. */
export function pullRequestOf(env: NodeJS.ProcessEnv): PullRequestInfo | undefined {
  if (!PR_EVENTS.has(env.GITHUB_EVENT_NAME ?? '') || !env.GITHUB_EVENT_PATH) return undefined;
  const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
    number?: number;
    pull_request?: { number?: number; base?: { sha?: string }; head?: { sha?: string } };
  };
  const baseSha = event.pull_request?.base?.sha;
  if (!baseSha) return undefined;
  return { baseSha, headSha: event.pull_request?.head?.sha, number: event.pull_request?.number ?? event.number };
}
