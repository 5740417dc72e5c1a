import { createRestClient } from '../github/create-rest-client.js';
import { errorMessage, errorStatus, type Logger } from '../github/client.js';
import { BlobCache } from '../github/fetch-repo-files.js';
import { pacingFromEnv, WriteQueue } from '../github/write-queue.js';
import { converge } from '../sync/converge.js';
import { renderPlanText, renderResultLine } from '../sync/render-plan.js';
import { UsageError } from './read-local-roadmap.js';

export interface SyncOptions {
  repo: string | null;
  dryRun: boolean;
  json: boolean;
  confirmBulk: boolean;
  env: NodeJS.ProcessEnv;
}

export async function runSync(options: SyncOptions, out: NodeJS.WritableStream): Promise<number> {
  const token = options.env.GITHUB_TOKEN ?? options.env.GH_TOKEN;
  if (!token) throw new UsageError('GITHUB_TOKEN is not set (a token with issues and contents access to the repository)');
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(options.repo ?? '');
  if (!match) throw new UsageError('--repo OWNER/NAME is required (for example --repo octo-org/octo-repo)');
  const repo = { owner: match[1] as string, repo: match[2] as string };
  const err = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const log: Logger = {
    info: () => {},
    debug: () => {},
    warn: (obj, msg) => err(`warning: ${msg ?? (typeof obj === 'string' ? obj : JSON.stringify(obj))}`),
    error: (obj, msg) => err(`error: ${msg ?? (typeof obj === 'string' ? obj : JSON.stringify(obj))}`),
  };
  const waits = { waits: [] as number[] };
  const github = createRestClient({ token, baseUrl: options.env.GITHUB_API_URL, log, waits });
  const queue = new WriteQueue(pacingFromEnv(options.env));

  let outcome;
  try {
    outcome = await converge({
      github,
      repo,
      queue,
      log,
      blobs: new BlobCache(),
      dryRun: options.dryRun,
      confirmBulk: options.confirmBulk,
      onPlan: (plan) => {
        if (!options.json) out.write(`${renderPlanText(plan)}\n`);
      },
      onProgress: (done, total) => {
        if (!options.json && (done === total || done % 10 === 0)) {
          err(`progress: ${done}/${total} changes${waits.waits.length ? `, ${waits.waits.length} rate-limit waits` : ''}`);
        }
      },
    });
  } catch (error) {
    const status = errorStatus(error);
    if (status === 404) throw new UsageError(`${repo.owner}/${repo.repo}: repository not found, or the token cannot see it`);
    if (status === 401) throw new UsageError('GitHub rejected the token (401 Bad credentials)');
    throw new UsageError(`GitHub request failed: ${status ?? ''} ${errorMessage(error)}`.trim());
  }

  switch (outcome.status) {
    case 'config-error':
      throw new UsageError(outcome.error.message);
    case 'no-roadmap':
      throw new UsageError(`${repo.owner}/${repo.repo}: no roadmap files on ${outcome.files.ref} (set "files" in .github/roadmap-sync.yml)`);
    case 'blocked':
      if (options.json) out.write(`${JSON.stringify({ status: outcome.status, blocked: outcome.plan.blocked, plan: outcome.plan.ops }, null, 2)}\n`);
      return 1;
    case 'dry-run':
      if (options.json) out.write(`${JSON.stringify({ status: outcome.status, plan: outcome.plan.ops, notes: outcome.plan.notes }, null, 2)}\n`);
      return 0;
    case 'applied': {
      const result = { ...outcome.result!, rateLimitWaits: waits.waits };
      if (options.json) out.write(`${JSON.stringify({ status: outcome.status, result, durationMs: outcome.durationMs }, null, 2)}\n`);
      else out.write(`Done in ${(outcome.durationMs / 1000).toFixed(1)} s: ${renderResultLine(result)}\n`);
      for (const e of result.errors) err(`failed: ${e.op}: ${e.message}`);
      return result.errors.length > 0 ? 1 : 0;
    }
  }
}
