/**
 * The texts of the `roadmap-sync` check runs: where a commit's or a pull request's author looks.
 */
import type { ConfigError } from '../config/config.js';
import { CONFIG_PATH } from '../config/config.js';
import type { CheckRunReport } from '../ops/model.js';
import type { Plan } from '../sync/model.js';
import { countPlan, renderPlanMarkdown } from '../sync/render-plan.js';

/** A bad config: a failing check run naming the file and each problem. Nothing else is written. */
export function renderConfigErrorReport(headSha: string, error: ConfigError): CheckRunReport {
  return {
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
  };
}

/** What the plan could not decide, on the pushed commit: neutral, so it shows without blocking. */
export function renderWarningsReport(headSha: string, warnings: readonly string[]): CheckRunReport {
  return {
    headSha,
    conclusion: 'neutral',
    title: `Synced with ${warnings.length === 1 ? 'a warning' : `${warnings.length} warnings`}`,
    summary: ['roadmap-sync applied the roadmap, except for what these need a person to decide:', '', ...warnings.map((w) => `- ${w}`)].join('\n'),
  };
}

export function renderNoRoadmapReport(headSha: string): CheckRunReport {
  return {
    headSha,
    conclusion: 'neutral',
    title: 'No roadmap files',
    summary: `No file at this commit matches the roadmap globs (\`files\` in \`${CONFIG_PATH}\`), so merging changes no issue.`,
  };
}

/** The changes a plan would make, not counting labels (they carry no information for a reviewer). */
export function countPreviewChanges(plan: Plan): number {
  return plan.ops.filter((op) => op.kind !== 'create-label').length;
}

/** The pull-request preview: what merging would do to the issues. */
export function renderPreviewReport(headSha: string, plan: Plan): CheckRunReport {
  const counts = countPlan(plan);
  const changes = countPreviewChanges(plan);
  const warned = plan.notes.some((n) => n.level === 'warning');
  return {
    headSha,
    // Neutral: the author should look before merging (GitHub shows it without blocking).
    conclusion: plan.blocked || warned ? 'neutral' : 'success',
    title: plan.blocked
      ? 'Merging would stop: too many issues closed or retitled'
      : changes === 0
        ? 'No issue changes on merge'
        : `On merge: ${counts.createIssues} to create, ${counts.updateIssues} to update, ${counts.removals} removed`,
    summary: ['Preview of what roadmap-sync will do to the issues when this pull request is merged (nothing is changed before).', '', renderPlanMarkdown(plan)].join('\n'),
  };
}
