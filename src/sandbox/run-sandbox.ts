/**
 * The sandbox story: a demo repository on a local GitHub, the real app installed on it, and then
 * what people do — close an issue, open a pull request that edits the roadmap, merge it — with
 * what the app did in answer, read back from the emulator (never from the app's own account).
 */
import { CONFIG_PATH, DEFAULT_CONFIG, parseConfigText, type Config } from '../core/config/config.js';
import type { Emulator, LoggedRequest } from '@roadmap-sync/github-emulator';
import { parseRoadmapFile } from '../core/roadmap/parse.js';
import { readMarker } from '../core/sync/issue-body.js';
import { loadDemoFiles } from './load-demo-files.js';
import { NEW_ITEM_TITLE, pickItemToClose, planPullRequestEdits, type IssueOfItem, type PullRequestEdits } from './plan-story-edits.js';
import { renderLineDiff } from './render-line-diff.js';
import { isPreviewRow, renderClose, renderHeader, renderInstall, renderKeep, renderMerge, renderPullRequest, renderSummary } from './render-story.js';
import type { CloseStep, InstallStep, IssueSample, MergeStep, PullRequestStep, RequestFigures, SandboxReport, SetupStep } from './sandbox-report.js';
import { findUnexpectedChanges } from './find-unexpected-changes.js';
import type { LogLevel } from './start-app-server.js';
import { startSandboxSession, type SandboxSession } from './start-sandbox-session.js';

export const DEMO = { owner: 'demo', repo: 'roadmap' } as const;
export const PERSON = 'alice';
export const KEEP_TOKEN = 'sandbox-token';
const BRANCH = 'plan-sandbox';

export interface SandboxOptions {
  /** The user's roadmap file, instead of the seeds. */
  roadmap?: string;
  /** Where the seeds are read from (default: the project's seeds/). */
  seedsDir?: string;
  /** text (default): every step; quiet: the summary only; json: the report as JSON at the end. */
  output?: 'text' | 'quiet' | 'json';
  /** Keep the emulator and the app running after the story until `signal` aborts. */
  keep?: boolean;
  signal?: AbortSignal;
  /** Called when the story is over (before --keep waits and before anything closes), with the report and the emulator. */
  onStoryDone?: (report: SandboxReport, emulator: Emulator) => void;
  /** How long the app may take to settle after each step (default 60 s). */
  settleTimeoutMs?: number;
  /** The app's log level during the story (default 'error'); with --keep, 'info' afterwards. */
  logLevel?: LogLevel;
}

export interface Output {
  write(text: string): unknown;
}

