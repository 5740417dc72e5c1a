import { errorMessage, errorStatus } from '../shell/client.js';
import { createRestClient } from '../shell/create-rest-client.js';
import { BlobCache } from '../shell/fetch-repo-files.js';
import { pacingFromEnv, WriteQueue } from '../shell/write-queue.js';
import { appendFileSync } from 'node:fs';
import type { ActionRuntime } from './action-runtime.js';
import { commitIssueCheckboxes } from './commit-issue-checkboxes.js';
import { convergeRepository } from './converge-repository.js';
import { createWorkflowLog, type WorkflowLog } from './create-workflow-log.js';
import { parseActionEvent } from './parse-action-event.js';
import { previewPullRequest } from './preview-pull-request.js';
import { ActionInputError, readActionContext, type ActionContext, type ActionEnv } from './read-action-context.js';

/**
 * The GitHub Action: the event of the run → converge, checkbox commit or preview, with the
 * workflow's token. Every failure ends as `::error::` lines and exit code 1.
 */
export async function runAction(env: ActionEnv, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const log = createWorkflowLog(out, { debug: env.RUNNER_DEBUG === '1' });
  let context: ActionContext | null = null;
  try {
    context = readActionContext(env);
    const event = parseActionEvent(context.eventName, context.payload);
    if (event.kind === 'ignored') {
      log.annotate('notice', `roadmap-sync: nothing to do for ${event.reason}`);
      return 0;
    }
    const rt = createRuntime(context, env, log);
    switch (event.kind) {
      case 'converge':
        return await convergeRepository(rt, event.reason, event.defaultBranch);
      case 'issue-state':
        return await commitIssueCheckboxes(rt, event.defaultBranch, [event.number]);
      case 'preview':
        return await previewPullRequest(rt, event);
    }
  } catch (error) {
    log.annotate('error', failureMessage(error, context), { title: 'roadmap-sync failed' });
    if (error instanceof Error && error.stack) log.debug(error.stack);
    return 1;
  }
}

function createRuntime(context: ActionContext, env: ActionEnv, log: WorkflowLog): ActionRuntime {
  const summaryPath = context.summaryPath;
  return {
    github: createRestClient({ token: context.token, baseUrl: context.apiUrl, log }),
    repo: context.repo,
    queue: new WriteQueue(pacingFromEnv(env)),
    log,
    blobs: new BlobCache(),
    dryRun: context.dryRun,
    confirmBulk: context.confirmBulk,
    htmlUrl: context.serverUrl,
    summary: (markdown) => {
      if (summaryPath !== null) appendFileSync(summaryPath, `${markdown}\n\n`);
    },
  };
}

const PERMISSIONS = 'permissions: contents: write, issues: write, pull-requests: write, checks: write';

function failureMessage(error: unknown, context: ActionContext | null): string {
  if (error instanceof ActionInputError) return error.message;
  const status = errorStatus(error);
  const name = context ? `${context.repo.owner}/${context.repo.repo}` : 'the repository';
  if (status === 401) return 'GitHub rejected the token (401 Bad credentials): check the `token` input';
  if (status === 403) return `GitHub refused a request (403: ${errorMessage(error)}); the workflow's token needs ${PERMISSIONS}`;
  if (status === 404) return `${name}: not found, or the token cannot see it (404: ${errorMessage(error)})`;
  return status === null ? errorMessage(error) : `GitHub request failed: ${status} ${errorMessage(error)}`;
}
