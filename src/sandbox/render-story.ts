/** The sandbox story as a newcomer reads it in a terminal: a heading per step, figures, a few examples. */
import { renderTable } from './render-table.js';
import type { CloseStep, InstallStep, IssueSample, MergeStep, PullRequestStep, RequestFigures, SandboxReport, SetupStep } from './sandbox-report.js';

const PREVIEW_ROWS_SHOWN = 12;

export function renderHeader(setup: SetupStep): string {
  return [
    '# roadmap-sync sandbox',
    '',
    'A local GitHub (the in-memory emulator) and the real app, talking over HTTP on 127.0.0.1:',
    `  GitHub API   ${setup.emulatorUrl}`,
    `  the app      ${setup.webhookUrl}  (signed webhooks, GitHub App auth with a fresh RSA key)`,
    `  repository   ${setup.repo}, holding ${setup.source}:`,
    ...setup.files.map((f) => `               ${f}`),
    '',
  ].join('\n');
}

export function renderInstall(step: InstallStep): string {
  const perFile = renderTable(
    ['File', 'Items', 'Issues'],
    step.files.map((f) => [f.file, String(f.items), String(f.issues)]),
  );
  const samples = step.files
    .filter((f) => f.sample.length > 0)
    .map((f) => `  ${f.file}\n${issueTable(f.sample, '    ')}`)
    .join('\n\n');
  return [
    '## 1. The app is installed on the repository → it converges',
    '',
    `In ${seconds(step.durationMs)} the app created ${count(step.issuesCreated, 'issue')}, ${count(step.milestones, 'milestone')} and ${count(step.labels, 'label')}, and linked ${count(step.subIssueLinks, 'sub-issue')}.`,
    `The repository now has ${count(step.issues, 'issue')}. GitHub saw ${requests(step.requests)}, and delivered ${count(step.deliveries, 'webhook')} back to the app (its own writes are events too).`,
    '',
    perFile,
    ...(step.files.some((f) => f.items > f.issues) ? ['  (an item checked in the roadmap gets no issue: `checked: skip`)'] : []),
    '',
    routeTable(step.requests),
    '',
    'A few of the issues, per file:',
    '',
    samples,
    '',
  ].join('\n');
}

export function renderClose(step: CloseStep): string {
  return [
    `## 2. ${step.closed.by} closes #${step.closed.number} → the app checks the item in the markdown`,
    '',
    `#${step.closed.number} “${step.closed.title}” (${step.closed.file}, line ${step.closed.line}) was closed by ${step.closed.by}.`,
    `${seconds(step.durationMs)} later (the app waits half a second to batch closes) it committed to main:`,
    '',
    `  commit ${step.commit.sha.slice(0, 7)} by ${step.commit.author}`,
    ...step.commit.message.trimEnd().split('\n').map((line) => `      ${line}`),
    '',
    indent(step.diff, '  '),
    '',
  ].join('\n');
}

export function renderPullRequest(step: PullRequestStep): string {
  const what = [
    step.edits.added ? `adds “${step.edits.added}”` : null,
    step.edits.reworded ? `rewords “${step.edits.reworded.from}” (#${step.edits.reworded.number})` : null,
    step.edits.checked ? `checks “${step.edits.checked.title}” (#${step.edits.checked.number})` : null,
  ].filter((s) => s !== null);
  const summary = (step.checkRun.summary ?? '').split('\n');
  const tableRows = summary.filter(isPreviewRow);
  const shown: string[] = [];
  let rows = 0;
  for (const line of summary) {
    if (isPreviewRow(line) && (rows += 1) > PREVIEW_ROWS_SHOWN) continue;
    shown.push(line);
  }
  if (tableRows.length > PREVIEW_ROWS_SHOWN) shown.push(`… ${tableRows.length - PREVIEW_ROWS_SHOWN} more rows`);
  return [
    `## 3. A pull request edits the roadmap → the app previews the merge in a check run`,
    '',
    `Pull request #${step.number} (branch ${step.branch}) ${what.join(', ')} in ${step.file}:`,
    '',
    indent(step.diff, '  '),
    '',
    `Check run “${step.checkRun.name}”: ${step.checkRun.conclusion ?? 'pending'} — ${step.checkRun.title ?? ''}  (${seconds(step.durationMs)})`,
    '',
    indent(shown.join('\n').trim(), '  │ '),
    '',
    `Issues written before the merge: ${step.issueWritesBeforeMerge} (a preview changes nothing).`,
    '',
  ].join('\n');
}

export function renderMerge(step: MergeStep): string {
  const lines = [`## 4. The pull request is merged → the app converges`, '', `In ${seconds(step.durationMs)}, with ${requests(step.requests)}:`, ''];
  const rows: string[][] = [
    ...step.created.map((i) => ['created', `#${i.number}`, i.title, [i.milestone ? `milestone ${i.milestone}` : '', i.parent ? `sub-issue of #${i.parent}` : ''].filter(Boolean).join('; ')]),
    ...step.retitled.map((r) => ['retitled', `#${r.number}`, r.to, `was “${r.from}”`]),
    ...step.closed.map((i) => ['closed', `#${i.number}`, i.title, 'checked in the roadmap']),
    ...step.reopened.map((i) => ['reopened', `#${i.number}`, i.title, '']),
  ];
  lines.push(rows.length > 0 ? renderTable(['Change', 'Issue', 'Title', 'Details'], rows) : '  Nothing changed.', '');
  return lines.join('\n');
}