export async function runSandbox(options: SandboxOptions, out: Output): Promise<SandboxReport> {
  const mode = options.output ?? 'text';
  const print = (text: string): void => {
    if (mode === 'text') out.write(`${text}\n`);
  };
  const started = performance.now();
  const demo = loadDemoFiles({ ...(options.roadmap !== undefined ? { roadmap: options.roadmap } : {}), ...(options.seedsDir ? { seedsDir: options.seedsDir } : {}) });
  const config = demo.files[CONFIG_PATH] !== undefined ? parseConfigText(demo.files[CONFIG_PATH]) : DEFAULT_CONFIG;
  const withItems = demo.roadmaps.filter((path) => parseRoadmapFile(path, demo.files[path] ?? '', config).items.length > 0);
  if (withItems.length === 0) throw new Error(`no roadmap items in ${demo.source}: items are list items (or headings with headings.itemLevel) outside skipped sections`);

  const session = await startSandboxSession({ logLevel: options.logLevel ?? 'error' });
  try {
    const { emulator, server, forwarder } = session;
    const settle = (): Promise<void> => forwarder.settle(options.settleTimeoutMs ?? 60_000);
    emulator.createRepo({ owner: DEMO.owner, name: DEMO.repo, files: demo.files });
    const setup: SetupStep = {
      emulatorUrl: emulator.url,
      webhookUrl: server.webhookUrl,
      repo: `${DEMO.owner}/${DEMO.repo}`,
      source: demo.source,
      files: demo.roadmaps,
      durationMs: Math.round(performance.now() - started),
    };
    print(renderHeader(setup));

    const install = await installStep(session, demo.roadmaps, config, settle);
    print(renderInstall(install));

    const skipped: string[] = [];
    const unexpected: string[] = [];
    const samples = (): IssueSample[] => emulator.getIssues(DEMO.owner, DEMO.repo).map(sample);
    let before = samples();
    const close = await closeStep(session, demo.roadmaps, config, settle);
    unexpected.push(...findUnexpectedChanges('closing an issue', before, samples(), { closed: close ? [close.closed.number] : [] }));
    before = samples();
    if (close) print(renderClose(close));
    else skipped.push('step 2: no unchecked item with an open issue whose checkbox the app could write');

    const pullRequest = await pullRequestStep(session, demo.roadmaps, config, close, settle);
    if (pullRequest) print(renderPullRequest(pullRequest));
    else skipped.push('step 3: no list item to edit in a pull request');

    unexpected.push(...findUnexpectedChanges('opening the pull request', before, samples(), {}));
    const merge = pullRequest ? await mergeStep(session, pullRequest, settle) : null;
    if (merge) print(renderMerge(merge));
    if (pullRequest && merge) {
      const { added, reworded, checked } = pullRequest.edits;
      unexpected.push(
        ...findUnexpectedChanges('merging', before, samples(), {
          created: added ? [added] : [],
          retitled: reworded ? [reworded.number] : [],
          closed: checked ? [checked.number] : [],
        }),
      );
    }

    assertHealthy(session);
    const report: SandboxReport = {
      ok: unexpected.length === 0,
      unexpected,
      setup,
      install,
      close,
      pullRequest,
      merge,
      skipped,
      totals: {
        durationMs: Math.round(performance.now() - started),
        requests: emulator.log.total(),
        writes: emulator.log.writes().length,
        deliveries: forwarder.stats.delivered,
      },
    };
    if (options.keep) {
      emulator.addToken(KEEP_TOKEN, DEMO.owner);
      report.keep = { apiUrl: emulator.url, token: KEEP_TOKEN, webhookUrl: server.webhookUrl };
    }
    options.onStoryDone?.(report, emulator);
    if (mode === 'json') out.write(`${JSON.stringify(report, null, 2)}\n`);
    else out.write(`${renderSummary(report)}\n`);

    if (options.keep) {
      if (mode !== 'json') out.write(`${renderKeep(report, demo.roadmaps)}\n`);
      server.setLogLevel('info');
      await untilAborted(options.signal);
    }
    return report;
  } finally {
    await session.close();
  }
}

async function installStep(session: SandboxSession, roadmaps: readonly string[], config: Config, settle: () => Promise<void>): Promise<InstallStep> {
  const { emulator, forwarder } = session;
  const from = emulator.log.total();
  const deliveriesBefore = forwarder.stats.delivered;
  const started = performance.now();
  emulator.installApp({ owner: DEMO.owner, repos: [DEMO.repo] });
  await settle();
  const durationMs = Math.round(performance.now() - started);
  const entries = emulator.log.entries().slice(from);

  const issues = emulator.getIssues(DEMO.owner, DEMO.repo);
  const byFile = new Map<string, IssueSample[]>();
  for (const issue of issues) {
    const file = readMarker(issue.body)?.file;
    if (file !== undefined) byFile.set(file, [...(byFile.get(file) ?? []), sample(issue)]);
  }
  return {
    durationMs,
    issuesCreated: entries.filter((e) => e.route === 'POST /repos/{owner}/{repo}/issues' && e.status === 201).length,
    issues: issues.length,
    milestones: emulator.getMilestones(DEMO.owner, DEMO.repo).length,
    labels: emulator.getLabels(DEMO.owner, DEMO.repo).length,
    subIssueLinks: issues.reduce((n, issue) => n + (issue.sub_issues_summary?.total ?? 0), 0),
    requests: requestFigures(entries),
    deliveries: forwarder.stats.delivered - deliveriesBefore,
    files: roadmaps.map((file) => {
      const text = emulator.readFile(DEMO.owner, DEMO.repo, file) ?? '';
      const fileIssues = byFile.get(file) ?? [];
      return { file, items: parseRoadmapFile(file, text, config).items.length, issues: fileIssues.length, sample: fileIssues.slice(0, 3) };
    }),
  };
}

