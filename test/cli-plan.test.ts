/** `roadmap-sync plan`, offline: the tree and summary of seeds/, the --json shape, and its errors. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { Capture } from './helpers/capture.js';
import { SEEDS_DIR } from './helpers/sync-harness.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'roadmap-sync-plan-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dir(name: string, files: Record<string, string>): string {
  const root = path.join(tmp, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string[] }> {
  const out = new Capture();
  const err = new Capture();
  const code = await main(argv, out, err);
  return { code, out: out.text, err: err.lines };
}

describe('roadmap-sync plan', () => {
  it('prints a tree per file and the summary line for seeds/', async () => {
    const { code, out, err } = await run('plan', SEEDS_DIR);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    const lines = out.trimEnd().split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '000_73e3fa0e1b9c444b.txt',
      '  read as list items',
      '  ◆ Backend Enhancements',
      '    [ ] Authentication System  (roadmap; line 7)',
      '      [ ] Implement JWT-based authentication  (roadmap; line 8)',
    ]);
    expect(lines.filter((l) => /^\d{3}_[0-9a-f]{16}\.txt$/.test(l))).toHaveLength(5);
    expect(lines.at(-1)).toBe('5 files · 571 items (0 checked) · 28 milestones · 68 labels');
  });

  it('--json: items with key, file, line, title, checked, milestone, labels, parent, issue; files; milestones; labels; problems', async () => {
    const { code, out } = await run('plan', '--json', SEEDS_DIR);
    expect(code).toBe(0);
    const doc = JSON.parse(out) as { items: Array<Record<string, unknown>>; files: Array<Record<string, unknown>>; milestones: unknown[]; labels: Array<Record<string, unknown>>; problems: unknown[] };
    expect(Object.keys(doc).sort()).toEqual(['files', 'items', 'labels', 'milestones', 'problems']);
    expect(doc.files).toHaveLength(5);
    expect(doc.files[0]).toEqual({ path: '000_73e3fa0e1b9c444b.txt', items: 92, structure: { kind: 'lists', reason: 'list items' }, refused: null });
    expect(doc.items.every((i) => (i.issue as { created: boolean }).created)).toBe(true);
    expect(doc.items).toHaveLength(571);
    expect(doc.milestones).toHaveLength(28);
    expect(doc.labels).toHaveLength(68);
    for (const item of doc.items) expect(Object.keys(item).sort()).toEqual(['checked', 'file', 'issue', 'key', 'labels', 'line', 'milestone', 'parent', 'title']);
    const keys = new Set(doc.items.map((i) => i.key));
    expect(keys.size).toBe(571);
    for (const item of doc.items) if (item.parent !== null) expect(keys.has(item.parent as string)).toBe(true);
    expect(doc.items[1]).toMatchObject({ file: '000_73e3fa0e1b9c444b.txt', line: 8, title: 'Implement JWT-based authentication', checked: false, milestone: 'Backend Enhancements', parent: doc.items[0]?.key });
    expect(doc.labels[0]).toEqual({ name: 'roadmap', color: '0e8a16', description: expect.any(String) });
  });

  it('a FILE is read as a roadmap whatever its name', async () => {
    const { code, out } = await run('plan', path.join(SEEDS_DIR, '001_09ce0ff9edf03996.txt'));
    expect(code).toBe(0);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^1 file · \d+ items \(0 checked\)/);
  });

  describe('errors: one line on stderr, exit 2', () => {
    const failsWith = async (argv: string[], line: RegExp): Promise<void> => {
      const { code, out, err } = await run(...argv);
      expect(err).toEqual([expect.stringMatching(line)]);
      expect(out).toBe('');
      expect(code).toBe(2);
    };

    it('a missing file', async () => {
      await failsWith(['plan', path.join(tmp, 'nope.md')], /^roadmap-sync: .*nope\.md: no such file or directory$/);
    });

    it('a directory without roadmap files', async () => {
      const root = dir('empty', { 'README.md': '# Hello\n' });
      await failsWith(['plan', root], /^roadmap-sync: .*empty: no roadmap files \(looked for /);
    });

    it("a bad config in the directory", async () => {
      const root = dir('bad-config', { 'ROADMAP.md': '- [ ] a\n', '.github/roadmap-sync.yml': 'files: [1]\n' });
      await failsWith(['plan', root], /^roadmap-sync: .*roadmap-sync\.yml: files\[0\]: expected string, got number$/);
    });

    it('a bad --config file, and one that is not YAML', async () => {
      const root = dir('bad-flag', { 'ROADMAP.md': '- [ ] a\n', 'bad.yml': 'removed: maybe\n', 'broken.yml': 'files: [\n' });
      await failsWith(['plan', root, '--config', path.join(root, 'bad.yml')], /^roadmap-sync: .*bad\.yml: removed: /);
      await failsWith(['plan', root, '--config', path.join(root, 'broken.yml')], /^roadmap-sync: .*broken\.yml: invalid YAML/);
    });

    it('an unknown command or option', async () => {
      await failsWith(['plna'], /^roadmap-sync: unknown command "plna"/);
      await failsWith(['plan', '--frobnicate'], /^roadmap-sync: .*frobnicate/);
    });
  });
});

describe('roadmap-sync plan: files that give no items, and the exit code', () => {
  it('headings with prose: names the count and headings.itemLevel; exit 1', async () => {
    const root = dir('prose-headings', { 'ROADMAP.md': '# Plan\n\n## Search\n\nFast search.\n\n## Export\n\nCSV export.\n\n## Sharing\n\nLinks.\n' });
    const { code, out } = await run('plan', root);
    expect(code).toBe(1);
    expect(out).toContain('! no items: 3 level-2 headings with prose: try headings.itemLevel: 2');
  });

  it('only prose; an empty file; a table without a title column: exit 1 with what was seen', async () => {
    const root = dir('no-items', {
      'ROADMAP.md': 'We will make it faster.\n\nAnd nicer.\n',
      'docs/roadmap.md': '',
      'TODO.md': '| When | Who |\n|---|---|\n| May | Ana |\n',
    });
    const { code, out } = await run('plan', root);
    expect(code).toBe(1);
    expect(out).toContain('! no items: only prose (2 paragraphs');
    expect(out).toContain('! no items: the file is empty');
    expect(out).toContain('! no items: a table with columns When | Who (line 1)');
    const compare = dir('compare', { 'ROADMAP.md': '| Feature | Us | Them |\n|---|---|---|\n| Sync | ✅ | ❌ |\n| Export | yes | no |\n' });
    const compared = await run('plan', compare);
    expect(compared.code).toBe(1);
    expect(compared.out).toContain('! no items: a table with columns Feature | Us | Them (line 1) compares with marks (✅/❌, yes/no): not work; add a Status column');
  });

  it('a file over a parse limit exits 2 naming the limit; a binary file exits 2; the worst code wins', async () => {
    const root = dir('refused', { 'ROADMAP.md': '- [ ] fine\n', 'TODO.md': `${'- x\n'.repeat(20_001)}`, 'docs/roadmap.md': '- [ ] a\u0000b\n' });
    const { code, out } = await run('plan', root);
    expect(code).toBe(2);
    expect(out).toMatch(/! line \?: not parsed: .*\(limit: [^)]+\)/);
    expect(out).toContain('! binary file (it holds NUL bytes): not read');
    expect((await run('plan', path.join(root, 'ROADMAP.md'))).code).toBe(0);
  });

  it('raw HTML: its lists are read; HTML without a list, or whose lists are not work, says so', async () => {
    const root = dir('html-only', { 'ROADMAP.md': '<div>\n  <ul><li>Search</li></ul>\n</div>\n' });
    const read = await run('plan', root);
    expect(read.code).toBe(0);
    expect(read.out).toContain('[ ] Search  (roadmap; line 2)');
    const bare = dir('html-bare', { 'ROADMAP.md': '<p align="center">\n  <img src="logo.png">\n</p>\n' });
    const { code, out } = await run('plan', bare);
    expect(code).toBe(1);
    expect(out).toContain('! no items: only raw HTML (1 block) and no list in it: write the work as list items');
    const toc = dir('html-toc', { 'ROADMAP.md': '<ul>\n  <li><a href="#a">A</a></li>\n  <li><a href="#b">B</a></li>\n</ul>\n' });
    const notWork = await run('plan', toc);
    expect(notWork.code).toBe(1);
    expect(notWork.out).toContain('! no items: 1 list, all under skipped sections or context bullets');
  });

  it('--json lists the same notes as problems, with the same exit code', async () => {
    const root = dir('json-empty', { 'ROADMAP.md': '' });
    const { code, out } = await run('plan', '--json', root);
    expect(code).toBe(1);
    expect((JSON.parse(out) as { problems: unknown[] }).problems).toEqual([{ file: 'ROADMAP.md', line: null, message: 'no items: the file is empty' }]);
  });
});

describe('roadmap-sync plan: the tree and the JSON say what the issues get', () => {
  const root = dir('checked', { 'ROADMAP.md': '## v1\n\n### High priority\n\n- [x] Done thing\n- [ ] Open thing\n- [x] Other done thing\n' });

  it('--json labels are the issue labels, the roadmap label included', async () => {
    const doc = JSON.parse((await run('plan', '--json', root)).out) as { items: Array<{ labels: string[] }> };
    expect(doc.items.map((i) => i.labels)).toEqual([
      ['roadmap', 'priority: high'],
      ['roadmap', 'priority: high'],
      ['roadmap', 'priority: high'],
    ]);
  });

  it('the tree marks checked items that get no issue and counts the issues', async () => {
    const { code, out } = await run('plan', root);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines).toContain('    [x] Done thing  (roadmap, priority: high; line 5)  — no issue (checked: skip)');
    expect(lines).toContain('    [ ] Open thing  (roadmap, priority: high; line 6)');
    expect(lines.at(-2)).toBe('1 issue will be created; 2 checked items get none (checked: skip)');
    expect(lines.at(-1)).toMatch(/^1 file · 3 items \(2 checked\) · /);
  });

  it('with checked: create-closed every item gets an issue', async () => {
    const withConfig = dir('checked-closed', { 'ROADMAP.md': '- [x] a\n- [ ] b\n', '.github/roadmap-sync.yml': 'checked: create-closed\n' });
    const lines = (await run('plan', withConfig)).out.trimEnd().split('\n');
    expect(lines.at(-2)).toBe('2 issues will be created (1 closed, as checked: create-closed)');
    const doc = JSON.parse((await run('plan', '--json', withConfig)).out) as { items: Array<{ title: string; issue: unknown }> };
    expect(doc.items.map((i) => [i.title, i.issue])).toEqual([
      ['a', { created: true, closed: true, why: null }],
      ['b', { created: true, closed: false, why: null }],
    ]);
  });

  it('--json says per item whether it gets an issue and why not, as the tree marks it', async () => {
    const { out } = await run('plan', '--json', root);
    const doc = JSON.parse(out) as { items: Array<{ title: string; issue: { created: boolean; closed: boolean; why: string | null } }> };
    expect(doc.items.map((i) => [i.title, i.issue])).toEqual([
      ['Done thing', { created: false, closed: false, why: 'checked: skip' }],
      ['Open thing', { created: true, closed: false, why: null }],
      ['Other done thing', { created: false, closed: false, why: 'checked: skip' }],
    ]);
    const tree = (await run('plan', root)).out.trimEnd().split('\n');
    for (const item of doc.items) {
      const line = tree.find((l) => l.includes(` ${item.title}  (`)) ?? '';
      expect(line.endsWith(`— no issue (${item.issue.why ?? ''})`)).toBe(!item.issue.created);
    }
  });
});

describe('roadmap-sync plan: which structure each file was read by', () => {
  const root = dir('structures', {
    'docs/LISTS.md': '# Roadmap\n\n## v1\n\n- [ ] Search\n- [ ] Export\n',
    'docs/PROPOSALS.md':
      '# Ideas\n\n## Water\n\n### Currents\n\nWater should move between ponds with a speed that depends on the height.\n\n' +
      '### Evaporation\n\nOn hot days the level should drop slowly and come back with the rain.\n',
    'docs/TABLE.md': '# Plan\n\n| Task | Status |\n|------|--------|\n| Search | Done |\n| Export | Todo |\n',
    '.github/roadmap-sync.yml': 'files: ["docs/*.md"]\n',
  });

  it('prints it under each file in the tree and gives it per file in --json', async () => {
    const { code, out } = await run('plan', root);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    const under = (file: string): string | undefined => lines[lines.indexOf(file) + 1];
    expect(under('docs/LISTS.md')).toBe('  read as list items');
    expect(under('docs/PROPOSALS.md')).toBe('  read as level-3 headings: level-3 headings hold prose and no task lists (2 of 2)');
    expect(under('docs/TABLE.md')).toBe('  read as table rows');
    const doc = JSON.parse((await run('plan', '--json', root)).out) as { files: Array<{ path: string; structure: { kind: string; itemLevel?: number } }> };
    expect(doc.files.map((f) => [f.path, f.structure.kind, f.structure.itemLevel ?? null])).toEqual([
      ['docs/LISTS.md', 'lists', null],
      ['docs/PROPOSALS.md', 'headings', 3],
      ['docs/TABLE.md', 'table', null],
    ]);
  });

  it('says the configured item level', async () => {
    const configured = dir('structures-configured', {
      'ROADMAP.md': '# R\n\n## Area\n\n### Search\n\n- step one\n',
      '.github/roadmap-sync.yml': 'headings:\n  itemLevel: 3\n',
    });
    const lines = (await run('plan', configured)).out.trimEnd().split('\n');
    expect(lines[1]).toBe('  read as level-3 headings: headings.itemLevel: 3');
  });
});