export function renderSummary(report: SandboxReport): string {
  const { install, close, pullRequest, merge, totals } = report;
  const lines = [
    '## Summary',
    '',
    `  1. install       ${count(install.issuesCreated, 'issue')}, ${count(install.milestones, 'milestone')}, ${count(install.labels, 'label')}, ${count(install.subIssueLinks, 'sub-issue link')} in ${seconds(install.durationMs)} (${count(install.requests.total, 'request')})`,
    close
      ? `  2. issue closed  #${close.closed.number} → commit “${close.commit.message.split('\n')[0]}”`
      : '  2. issue closed  skipped',
    pullRequest
      ? `  3. pull request #${pullRequest.number} → check run ${pullRequest.checkRun.conclusion ?? 'pending'} with ${pullRequest.previewRows} preview rows`
      : '  3. pull request  skipped',
    merge
      ? `  4. merged        ${merge.created.length} created, ${merge.retitled.length} retitled, ${merge.closed.length} closed${merge.newItemIssue ? ` (the new item is #${merge.newItemIssue})` : ''}`
      : '  4. merged        skipped',
    '',
    `Total ${seconds(totals.durationMs)}: ${count(totals.requests, 'request')} to the local GitHub (${count(totals.writes, 'write')}), ${count(totals.deliveries, 'webhook delivery', 'webhook deliveries')}; no request GitHub would refuse, no failed job.`,
  ];
  for (const why of report.skipped) lines.push(`Skipped ${why}.`);
  if (!report.ok) {
    lines.push('', `FAILED: the app changed ${report.unexpected.length === 1 ? 'an issue' : `${report.unexpected.length} issues`} the story did not touch:`, ...report.unexpected.map((u) => `  - ${u}`));
  }
  return lines.join('\n');
}

export function renderKeep(report: SandboxReport, roadmaps: readonly string[]): string {
  const keep = report.keep;
  if (!keep) return '';
  const file = roadmaps[0] ?? 'ROADMAP.md';
  const auth = `-H 'authorization: token ${keep.token}'`;
  const repo = `${keep.apiUrl}/repos/${report.setup.repo}`;
  const someIssue = report.close?.closed.number ?? 1;
  // GitHub's JSON is one long line; a Node one-liner keeps the examples readable without jq.
  const each = (expr: string): string => `node -e 'for (const x of JSON.parse(require("fs").readFileSync(0, "utf8"))) console.log(${expr})'`;
  return [
    '',
    '## Still running (--keep) — poke it, then Ctrl-C to stop',
    '',
    `  GitHub API  ${keep.apiUrl}`,
    `  token       ${keep.token}   (acts as the repository owner)`,
    `  the app     ${keep.webhookUrl}  (its log lines follow below)`,
    '',
    'The CLI against the same repository (prints the plan; nothing to do right now, the app is in step):',
    `  GITHUB_TOKEN=${keep.token} GITHUB_API_URL=${keep.apiUrl} npx roadmap-sync sync --repo ${report.setup.repo} --dry-run`,
    '',
    'Look around:',
    `  curl -s ${auth} '${repo}/issues?state=all&per_page=10' | ${each('"#" + x.number, x.state, x.title')}`,
    `  curl -s ${auth} -H 'accept: application/vnd.github.raw' '${repo}/contents/${file}' | head -20`,
    '',
    `Reopen #${someIssue} as a person, and watch the app uncheck its item in a commit:`,
    `  curl -s ${auth} -X PATCH -d '{"state":"open"}' '${repo}/issues/${someIssue}' > /dev/null`,
    `  sleep 2; curl -s ${auth} '${repo}/commits?per_page=3' | ${each('x.sha.slice(0, 7), x.commit.message.split("\\n")[0]')}`,
    '',
  ].join('\n');
}

function issueTable(issues: readonly IssueSample[], prefix: string): string {
  return renderTable(
    ['#', 'Title', 'Milestone', 'Labels'],
    issues.map((i) => [`#${i.number}`, i.title, i.milestone ?? '—', i.labels.join(', ')]),
    { indent: prefix, maxWidth: 44 },
  );
}

function routeTable(figures: RequestFigures): string {
  return renderTable(
    ['Requests', 'Route'],
    figures.topRoutes.map((r) => [String(r.count), r.route]),
    { maxWidth: 70 },
  );
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function requests(f: RequestFigures): string {
  return `${count(f.total, 'request')} (${count(f.writes, 'write')}, ${count(f.reads, 'read')}${f.notModified > 0 ? `, ${f.notModified} answered 304 Not Modified` : ''})`;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`.trimEnd())
    .join('\n');
}

/** A change row of the check run's preview table (not its header or separator). */
export function isPreviewRow(line: string): boolean {
  return line.startsWith('| ') && !line.startsWith('| Change |') && !line.startsWith('| --- ');
}