async function closeStep(session: SandboxSession, roadmaps: readonly string[], config: Config, settle: () => Promise<void>): Promise<CloseStep | null> {
  const { emulator } = session;
  const files = readRoadmaps(emulator, roadmaps);
  const item = pickItemToClose(files, config, issuesByKey(emulator));
  if (!item) return null;
  const before = files.find((f) => f.path === item.file)?.text ?? '';
  const knownCommits = new Set(emulator.listCommits(DEMO.owner, DEMO.repo, 'main').map((c) => c.sha));
  const started = performance.now();
  emulator.closeIssue({ ...DEMO, number: item.number, actor: PERSON });
  await settle();
  const durationMs = Math.round(performance.now() - started);
  const commit = emulator.listCommits(DEMO.owner, DEMO.repo, 'main').find((c) => !knownCommits.has(c.sha));
  if (!commit) throw new Error(`after ${PERSON} closed #${item.number}, the app made no commit to the roadmap`);
  const after = emulator.readFile(DEMO.owner, DEMO.repo, item.file) ?? '';
  return {
    durationMs,
    closed: { number: item.number, title: item.title, file: item.file, line: item.line, by: PERSON },
    commit: { sha: commit.sha, message: commit.message, author: commit.author.name },
    diff: renderLineDiff(before, after, { path: item.file, context: 2 }),
  };
}

async function pullRequestStep(
  session: SandboxSession,
  roadmaps: readonly string[],
  config: Config,
  close: CloseStep | null,
  settle: () => Promise<void>,
): Promise<PullRequestStep | null> {
  const { emulator } = session;
  const files = readRoadmaps(emulator, roadmaps);
  const issueOf = issuesByKey(emulator);
  // The closed item's file first, so the story stays in one file.
  const ordered = [...files].sort((a, b) => Number(b.path === close?.closed.file) - Number(a.path === close?.closed.file));
  let planned: PullRequestEdits | null = null;
  let before = '';
  for (const f of ordered) {
    const edits = planPullRequestEdits(f.path, f.text, config, issueOf);
    if (edits.text === f.text) continue;
    planned = edits;
    before = f.text;
    break;
  }
  if (!planned) return null;

  const started = performance.now();
  const headSha = emulator.pushCommit({ ...DEMO, branch: BRANCH, from: 'main', files: { [planned.file]: planned.text }, message: 'Plan the sandbox walkthrough', author: PERSON });
  const from = emulator.log.total();
  const pull = emulator.createPullRequest({ ...DEMO, head: BRANCH, base: 'main', title: 'Plan the sandbox walkthrough', body: 'Adds an item, rewords one and checks one off.', actor: PERSON });
  await settle();
  const durationMs = Math.round(performance.now() - started);
  const run = emulator.getCheckRuns(DEMO.owner, DEMO.repo, headSha).find((r) => r.name === 'roadmap-sync');
  if (!run) throw new Error(`the app put no roadmap-sync check run on pull request #${pull.number}`);
  const summary = run.output.summary ?? null;
  const issueWrites = emulator.log
    .entries()
    .slice(from)
    .filter((e) => e.write && e.route.includes('/issues'));
  return {
    durationMs,
    number: pull.number,
    branch: BRANCH,
    file: planned.file,
    edits: {
      added: planned.added?.title ?? null,
      reworded: planned.reworded,
      checked: planned.checked ? { number: planned.checked.number, title: planned.checked.title } : null,
    },
    diff: renderLineDiff(before, planned.text, { path: planned.file, context: 1 }),
    checkRun: { name: run.name, conclusion: run.conclusion, title: run.output.title, summary },
    previewRows: (summary ?? '').split('\n').filter(isPreviewRow).length,
    issueWritesBeforeMerge: issueWrites.length,
  };
}

