import type { ConfigError } from '../core/config/config.js';
import type { GitHubClient, Logger, RepoRef } from '../shell/client.js';
import type { WriteQueue } from '../shell/write-queue.js';
import { writeCheckRun } from '../shell/write-check-run.js';

/**
 * A bad `.github/roadmap-sync.yml` is reported where its author looks: a failing `roadmap-sync`
 * check run on the commit, naming the file and each problem. Nothing else is written.
 */
export async function reportConfigError(
  github: GitHubClient,
  repo: RepoRef,
  queue: WriteQueue,
  log: Logger,
  headSha: string,
  error: ConfigError,
): Promise<void> {
  log.warn({ repo: `${repo.owner}/${repo.repo}`, sha: headSha, problems: error.problems }, `roadmap-sync: invalid config: ${error.message}`);
  await writeCheckRun(github, repo, queue, {
    headSha,
    conclusion: 'failure',
    title: `Invalid ${error.source}`,
    summary: [
      `roadmap-sync did not run: \`${error.source}\` has ${error.problems.length === 1 ? 'a problem' : `${error.problems.length} problems`}.`,
      '',
      ...error.problems.map((p) => `- \`${error.source}\` ${p}`),
      '',
      'Nothing was changed. Fix the file and push again; the options are described in the JSON Schema `schema/roadmap-sync.schema.json`.',
    ].join('\n'),
  });
}
