import { CLI_SYNC_ENV_NAMES, parseEnv, type EnvSource } from '../core/config/env.js';
import { createRestClient } from '../shell/create-rest-client.js';
import { errorMessage, errorStatus, type Logger } from '../shell/client.js';
import { BlobCache } from '../shell/fetch-repo-files.js';
import { pacingFromEnv, WriteQueue } from '../shell/write-queue.js';
import { converge } from '../shell/converge.js';
import { renderPlanText, renderResultLine } from '../core/sync/render-plan.js';
import { UsageError } from './read-local-roadmap.js';

export interface SyncOptions {
  repo: string | null;
  dryRun: boolean;
  json: boolean;
  confirmBulk: boolean;
  env: EnvSource;
}

export async function runSync(options: SyncOptions, out: NodeJS.WritableStream, errOut: NodeJS.WritableStream = process.stderr): Promise<number> {
  const env = parseEnv(options.env, CLI_SYNC_ENV_NAMES);
  const token = env.GITHUB_TOKEN ?? env.GH_TOKEN;
  if (!token) throw new UsageError('GITHUB_TOKEN is not set (a token with issues and contents access to the repository)');
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(options.repo ?? '');
  if (!match) throw new UsageError('--repo OWNER/NAME is required (for example --repo octo-org/octo-repo)');
  const repo = { owner: match[1] as string, repo: match[2] as string };
  const err = (line: string): void => {
    errOut.write(`${line}\n`);
  };
  const log: Logger = {
    info: () => {},
    debug: () => {},
    warn: (obj, msg) => err(`warning: ${msg ?? (typeof obj === 'string' ? obj : JSON.stringify(obj))}`),
    error: (obj, msg) => err(`error: ${msg ?? (typeof obj === 'string' ? obj : JSON.stringify(obj))}`),
  };
  const waits = { waits: [] as number[] };
  const github = createRestClient({ token, baseUrl: env.GITHUB_API_URL, log, waits });
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
    // GitHub (or the network) failed after the retries: not a usage problem, so exit 1.
    err(`roadmap-sync: GitHub request failed: ${`${status ?? ''} ${errorMessage(error)}`.trim()}`);
    return 1;
  }

  switch (outcome.status) {
    case 'config-error':
      throw new UsageError(outcome.error.message);
    case 'no-roadmap':
      throw new UsageError(`${repo.owner}/${repo.repo}: no roadmap files on ${outcome.files.ref} (set "files" in .github/roadmap-sync.yml)`);
    case 'blocked':
    case 'dry-run':
    case 'applied': {
      const { plan } = outcome;
      const result = outcome.result ? { ...outcome.result, rateLimitWaits: waits.waits } : null;
      if (options.json) {
        const json = {
          status: outcome.status,
          repo: `${repo.owner}/${repo.repo}`,
          plan: { ops: plan.ops, unchanged: plan.unchanged, notes: plan.notes, blocked: plan.blocked, checkboxDrift: plan.checkboxDrift },
          result,
          durationMs: outcome.durationMs,
        };
        out.write(`${JSON.stringify(json, null, 2)}\n`);
      } else if (result) {
        out.write(`Done in ${(outcome.durationMs / 1000).toFixed(1)} s: ${renderResultLine(result)}\n`);
      }
      if (outcome.status === 'blocked') err(`roadmap-sync: ${plan.blocked ?? 'stopped'}`);
      for (const e of result?.errors ?? []) err(`failed: ${e.op}: ${e.message}`);
      return outcome.status === 'blocked' || (result?.errors.length ?? 0) > 0 ? 1 : 0;
    }
  }
}