async function mergeStep(session: SandboxSession, pullRequest: PullRequestStep, settle: () => Promise<void>): Promise<MergeStep> {
  const { emulator } = session;
  const before = new Map(emulator.getIssues(DEMO.owner, DEMO.repo).map((i) => [i.number, sample(i)]));
  const from = emulator.log.total();
  const started = performance.now();
  emulator.mergePullRequest({ ...DEMO, number: pullRequest.number, actor: PERSON });
  await settle();
  const durationMs = Math.round(performance.now() - started);
  const after = emulator.getIssues(DEMO.owner, DEMO.repo).map(sample);
  const created = after
    .filter((i) => !before.has(i.number))
    .map((i) => ({ ...i, parent: emulator.getParent(DEMO.owner, DEMO.repo, i.number)?.number ?? null }));
  const changed = after.flatMap((i) => {
    const was = before.get(i.number);
    return was ? [{ was, now: i }] : [];
  });
  return {
    durationMs,
    created,
    retitled: changed.filter(({ was, now }) => was.title !== now.title).map(({ was, now }) => ({ number: now.number, from: was.title, to: now.title })),
    closed: changed.filter(({ was, now }) => was.state === 'open' && now.state === 'closed').map(({ now }) => now),
    reopened: changed.filter(({ was, now }) => was.state === 'closed' && now.state === 'open').map(({ now }) => now),
    newItemIssue: pullRequest.edits.added === null ? null : (created.find((i) => i.title === NEW_ITEM_TITLE)?.number ?? null),
    requests: requestFigures(emulator.log.entries().slice(from)),
  };
}

/** The run fails if the app used a route GitHub lacks, a background job failed or a delivery was refused. */
function assertHealthy({ emulator, server, forwarder }: SandboxSession): void {
  const problems = [
    ...emulator.specViolations.map((v) => `request GitHub would refuse: ${JSON.stringify(v)}`),
    ...emulator.unimplemented.map((r) => `route the emulator does not implement: ${r}`),
    ...emulator.internalErrors.map((e) => `emulator error: ${e.message}`),
    ...forwarder.stats.failed.map((f) => `webhook delivery ${f.event} answered ${f.status}`),
    ...(server.app.jobFailures > 0 ? [`${server.app.jobFailures} background job(s) of the app failed (run with LOG_LEVEL=error to see them)`] : []),
  ];
  if (problems.length > 0) throw new Error(`the story finished, but:\n  ${problems.slice(0, 10).join('\n  ')}`);
}

function readRoadmaps(emulator: Emulator, roadmaps: readonly string[]): Array<{ path: string; text: string }> {
  return roadmaps.flatMap((path) => {
    const text = emulator.readFile(DEMO.owner, DEMO.repo, path);
    return text === null ? [] : [{ path, text }];
  });
}

function issuesByKey(emulator: Emulator): Map<string, IssueOfItem> {
  const map = new Map<string, IssueOfItem>();
  for (const issue of emulator.getIssues(DEMO.owner, DEMO.repo)) {
    const marker = readMarker(issue.body);
    if (marker && !map.has(marker.key)) map.set(marker.key, { number: issue.number, state: issue.state === 'closed' ? 'closed' : 'open' });
  }
  return map;
}

type RestIssue = ReturnType<Emulator['getIssues']>[number];

function sample(issue: RestIssue): IssueSample {
  return {
    number: issue.number,
    title: issue.title,
    milestone: issue.milestone?.title ?? null,
    labels: issue.labels.flatMap((l) => (typeof l === 'string' ? [l] : l.name ? [l.name] : [])),
    state: issue.state === 'closed' ? 'closed' : 'open',
  };
}

function requestFigures(entries: readonly LoggedRequest[]): RequestFigures {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.route, (counts.get(e.route) ?? 0) + 1);
  const writes = entries.filter((e) => e.write).length;
  return {
    total: entries.length,
    writes,
    reads: entries.length - writes,
    notModified: entries.filter((e) => e.notModified).length,
    topRoutes: [...counts]
      .map(([route, count]) => ({ route, count }))
      .sort((a, b) => b.count - a.count || a.route.localeCompare(b.route))
      .slice(0, 5),
  };
}

function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
