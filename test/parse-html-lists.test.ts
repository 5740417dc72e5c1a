import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { planCheckboxEdits, planItemEdits } from '../src/core/checkboxes/plan-checkbox-edits.js';
import { readHtmlLists } from '../src/core/roadmap/html-lists.js';
import type { RoadmapFile, RoadmapItem } from '../src/core/roadmap/model.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { applyEdits } from '../src/core/roadmap/rewrite.js';
import { planStatusMarkEdit } from '../src/core/roadmap/rewrite-status-mark.js';

/** HTML lists in markdown (`<ul>`/`<ol>` with `<li>` in raw HTML blocks) are read like markdown lists. */
const parse = (text: string): RoadmapFile => parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG);
const rows = (file: RoadmapFile): string[] => file.items.map((i) => `${i.line} ${i.checkbox} ${i.milestone ?? '-'} | ${i.title}`);

const timeline = (quarters: Array<[string, string, string[]]>, title: string): string =>
  [
    '---',
    'layout: default',
    '---',
    '',
    `# ${title}`,
    '',
    '<div class="relative mt-8">',
    '  <div class="absolute top-0 left-[120px] w-1"></div>',
    '  ',
    ...quarters.flatMap(([quarter, area, items]) => [
      `  <!-- ${quarter} -->`,
      '  <div class="relative mb-12">',
      '    <div class="absolute left-[110px] w-5 h-5 rounded-full"></div>',
      '    <div class="ml-[150px]">',
      `      <div class="text-xl font-bold mb-2">${quarter}</div>`,
      '      <div class="p-4 rounded-lg">',
      `        <h3 class="font-bold mb-2">${area}</h3>`,
      '        <ul class="space-y-1">',
      ...items.map((item) => `          <li>${item}</li>`),
      '        </ul>',
      '      </div>',
      '    </div>',
      '  </div>',
      '  ',
    ]),
    '</div>',
    '',
  ].join('\n');

describe('an HTML timeline: one section per quarter, an item per <li>', () => {
  it('reads quarters as milestones, <h3> as area labels and status marks as checkboxes (English)', () => {
    const text = timeline(
      [
        ['Q1 2025', 'Core', ['✅ Login', '✅ Data model']],
        ['Q2 2025', 'Growth', ['✅ Search', '⏳ Team workspaces']],
        ['Q3 2025', 'Platform', ['Public API', 'Webhooks']],
      ],
      'Product roadmap',
    );
    const file = parse(text);
    expect(rows(file)).toEqual([
      '18 checked Q1 2025 | Login',
      '19 checked Q1 2025 | Data model',
      '33 checked Q2 2025 | Search',
      '34 unchecked Q2 2025 | Team workspaces',
      '48 none Q3 2025 | Public API',
      '49 none Q3 2025 | Webhooks',
    ]);
    expect(file.milestones.map((m) => [m.title, m.dueOn])).toEqual([
      ['Q1 2025', '2025-03-31'],
      ['Q2 2025', '2025-06-30'],
      ['Q3 2025', '2025-09-30'],
    ]);
    expect(file.items.map((i) => i.labels)).toEqual([['Core'], ['Core'], ['Growth'], ['Growth'], ['Platform'], ['Platform']]);
    expect(file.structure?.kind).toBe('lists');
    expect(file.problems).toEqual([]);
  });

  it('reads the same in another language (Chinese areas, Spanish stages)', () => {
    const zh = parse(timeline([['2024年第一季度', '核心功能开发', ['✅ 用户认证系统', '⏳ 移动应用开发']], ['2024年第二季度', '企业功能', ['企业级安全']]], '产品路线图'));
    expect(rows(zh)).toEqual(['18 checked 2024年第一季度 | 用户认证系统', '19 unchecked 2024年第一季度 | 移动应用开发', '33 none 2024年第二季度 | 企业级安全']);
    expect(zh.items.map((i) => i.labels)).toEqual([['核心功能开发'], ['核心功能开发'], ['企业功能']]);
    const es = parse(timeline([['En progreso', 'Núcleo', ['🔄 Búsqueda']], ['Próximamente', 'Plataforma', ['✔️ Exportar']]], 'Hoja de ruta'));
    expect(rows(es)).toEqual(['18 unchecked En progreso | Búsqueda', '32 checked Próximamente | Exportar']);
  });

  it('gives each item a source at its <li>, its words past the status mark, the mark itself', () => {
    const text = timeline([['Q1 2025', 'Core', ['✅ Login', 'Export <b>CSV</b>']]], 'Roadmap');
    const [login, exportItem] = parse(text).items as [RoadmapItem, RoadmapItem];
    expect(login.source.kind).toBe('html');
    expect(text.slice(login.source.start, login.source.end)).toBe('<li>✅ Login</li>');
    expect(text.slice(login.source.contentStart, login.source.firstParagraphEnd)).toBe('Login');
    const mark = login.source.html?.mark;
    expect(mark && text.slice(mark.start, mark.end)).toBe('✅');
    expect(login.source.checkbox).toBeNull();
    expect(text.slice(exportItem.source.contentStart, exportItem.source.firstParagraphEnd)).toBe('Export <b>CSV</b>');
    expect(exportItem.source.html?.mark).toBeNull();
    expect(exportItem.text).toBe('Export <b>CSV</b>');
  });

  it('keeps offsets right after a byte order mark and with CRLF line endings', () => {
    const text = '\uFEFF# Roadmap\r\n\r\n<h2>v1.0</h2>\r\n<ul>\r\n  <li>☑ Sign in &amp; out</li>\r\n\r\n  <li>Share</li>\r\n</ul>\r\n';
    const file = parse(text);
    expect(rows(file)).toEqual(['5 checked v1.0 | Sign in & out', '7 none v1.0 | Share']);
    const [first, second] = file.items as [RoadmapItem, RoadmapItem];
    expect(text.slice(first.source.contentStart, first.source.firstParagraphEnd)).toBe('Sign in &amp; out');
    expect(text.slice(second.source.start, second.source.end)).toBe('<li>Share</li>');
  });
});

