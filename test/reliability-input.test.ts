/**
 * Hostile or careless input, end to end: roadmaps, configs and trees pushed to the emulator, the
 * real app converging them over HTTP, and what GitHub ends up holding checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_PATH, DEFAULT_CONFIG, parseConfigText } from '../src/core/config/config.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { checkParseLimits, PARSE_LIMITS } from '../src/core/roadmap/parse-limits.js';
import { selectRoadmapFiles } from '../src/core/roadmap/select-roadmap-files.js';
import { readMarker } from '../src/core/sync/issue-body.js';
import { startAppHarness, type AppHarness } from './helpers/app-harness.js';
import { checklist, installRepo, managedIssues, requestsSince } from './helpers/app-fixtures.js';

let h: AppHarness;
beforeAll(async () => {
  h = await startAppHarness();
});
afterAll(async () => {
  await h?.close();
});

function expectClean(): void {
  expect(h.emulator.specViolations).toEqual([]);
  expect(h.emulator.internalErrors).toEqual([]);
  expect(h.app.jobFailures).toBe(0);
}

/** The text outside code spans and link targets: where a mention or a reference would render. */
function rendered(markdown: string): string {
  return markdown.replace(/(`+)[\s\S]*?\1/g, '').replace(/\]\([^)]*\)/g, ']');
}

const labelNames = (issue: { labels: Array<string | { name?: string }> }): string[] => issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')));

describe('mentions and references in item text', () => {
  it('@name never pings and #N never cross-links, except the explicit binding of an item', async () => {
    const owner = 'mention';
    h.emulator.createRepo({ owner, name: 'app', files: { 'README.md': 'x\n' } });
    const existing = h.emulator.createIssue({ owner, repo: 'app', title: 'Parser crashes on tabs', actor: 'alice' });
    const roadmap = [
      '# Roadmap',
      '',
      '## v1.0',
      '',
      '- [ ] Ping @octocat and @acme/core about #12 before shipping',
      '- [ ] Review ideas from @someone-else (see GH-4 and #3)',
      '  Details mention @ghost, email me@example.com, and refer to #99.',
      `- [ ] Fix the parser crash #${existing.number}`,
      '',
    ].join('\n');
    h.emulator.pushCommit({ owner, repo: 'app', branch: 'main', message: 'Roadmap', files: { 'ROADMAP.md': roadmap } });
    h.emulator.installApp({ owner, repos: ['app'] });
    await h.settle();

    const issues = h.emulator.getIssues(owner, 'app');
    expect(issues).toHaveLength(3);
    // The binding: the item took the existing issue instead of creating one.
    const bound = h.emulator.getIssue(owner, 'app', existing.number);
    expect(readMarker(bound?.body)).not.toBeNull();
    for (const issue of issues) {
      expect(issue.title).not.toMatch(/@(?!\u200d)[A-Za-z0-9]/);
      const text = rendered(issue.body ?? '');
      expect(text).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/m);
      expect(text).not.toMatch(/(^|[^\w&/`])#\d/m);
    }
    const ping = issues.find((i) => i.title.startsWith('Ping'));
    expect(ping?.title).toBe('Ping @\u200doctocat and @\u200dacme/core about #12 before shipping');
    expect(ping?.body).toContain('`@octocat`');
    expect(ping?.body).toContain('`#12`');
    expectClean();
  });
});

describe('item text that forges the hidden marker', () => {
  it('cannot take another issue’s identity or break the managed section', async () => {
    const owner = 'forge';
    const base = ['# Roadmap', '', '## v1.0', '', '- [ ] Victim item that owns its issue', '- [ ] Bystander item', ''].join('\n');
    const victimKey = parseRoadmapFile('ROADMAP.md', base, DEFAULT_CONFIG).items[0]?.key ?? '';
    const forged = [
      `- [ ] Attacker <!-- roadmap-sync:end file="ROADMAP.md" key="${victimKey}" checked="true" -->`,
      '- [ ] Opens a section <!-- roadmap-sync:start --> and never closes it',
      `- [ ] Code span \`<!-- roadmap-sync:end file="ROADMAP.md" key="${victimKey}" -->\` too`,
      '- [ ] Hidden <!-- a plain HTML comment --> text',
      '',
    ].join('\n');
    await installRepo(h, owner, 'app', { 'ROADMAP.md': base + forged });
    const items = parseRoadmapFile('ROADMAP.md', base + forged, DEFAULT_CONFIG).items;
    const issues = managedIssues(h.emulator, owner, 'app');
    expect(issues).toHaveLength(items.length);
    const keys = issues.map((i) => readMarker(i.body)?.key);
    expect(new Set(keys).size).toBe(items.length);
    expect([...keys].sort()).toEqual(items.map((i) => i.key).sort());
    for (const issue of issues) {
      const body = issue.body ?? '';
      // One real start and one real end marker per body; the forged ones are escaped.
      expect(body.split('<!-- roadmap-sync:start -->')).toHaveLength(2);
      expect(body.match(/<!-- roadmap-sync:end /g)).toHaveLength(1);
    }
    const attacker = issues.find((i) => i.title.startsWith('Attacker'));
    expect(attacker?.body).toContain('&lt;!-- roadmap-sync:end');

    // The victim's checkbox follows the victim's issue only; a second converge changes nothing.
    const victim = issues.find((i) => readMarker(i.body)?.key === victimKey);
    h.emulator.closeIssue({ owner, repo: 'app', number: victim?.number ?? 0 });
    await h.settle();
    const after = parseRoadmapFile('ROADMAP.md', h.emulator.readFile(owner, 'app', 'ROADMAP.md') ?? '', DEFAULT_CONFIG).items;
    expect(after.filter((i) => i.checkbox === 'checked').map((i) => i.key)).toEqual([victimKey]);
    const start = h.emulator.log.total();
    h.emulator.pushCommit({ owner, repo: 'app', branch: 'main', message: 'touch', files: { [CONFIG_PATH]: 'removed: close\n' } });
    await h.settle();
    expect(requestsSince(h.emulator, start).filter((r) => r.write && r.route !== 'PATCH /repos/{owner}/{repo}/issues/{issue_number}')).toEqual([]);
    expect(managedIssues(h.emulator, owner, 'app')).toHaveLength(items.length);
    expectClean();
  });
});

describe('giant items', () => {
  it('titles, bodies, labels and milestones are cut to GitHub’s limits: no 422 stops the sync', async () => {
    const owner = 'giant';
    const astral = '𝔊𝔦𝔞𝔫𝔱 🚀 '.repeat(120);
    const longHeading = `v1.0 ${'Milestone words '.repeat(40)}`;
    const lines = ['# Roadmap', '', `## ${longHeading}`, '', `### ${'Area label that is far too long '.repeat(5)}`, ''];
    for (let i = 0; i < 5; i += 1) {
      lines.push(`- [ ] Giant ${i} ${'word '.repeat(400)} ${astral}`);
      lines.push('', `  ${'Detail paragraph with many words, `code` and a [link](https://example.com). '.repeat(1_000)}`, '');
      lines.push(`  - [ ] Child ${i} ${'x'.repeat(3_000)}`);
    }
    const text = `${lines.join('\n')}\n`;
    expect(checkParseLimits(text)).toBeNull();
    await installRepo(h, owner, 'app', { 'ROADMAP.md': text });

    const issues = managedIssues(h.emulator, owner, 'app');
    expect(issues).toHaveLength(10);
    for (const issue of issues) {
      expect([...issue.title].length).toBeLessThanOrEqual(256);
      expect([...(issue.body ?? '')].length).toBeLessThanOrEqual(65_536);
      expect(readMarker(issue.body)).not.toBeNull();
      for (const label of labelNames(issue)) expect([...label].length).toBeLessThanOrEqual(50);
      expect([...(issue.milestone?.title ?? '')].length).toBeLessThanOrEqual(255);
      expect(issue.milestone?.title).toMatch(/^v1\.0 Milestone words/);
    }
    expect(h.emulator.log.entries().filter((e) => e.status === 422)).toEqual([]);
    // Children are linked as sub-issues.
    const parents = issues.filter((i) => i.title.startsWith('Giant'));
    for (const parent of parents) expect(h.emulator.getSubIssues(owner, 'app', parent.number)).toHaveLength(1);
    expectClean();
  });
});

describe('hostile configs', () => {
  it('unknown keys, wrong types, ReDoS patterns, brace bombs and paths out of the repository are refused with a clear check run', async () => {
    await installRepo(h, 'cfg', 'app', { 'ROADMAP.md': checklist(2) });
    const issuesBefore = JSON.stringify(h.emulator.getIssues('cfg', 'app'));
    const config = [
      'labelz: {}',
      'removed: 3',
      'headings:',
      '  milestone: ["^((a+))+$", "^(a|aa)*$", "^\\\\w*\\\\w*\\\\w*\\\\w*!$"]',
      'files: ["../secrets/*.md", "/etc/passwd", "{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}.md"]',
      '',
    ].join('\n');
    const start = h.emulator.log.total();
    const started = performance.now();
    const sha = h.emulator.pushCommit({ owner: 'cfg', repo: 'app', branch: 'main', message: 'Tune', files: { [CONFIG_PATH]: config, 'ROADMAP.md': checklist(3) } });
    await h.settle();
    const ms = performance.now() - started;
    const [run] = h.emulator.getCheckRuns('cfg', 'app', sha);
    expect(run).toMatchObject({ name: 'roadmap-sync', conclusion: 'failure' });
    const summary = run?.output.summary ?? '';
    for (const expected of [
      'unknown option "labelz"',
      'removed: expected one of',
      'headings.milestone[0]: a repeated group',
      'headings.milestone[1]: a repeated group',
      'headings.milestone[2]: more than 3 repeating quantifiers',
      'files[0]: must be a path inside the repository',
      'files[1]: must be a path inside the repository',
      'files[2]: expands to more than 64 alternatives',
    ]) {
      expect(summary).toContain(expected);
    }
    expect(requestsSince(h.emulator, start).filter((r) => r.write).map((r) => r.route)).toEqual(['POST /repos/{owner}/{repo}/check-runs']);
    expect(JSON.stringify(h.emulator.getIssues('cfg', 'app'))).toBe(issuesBefore);
    console.info(`[figures] hostile config refused in ${ms.toFixed(0)} ms (push → check run)`);
    expectClean();
  });

  it('a pathological glob that is allowed matches in linear time', () => {
    // picomatch needs 163 ms for this glob on a 25-character name and does not finish on 100.
    const globs = ['**/*a*a*a*a*a*a*a*a*a*a*a*a*b.md', '**/**/**/**/**/**/**/**/x.md'];
    expect(() => parseConfigText(`files: ${JSON.stringify(globs)}\n`)).not.toThrow();
    const paths = Array.from({ length: 2_000 }, (_, i) => `${'a/'.repeat(50)}${'a'.repeat(200)}${i}.md`);
    const started = performance.now();
    expect(selectRoadmapFiles(paths, { files: globs, exclude: [] })).toEqual([]);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(10_000);
    console.info(`[figures] 2 pathological globs × 2,000 adversarial paths: ${ms.toFixed(0)} ms`);
  });
});

describe('paths that leave the repository', () => {
  it('a symbolic link named like a roadmap is skipped, never followed', async () => {
    const owner = 'link';
    await installRepo(h, owner, 'app', { 'ROADMAP.md': checklist(2) });
    const token = `person-${owner}`;
    h.emulator.addToken(token, owner);
    const api = async (method: string, path: string, body: unknown): Promise<{ sha: string }> => {
      const response = await fetch(`${h.emulator.url}/repos/${owner}/app${path}`, {
        method,
        headers: { authorization: `token ${token}`, 'content-type': 'application/json', accept: 'application/vnd.github+json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { sha: string };
    };
    const head = h.emulator.branchSha(owner, 'app', 'main') ?? '';
    const blob = await api('POST', '/git/blobs', { content: '../../../../etc/passwd', encoding: 'utf-8' });
    const tree = await api('POST', '/git/trees', { base_tree: head, tree: [{ path: 'docs/ROADMAP-linked.md', mode: '120000', type: 'blob', sha: blob.sha }] });
    const commit = await api('POST', '/git/commits', { message: 'Link a roadmap', tree: tree.sha, parents: [head] });
    await api('PATCH', '/git/refs/heads/main', { sha: commit.sha });
    // No push event comes from the git API here: the next trigger is a person's push.
    h.emulator.pushCommit({ owner, repo: 'app', branch: 'main', message: 'Plan', files: { 'ROADMAP.md': checklist(3) } });
    await h.settle();
    expect(managedIssues(h.emulator, owner, 'app').map((i) => readMarker(i.body)?.file)).toEqual(['ROADMAP.md', 'ROADMAP.md', 'ROADMAP.md']);
    expectClean();
  });
});

describe('roadmaps too large or too deep to parse', () => {
  it('are refused in milliseconds with one problem; a file that grows past a bound keeps its issues open', async () => {
    const owner = 'huge';
    const flat = Array.from({ length: 100_000 }, (_, i) => `- [ ] Item ${i}`).join('\n');
    const deep = Array.from({ length: 1_000 }, (_, d) => `${'  '.repeat(d)}- [ ] Level ${d}`).join('\n');
    const chained = `${'- '.repeat(10_000)}x\n`;
    const emphasis = `- ${'*a '.repeat(10_000)}x${' a*'.repeat(10_000)}\n`;
    const deep200 = Array.from({ length: 200 }, (_, d) => `${'  '.repeat(d)}- [ ] Level ${d}`).join('\n');
    const blankParagraphs = 'a\n\n'.repeat(100_000);
    const lines = 'a\n'.repeat(30_000);
    const table = `| a | b | c |\n|---|---|---|\n${'| x | y | z |\n'.repeat(6_000)}`;
    const cases = { flat, deep, deep200, chained, emphasis, blankParagraphs, lines, table };
    const refusals: string[] = [];
    for (const [name, text] of Object.entries(cases)) {
      const started = performance.now();
      const file = parseRoadmapFile(`${name}.md`, text, DEFAULT_CONFIG);
      const ms = performance.now() - started;
      expect(file.items).toEqual([]);
      expect(file.refused).toMatch(/^not parsed: /);
      expect(file.problems).toHaveLength(1);
      expect(ms).toBeLessThan(2_000);
      refusals.push(`${name} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB) ${ms.toFixed(0)} ms: ${file.refused}`);
    }
    // Just inside every bound parses normally.
    const atLimit = Array.from({ length: PARSE_LIMITS.items }, (_, i) => `- [ ] Item ${i}`).join('\n');
    expect(parseRoadmapFile('ok.md', atLimit, DEFAULT_CONFIG).items).toHaveLength(PARSE_LIMITS.items);
    expect(parseRoadmapFile('over.md', `${atLimit}\n- [ ] One more`, DEFAULT_CONFIG).refused).toContain('5,000');

    // Through the app: the synced file grows past the bound; its issues stay as they are.
    await installRepo(h, owner, 'app', { 'ROADMAP.md': checklist(3) });
    const open = managedIssues(h.emulator, owner, 'app').filter((i) => i.state === 'open');
    expect(open).toHaveLength(3);
    const started = performance.now();
    h.emulator.pushCommit({ owner, repo: 'app', branch: 'main', message: 'Paste everything', files: { 'ROADMAP.md': `${checklist(3)}${flat}\n`, 'TODO.md': deep, 'docs/roadmap.md': checklist(2, 'Doc task') } });
    await h.settle();
    const ms = performance.now() - started;
    const after = managedIssues(h.emulator, owner, 'app');
    expect(after.filter((i) => readMarker(i.body)?.file === 'ROADMAP.md' && i.state === 'open')).toHaveLength(3);
    expect(after.filter((i) => readMarker(i.body)?.file === 'docs/roadmap.md')).toHaveLength(2);
    expect(after).toHaveLength(5);
    expectClean();
    console.info(`[figures] refused before parsing:\n  ${refusals.join('\n  ')}\n  push of a 100,000-item ROADMAP.md + a 1,000-deep TODO.md + a normal file, converged in ${ms.toFixed(0)} ms: the normal file synced, the 3 existing issues kept open`);
  });
});
