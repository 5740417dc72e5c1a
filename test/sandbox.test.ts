/**
 * `npm run sandbox`, in process: the whole story against the emulator with the real app over
 * HTTP, checked against the emulator's own state rather than against what the story printed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfigText } from '../src/core/config/config.js';
import type { Emulator } from '@roadmap-sync/github-emulator';
import { parseRoadmap, parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { loadDemoFiles } from '../src/sandbox/load-demo-files.js';
import { parseSandboxArgs } from '../src/sandbox/parse-sandbox-args.js';
import { NEW_ITEM_TITLE, planPullRequestEdits, type IssueOfItem } from '../src/sandbox/plan-story-edits.js';
import { renderLineDiff } from '../src/sandbox/render-line-diff.js';
import { DEMO, runSandbox, type SandboxOptions } from '../src/sandbox/run-sandbox.js';
import type { SandboxReport } from '../src/sandbox/sandbox-report.js';
import { findUnexpectedChanges } from '../src/sandbox/find-unexpected-changes.js';

interface Observed {
  report: SandboxReport;
  printed: string;
  /** Read from the emulator when the story ended, before it closed. */
  issues: ReturnType<Emulator['getIssues']>;
  files: Record<string, string | null>;
  violations: number;
}

async function play(options: SandboxOptions): Promise<Observed> {
  let printed = '';
  let end: Omit<Observed, 'report' | 'printed'> | null = null;
  const report = await runSandbox(
    {
      ...options,
      onStoryDone: (r, emulator) => {
        end = {
          issues: emulator.getIssues(DEMO.owner, DEMO.repo),
          files: Object.fromEntries(r.setup.files.map((f) => [f, emulator.readFile(DEMO.owner, DEMO.repo, f)])),
          violations: emulator.specViolations.length + emulator.unimplemented.length + emulator.internalErrors.length,
        };
      },
    },
    { write: (text: string) => (printed += text) },
  );
  if (!end) throw new Error('onStoryDone was not called');
  return { report, printed, ...(end as Omit<Observed, 'report' | 'printed'>) };
}