describe('headings and sections of HTML lists', () => {
  it('<h2> gives milestones as ## does, and nested lists give sub-items', () => {
    const html = parse('# Plan\n\n<h2>Now</h2>\n<ul>\n<li>Search<ul><li>Index</li><li>Ranking</li></ul></li>\n<li>Export</li>\n</ul>\n<h2>Later</h2>\n<ol><li>Themes</li></ol>\n');
    const markdown = parse('# Plan\n\n## Now\n\n- Search\n  - Index\n  - Ranking\n- Export\n\n## Later\n\n1. Themes\n');
    expect(html.items.map((i) => [i.title, i.milestone])).toEqual(markdown.items.map((i) => [i.title, i.milestone]));
    const [search, index] = html.items as [RoadmapItem, RoadmapItem];
    expect(index.parent).toBe(search.key);
    expect(search.children).toHaveLength(2);
  });

  it('a heading-like text right before a list is its section: bold, a <summary>, or a quarter/version', () => {
    const file = parse(
      [
        '# Roadmap',
        '',
        '<p><b>Backend</b></p>',
        '<ul><li>Cache</li></ul>',
        '<p><strong>Frontend</strong></p>',
        '<ul><li>Dark mode</li></ul>',
        '',
        '<details>',
        '<summary>v2.0</summary>',
        '<ul><li>Plugins</li></ul>',
        '</details>',
        '',
        '<div>2026-03</div>',
        '<ul><li>Mobile</li></ul>',
        '',
      ].join('\n'),
    );
    expect(file.items.map((i) => [i.title, i.milestone])).toEqual([
      ['Cache', 'Backend'],
      ['Dark mode', 'Frontend'],
      ['Plugins', 'v2.0'],
      ['Mobile', '2026-03'],
    ]);
  });

  it('plain text or a label before a list is no heading: a label is context, as in markdown', () => {
    const file = parse('# Roadmap\n\n## v1\n\n<p>We plan to ship these over the summer with the community.</p>\n<ul><li>Sync</li></ul>\n<p>Benefits:</p>\n<ul><li>Faster</li><li>Cheaper</li></ul>\n');
    expect(file.items.map((i) => [i.title, i.milestone])).toEqual([['Sync', 'v1']]);
    expect(file.milestones[0]?.description).toContain('Benefits:');
  });

  it('lists that are not work stay so: a table of contents, a skipped section', () => {
    const file = parse(
      '# Roadmap\n\n<ul><li><a href="#now">Now</a></li><li><a href="#next">Next</a></li></ul>\n\n## Now\n\n- [ ] Search\n\n<h2>Changelog</h2>\n<ul><li>✅ Fixed a crash</li></ul>\n',
    );
    expect(file.items.map((i) => i.title)).toEqual(['Search']);
  });

  it('markdown headings around HTML lists still give their section', () => {
    const file = parse('# Roadmap\n\n## Fase 1\n\n<ul>\n  <li>✅ Autenticación</li>\n  <li>Exportar</li>\n</ul>\n\n## Fase 2\n\n- [ ] Temas\n');
    expect(rows(file)).toEqual(['6 checked Fase 1 | Autenticación', '7 none Fase 1 | Exportar', '12 unchecked Fase 2 | Temas']);
  });

  it('an HTML table of contents is skipped, and HTML headings end at the next markdown heading', () => {
    const text = [
      '<div align="center">',
      '  <h3 align="center">Best App</h3>',
      '</div>',
      '',
      '<details>',
      '  <summary>Table of Contents</summary>',
      '  <ol>',
      '    <li><a href="#about">About</a><ul><li><a href="#built-with">Built With</a></li></ul></li>',
      '    <li><a href="#roadmap">Roadmap</a></li>',
      '  </ol>',
      '</details>',
      '',
      '## About',
      '',
      'An app.',
      '',
      '## Roadmap',
      '',
      '- [x] Add changelog',
      '- [ ] Multi-language support',
      '',
      '<h3>Ideas</h3>',
      '<ul><li>Plugins</li></ul>',
      '',
      '## Later',
      '',
      '- [ ] Themes',
      '',
    ].join('\n');
    const file = parse(text);
    expect(file.items.map((i) => [i.title, i.milestone, i.labels.join(',')])).toEqual([
      ['Add changelog', 'Roadmap', ''],
      ['Multi-language support', 'Roadmap', ''],
      ['Plugins', 'Roadmap', 'Ideas'],
      ['Themes', 'Later', ''],
    ]);
  });

  it('lists in an HTML table are items of the section the table is in; header cells head no list', () => {
    const file = parse('# Roadmap\n\n## v3\n\n<table>\n<tr><th>Now</th><th>Next</th></tr>\n<tr><td><ul><li>Search</li></ul></td><td><ul><li>Export</li></ul></td></tr>\n</table>\n');
    expect(file.items.map((i) => [i.title, i.milestone])).toEqual([['Search', 'v3'], ['Export', 'v3']]);
  });

  it('a status mark that a legend defines is no status (`✅ = done`)', () => {
    const file = parse('## Next\n\n<ul><li>✅ = done</li><li>⏳ = waiting</li></ul>\n\n- [ ] Search\n');
    expect(file.items.map((i) => i.title)).toEqual(['Search']);
  });
});

