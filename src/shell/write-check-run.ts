import { errorStatus, type GitHubClient, type RepoRef } from './client.js';
import type { WriteQueue } from './write-queue.js';

export const CHECK_NAME = 'roadmap-sync';

/** GitHub's limit on a check run's output summary. */
const MAX_SUMMARY = 65_535;

export interface CheckRunReport {
  headSha: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
}

/**
 * Completes the `roadmap-sync` check run of a commit: updates ours when the commit has one (a
 * redelivered webhook or a re-push of the same sha), else creates it. Returns its id.
 */
export async function writeCheckRun(github: GitHubClient, repo: RepoRef, queue: WriteQueue, report: CheckRunReport): Promise<number> {
  const output = {
    title: report.title.slice(0, 255),
    summary: report.summary.length > MAX_SUMMARY ? `${report.summary.slice(0, MAX_SUMMARY - 2)}\n…` : report.summary,
  };
  const fields = { status: 'completed' as const, conclusion: report.conclusion, completed_at: new Date().toISOString(), output };
  const { data } = await github.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
    ...repo,
    ref: report.headSha,
    check_name: CHECK_NAME,
    filter: 'latest',
    per_page: 10,
  });
  const existing = data.check_runs.find((run) => run.name === CHECK_NAME && run.head_sha === report.headSha);
  if (existing) {
    try {
      await queue.write(() => github.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', { ...repo, check_run_id: existing.id, ...fields }));
      return Number(existing.id);
    } catch (error) {
      // Another app's check run of the same name: ours is created beside it.
      if (errorStatus(error) !== 403 && errorStatus(error) !== 404) throw error;
    }
  }
  const created = await queue.write(() =>
    github.request('POST /repos/{owner}/{repo}/check-runs', { ...repo, name: CHECK_NAME, head_sha: report.headSha, ...fields }),
  );
  return Number(created.data.id);
}
