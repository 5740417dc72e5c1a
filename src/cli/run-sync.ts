import { createRestClient } from '../shell/create-rest-client.js';
import { errorMessage, errorStatus, type Logger } from '../shell/client.js';
import { BlobCache } from '../shell/fetch-repo-files.js';
import { pacingFromEnv, WriteQueue } from '../shell/write-queue.js';
import { converge } from '../shell/converge.js';
import { renderPlanText, renderResultLine } from '../core/sync/render-plan.js';
import { describeNetworkError } from '../shell/describe-network-error.js';
import { UsageError } from './read-local-roadmap.js';
import type { SyncSettings } from './read-sync-settings.js';

const DEFAULT_API_URL = 'https://api.github.com';

export interface SyncOptions extends SyncSettings {
  dryRun: boolean;
  json: boolean;
  confirmBulk: boolean;
}

export async function runSync(options: SyncOptions, out: NodeJS.WritableStream, errOut: NodeJS.WritableStream = process.stderr): Promise<number> {
  const { repo, token, apiUrl } = options;
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
  const github = createRestClient({ token, baseUrl: apiUrl, log, waits });
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
    const network = describeNetworkError(error, apiUrl ?? DEFAULT_API_URL);
    if (network) {
      // retry-requests.ts has put the same words, with the number of attempts, in the message.
      const message = errorMessage(error).startsWith(network.message) ? errorMessage(error) : network.message;
      err(`roadmap-sync: ${message}`);
      return network.kind === 'invalid-url' ? 2 : 1;
    }
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