describe('ordinary markdown with incidental HTML reads as before', () => {
  const incidental = [
    '<a id="top"></a>',
    '<p align="right"><img src="logo.png" width="80"></p>',
    '',
    '# Roadmap',
    '',
    '## v1',
    '',
    '- [ ] Search<br>with filters',
    '- [x] Export',
    '',
    '<details>',
    '<summary>Done</summary>',
    '',
    '- [x] Login',
    '',
    '</details>',
    '',
    '<p align="center">Made with ♥</p>',
    '',
  ].join('\n');

  it('leaves the document as remark read it when no HTML block holds an <li>', () => {
    const root = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).parse(incidental);
    expect(readHtmlLists(root, incidental, DEFAULT_CONFIG).root).toBe(root);
    expect(parse(incidental).items.map((i) => [i.title, i.checkbox, i.milestone, i.source.kind])).toEqual([
      ['Search with filters', 'unchecked', 'v1', 'list'],
      ['Export', 'checked', 'v1', 'list'],
      ['Login', 'checked', 'v1', 'list'],
    ]);
  });
});

describe('malformed HTML', () => {
  it('reads what can be read and says the rest may be missing, never throws', () => {
    const file = parse('## Next\n\n<ul>\n<li>Alpha</li>\n<li>Beta\n<li class="broken\n');
    expect(file.items.map((i) => i.title)).toEqual(['Alpha', 'Beta']);
    expect(file.problems.map((p) => [p.line, p.message])).toEqual([[6, 'malformed HTML (Unexpected end of file in tag): only what could be recovered is read']]);
    // the comment swallows the rest of its HTML block (to the blank line), not the markdown after it
    const comment = parse('<ul><li>Alpha</li></ul>\n<!-- <ul><li>old</li></ul>\n\n- [ ] Beta\n');
    expect(comment.items.map((i) => i.title)).toEqual(['Alpha', 'Beta']);
    expect(comment.problems[0]?.message).toContain('Unexpected end of file in comment');
  });

  it('unbalanced tags across blocks are no problem', () => {
    const file = parse('<div>\n<div>\n\n<div><b>Q3 2025</b></div>\n<ul><li>Alpha</li></ul>\n</div>\n<div><b>Q4 2025</b></div>\n<ul><li>Beta</li></ul>\n</div>\n</div>\n');
    expect(rows(file)).toEqual(['5 none Q3 2025 | Alpha', '8 none Q4 2025 | Beta']);
    expect(file.problems).toEqual([]);
  });

  it('HTML nested too deeply to read is a problem, not a crash', () => {
    const file = parse(`## v1\n\n- [ ] Search\n\n${'<div>'.repeat(60_000)}<ul><li>Deep</li></ul>\n`);
    expect(file.refused).toBeUndefined();
    expect(file.items.map((i) => i.title)).toEqual(['Search']);
    expect(file.problems.map((p) => p.message)).toEqual(['HTML not read (nested too deeply): its lists give no items']);
  });

  it('an element left open at the end of the file ends at the end of the text (found by the property below)', () => {
    const text = '<ul><li>--><!--';
    const [item] = parse(text).items;
    expect(item?.source.start).toBe(4);
    expect(item?.source.end).toBe(text.length);
  });

  it('never throws on generated HTML; sources start at <li and stay within the text', () => {
    const piece = fc.constantFrom(
      '<ul>', '</ul>', '<ol start="3">', '</ol>', '<li>', '</li>', '<li class="a', '<h3>', '</h3>', '<div class="font-bold">', '</div>', '<b>', '</b>',
      '<details>', '<summary>', '</summary>', '<!--', '-->', '<br>', '<a href="#x">', '</a>', '<pre>', '</pre>', '<p>', '</p>', '&amp;', '&#9989;',
      '✅', '⏳', '🔄 ', '✔️', 'Q1 2025', 'Search', 'v2', 'Notes', ':', '=', '\n', '\r\n', '\n\n', '  ', '- [ ] md', '# H', '\uFEFF', '\u0000',
    );
    const doc = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(doc, (text) => {
        const file = parse(text);
        expect(file.refused).toBeUndefined();
        for (const item of file.items) {
          const s = item.source;
          expect(0 <= s.start && s.start <= s.contentStart && s.contentStart <= s.firstParagraphEnd && s.firstParagraphEnd <= s.end && s.end <= text.length).toBe(true);
          if (s.kind === 'html') expect(text.slice(s.start, s.start + 3).toLowerCase()).toBe('<li');
        }
      }),
      { numRuns: 800 },
    );
  });
});

