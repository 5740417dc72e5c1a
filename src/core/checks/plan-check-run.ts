import type { CheckRunOp, CheckRunReport } from '../ops/model.js';

export const CHECK_NAME = 'roadmap-sync';

/** GitHub's limits on a check run's output. */
const MAX_SUMMARY = 65_535;
const MAX_TITLE = 255;

/** The op that completes the `roadmap-sync` check run of a commit, within GitHub's limits. */
export function planCheckRun(report: CheckRunReport, existingId: number | null): CheckRunOp {
  return {
    kind: 'write-check-run',
    name: CHECK_NAME,
    existingId,
    headSha: report.headSha,
    conclusion: report.conclusion,
    title: report.title.slice(0, MAX_TITLE),
    summary: report.summary.length > MAX_SUMMARY ? `${report.summary.slice(0, MAX_SUMMARY - 2)}\n…` : report.summary,
  };
}