const tmp = mkdtempSync(join(tmpdir(), 'sandbox-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the sandbox story on the five seed roadmaps', () => {
  let seen: Observed;

  it('runs to the end', async () => {
    // The story's own bound per step is a minute; on a busy shared machine the first step (five
    // seeds' issues) has needed more, so the test's timeout is the one that counts here.
    seen = await play({ settleTimeoutMs: 140_000 });
    expect(seen.report.ok).toBe(true);
    expect(seen.report.unexpected).toEqual([]);
    expect(seen.report.skipped).toEqual([]);
    expect(seen.violations).toBe(0);
    console.info(`[figures] sandbox story on the seeds: ${seen.report.totals.durationMs} ms in all, install ${seen.report.install.durationMs} ms (${seen.report.install.requests.total} requests)`);
  }, 150_000);

  it('step 1: one issue per item, as many as the repository holds', () => {
    const demo = loadDemoFiles({});
    const config = parseConfigText(demo.files['.github/roadmap-sync.yml'] ?? '');
    const items = parseRoadmap(demo.roadmaps.map((path) => ({ path, text: demo.files[path] ?? '' })), config).items;
    const { install, merge } = seen.report;
    expect(install.issuesCreated).toBe(items.filter((i) => i.checkbox !== 'checked').length);
    expect(install.issuesCreated).toBe(install.issues);
    // At the end the repository holds those plus what the merge created, and nothing else.
    expect(seen.issues).toHaveLength(install.issuesCreated + (merge?.created.length ?? 0));
    expect(install.subIssueLinks).toBeGreaterThan(0);
    expect(install.files.map((f) => f.file)).toEqual(demo.roadmaps);
    expect(seen.printed).toContain(`the app created ${install.issuesCreated} issues`);
    for (const f of install.files) expect(seen.printed).toContain(f.file);
  });

  it('step 2: the closed issue is checked in the markdown, and the diff shows it', () => {
    const close = seen.report.close;
    expect(close).not.toBeNull();
    if (!close) return;
    expect(close.commit.message).toBe(`roadmap: check "${close.closed.title}" (#${close.closed.number})`);
    const added = close.diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
    const removed = close.diff.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---'));
    // A plain bullet gets a box: the app writes `[X]`, which GitHub renders like `[x]`.
    expect(added).toEqual([expect.stringMatching(new RegExp(`^\\+\\s*- \\[[xX]\\] ${escape(close.closed.title)}$`))]);
    expect(removed).toEqual([expect.stringMatching(new RegExp(`^-\\s*- ${escape(close.closed.title)}$`))]);
    expect(seen.printed).toContain(indent(close.diff));
    const closed = seen.issues.find((i) => i.number === close.closed.number);
    expect(closed?.state).toBe('closed');
    expect(closed?.closed_by?.login).toBe('alice');
  });

  it('step 3: the pull request gets a check run whose preview table has rows', () => {
    const pr = seen.report.pullRequest;
    expect(pr).not.toBeNull();
    if (!pr) return;
    expect(pr.checkRun).toMatchObject({ name: 'roadmap-sync', conclusion: 'success' });
    expect(pr.previewRows).toBeGreaterThanOrEqual(3);
    expect(pr.checkRun.summary).toContain(`| create | ${NEW_ITEM_TITLE} |`);
    expect(pr.checkRun.summary).toContain(`| retitle | #${pr.edits.reworded?.number} ${pr.edits.reworded?.to} |`);
    expect(pr.checkRun.summary).toMatch(new RegExp(`\\| close \\| #${pr.edits.checked?.number} `));
    expect(pr.issueWritesBeforeMerge).toBe(0);
    expect(seen.printed).toContain(`| create | ${NEW_ITEM_TITLE} |`);
  });

  it('step 4: after the merge the new item has an issue, the reworded one is retitled and the checked one closed', () => {
    const { merge, pullRequest } = seen.report;
    expect(merge).not.toBeNull();
    if (!merge || !pullRequest) return;
    expect(merge.newItemIssue).not.toBeNull();
    const created = seen.issues.find((i) => i.number === merge.newItemIssue);
    expect(created?.title).toBe(NEW_ITEM_TITLE);
    expect(merge.created.map((i) => i.number)).toEqual([merge.newItemIssue]);
    const reworded = pullRequest.edits.reworded;
    expect(merge.retitled).toEqual([{ number: reworded?.number, from: reworded?.from, to: reworded?.to }]);
    expect(seen.issues.find((i) => i.number === reworded?.number)?.title).toBe(reworded?.to);
    expect(merge.closed.map((i) => i.number)).toEqual([pullRequest.edits.checked?.number]);
    expect(seen.files[pullRequest.file]).toContain(NEW_ITEM_TITLE);
    expect(seen.printed).toMatch(new RegExp(`created\\s+#${merge.newItemIssue}\\s+${NEW_ITEM_TITLE}`));
    expect(seen.printed).toContain('## Summary');
  });
});

describe('the sandbox story on your own roadmap (--roadmap FILE)', () => {
  it('uses the file as ROADMAP.md with the default config, and picks the story items from it', async () => {
    const file = join(tmp, 'mine.md');
    writeFileSync(file, '# Mine\n\n## v1.0\n\n- [ ] Write the parser\n- [ ] Add a command line\n- [x] Pick a name\n\n## v2.0\n\n- [ ] Support plugins\n  - [ ] Load plugins from a folder\n');
    const seen = await play({ roadmap: file, output: 'json' });
    const report = JSON.parse(seen.printed) as SandboxReport;
    expect(report.setup.files).toEqual(['ROADMAP.md']);
    expect(report.install.issuesCreated).toBe(4); // the checked item gets none
    expect(report.install.milestones).toBe(2);
    expect(report.close?.diff).toContain('+- [x] Write the parser');
    expect(report.pullRequest?.edits.checked?.title).toBe('Add a command line');
    expect(report.pullRequest?.previewRows).toBe(3);
    expect(report.merge?.newItemIssue).toBe(6); // 4 issues, then the pull request #5
    expect(seen.issues.find((i) => i.number === 6)?.title).toBe(NEW_ITEM_TITLE);
    expect(seen.files['ROADMAP.md']).toContain(`- [ ] ${NEW_ITEM_TITLE}\n- [x] Pick a name`);
    expect(seen.violations).toBe(0);
  }, 30_000);

  it('a roadmap citing issue numbers from another tracker: nothing changes hands, and the story judges itself ok', async () => {
    const file = join(tmp, 'cites.md');
    const items = Array.from({ length: 14 }, (_, i) => `- [ ] Fix window problem ${i + 1}${i % 3 === 0 ? ` (#${i + 2})` : ''}`);
    writeFileSync(file, `# TODO

## Next

${items.join('\n')}
`);
    const seen = await play({ roadmap: file, output: 'json' });
    expect(seen.report.unexpected).toEqual([]);
    expect(seen.report.ok).toBe(true);
    expect(seen.report.merge?.retitled).toHaveLength(1);
    expect(seen.report.merge?.closed).toHaveLength(1);
  }, 30_000);

  it('a file without items, or no file, fails with a clear message and leaves nothing running', async () => {
    const empty = join(tmp, 'prose.md');
    writeFileSync(empty, 'Only prose here.\n');
    await expect(runSandbox({ roadmap: empty }, { write: () => {} })).rejects.toThrow(/no roadmap items in prose\.md/);
    await expect(runSandbox({ roadmap: join(tmp, 'missing.md') }, { write: () => {} })).rejects.toThrow(/cannot read .*missing\.md/);
  });
});

describe('pieces of the story', () => {
  it('finds the changes a step did not mean to make', () => {
    const issue = (number: number, title: string, state: 'open' | 'closed' = 'open', milestone: string | null = 'v1') => ({ number, title, state, milestone, labels: [] });
    const before = [issue(1, 'A'), issue(2, 'B'), issue(3, 'C')];
    const after = [issue(1, 'A2'), issue(2, 'B', 'closed'), issue(3, 'C', 'open', 'v2'), issue(4, 'New'), issue(5, 'Stray')];
    expect(findUnexpectedChanges('merging', before, after, { created: ['New'], retitled: [1], closed: [2] })).toEqual(['merging: #3 "C" moved from milestone v1 to v2', 'merging: #5 "Stray" was created']);
    expect(findUnexpectedChanges('closing', before, before, { created: ['Missing'] })).toEqual(['closing: no issue was created for "Missing"']);
  });

  it('plans a pull request that checks, rewords and adds, written like the file (numbered, CRLF)', () => {
    const text = '# R\r\n\r\n## v1.0\r\n\r\n1. Implement the parser\r\n2. Improve the error messages\r\n3. Ship it\r\n';
    const items = parseRoadmapFile('R.md', text, DEFAULT_CONFIG).items;
    const issueOf = new Map<string, IssueOfItem>(items.map((item, i) => [item.key, { number: i + 1, state: 'open' }]));
    const edits = planPullRequestEdits('R.md', text, DEFAULT_CONFIG, issueOf);
    expect(edits.text).toBe('# R\r\n\r\n## v1.0\r\n\r\n1. [x] Implement the parser\r\n2. Try roadmap-sync in the sandbox\r\n2. Enhance the error messages\r\n3. Ship it\r\n');
    expect(edits.checked).toMatchObject({ number: 1, title: 'Implement the parser' });
    expect(edits.reworded).toEqual({ number: 2, from: 'Improve the error messages', to: 'Enhance the error messages' });
    expect(edits.added?.title).toBe(NEW_ITEM_TITLE);
  });

  it('renders a unified diff of the changed lines with context', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nC\nd\ne\nf\ng\nh\ni\n';
    expect(renderLineDiff(before, after, { path: 'x.md', context: 1 })).toBe(
      ['--- a/x.md', '+++ b/x.md', '@@ -2,3 +2,3 @@', ' b', '-c', '+C', ' d', '@@ -8,1 +8,2 @@', ' h', '+i'].join('\n'),
    );
    expect(renderLineDiff(before, before, { path: 'x.md' })).toBe('');
  });

  it('parses its options and refuses bad ones', () => {
    expect(parseSandboxArgs(['--help'])).toEqual({ help: true });
    expect(parseSandboxArgs([])).toEqual({ help: false, options: { keep: false, output: 'text' }, timeoutMs: 120_000 });
    expect(parseSandboxArgs(['--roadmap', 'R.md', '--keep', '--json', '--timeout', '30'])).toEqual({
      help: false,
      options: { keep: true, output: 'json', roadmap: 'R.md' },
      timeoutMs: 30_000,
    });
    expect(() => parseSandboxArgs(['R.md'])).toThrow(/did you mean --roadmap R\.md/);
    expect(() => parseSandboxArgs(['--quiet', '--json'])).toThrow(/cannot be combined/);
    expect(() => parseSandboxArgs(['--timeout', '0'])).toThrow(/--timeout/);
    expect(() => parseSandboxArgs(['--nope'])).toThrow(/--nope/);
  });
});

/** How the story prints a diff: indented by two spaces. */
function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`.trimEnd())
    .join('\n');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