describe('checking an HTML item edits its status mark, byte for byte', () => {
  const text = '# Roadmap\n\n## Q2 2025\n\n<ul>\n  <li>✅ Search</li>\n  <li>⏳ Export</li>\n  <li>Themes</li>\n  <li>\n    <b>Sync</b> across devices\n  </li>\n</ul>\n';
  const file = parse(text);
  const item = (title: string): RoadmapItem => file.items.find((i) => i.title === title) as RoadmapItem;
  const edit = (title: string, action: 'check' | 'uncheck' | 'strike', reopen: string | null = null): string =>
    applyEdits(text, planItemEdits(text, item(title), action, reopen) ?? []);

  it('checks: replaces an open mark, or puts the done mark before the words', () => {
    expect(edit('Export', 'check')).toContain('<li>✅ Export</li>');
    expect(edit('Themes', 'check')).toContain('<li>✅ Themes</li>');
    expect(edit('Sync across devices', 'check')).toContain('<li>\n    ✅ <b>Sync</b> across devices\n  </li>');
    expect(edit('Themes', 'strike')).toContain('<li>✅ Themes</li>');
    expect(planItemEdits(text, item('Search'), 'check')).toEqual([]);
    expect(planItemEdits(text, item('Themes'), 'uncheck')).toEqual([]);
  });

  it('unchecks: the earlier mark when known, else the file’s open mark', () => {
    expect(edit('Search', 'uncheck')).toContain('<li>⏳ Search</li>');
    expect(edit('Search', 'uncheck', '')).toContain('<li>Search</li>');
    expect(edit('Search', 'uncheck', '🔄')).toContain('<li>🔄 Search</li>');
  });

  it('close → reopen gives back the bytes; every toggle keeps every key and sets the state', () => {
    const keys = file.items.map((i) => i.key);
    for (const one of file.items) {
      const checked = applyEdits(text, planItemEdits(text, one, 'check') ?? []);
      const after = parse(checked);
      expect(after.items.map((i) => i.key)).toEqual(keys);
      expect(after.items.find((i) => i.key === one.key)?.checkbox).toBe('checked');
      const back = after.items.find((i) => i.key === one.key) as RoadmapItem;
      const was = one.source.html?.mark ? text.slice(one.source.html.mark.start, one.source.html.mark.end) : '';
      const reopened = applyEdits(checked, planItemEdits(checked, back, 'uncheck', one.checkbox === 'checked' ? null : was) ?? []);
      if (one.checkbox !== 'checked') expect(reopened).toBe(text);
      expect(parse(reopened).items.map((i) => i.key)).toEqual(keys);
    }
  });

  it('a file without open marks: check then uncheck adds and removes the done mark', () => {
    const plain = '<ul><li>Alpha</li><li>✔ Beta</li></ul>\n';
    const [alpha, beta] = parse(plain).items as [RoadmapItem, RoadmapItem];
    const checked = applyEdits(plain, planItemEdits(plain, alpha, 'check') ?? []);
    expect(checked).toBe('<ul><li>✔ Alpha</li><li>✔ Beta</li></ul>\n');
    const again = parse(checked).items[0] as RoadmapItem;
    expect(applyEdits(checked, planItemEdits(checked, again, 'uncheck') ?? [])).toBe(plain);
    expect(applyEdits(plain, planItemEdits(plain, beta, 'uncheck') ?? [])).toBe('<ul><li>Alpha</li><li>Beta</li></ul>\n');
  });

  it('refuses a stale source rather than corrupt the file', () => {
    const search = item('Search');
    expect(planStatusMarkEdit(`x${text}`, search.source, false)).toBeNull();
    expect(planStatusMarkEdit(text.replace('✅ Search', '⏳ Search'), search.source, false)).toBeNull();
  });

  it('the app commits it: planCheckboxEdits finds the item by its key and writes the mark', () => {
    const plan = planCheckboxEdits(
      [{ path: 'ROADMAP.md', text }],
      DEFAULT_CONFIG,
      [{ number: 7, title: 'Themes', marker: { file: 'ROADMAP.md', key: item('Themes').key, blob: null } as never, action: 'check' }],
      [],
    );
    expect(plan.missing).toEqual([]);
    expect(plan.files[0]?.text).toBe(text.replace('<li>Themes</li>', '<li>✅ Themes</li>'));
  });
});

const corpusFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpus', 'files', 'APhysickui__Text__templates__roadmap-template.md');

describe.skipIf(!existsSync(corpusFile))('a real HTML roadmap (shared/corpus)', () => {
  it('checking every item at once makes every item checked and keeps every key', () => {
    const text = readFileSync(corpusFile, 'utf8');
    const before = parse(text);
    const edits = before.items.flatMap((item) => planItemEdits(text, item, 'check') ?? []);
    const after = parse(applyEdits(text, edits));
    expect(after.items.map((i) => i.key)).toEqual(before.items.map((i) => i.key));
    expect(after.items.every((i) => i.checkbox === 'checked')).toBe(true);
    const reopened = applyEdits(applyEdits(text, edits), after.items.flatMap((item) => planItemEdits(applyEdits(text, edits), item, 'uncheck') ?? []));
    expect(parse(reopened).items.map((i) => i.key)).toEqual(before.items.map((i) => i.key));
    expect(parse(reopened).items.every((i) => i.checkbox !== 'checked')).toBe(true);
  });
});
