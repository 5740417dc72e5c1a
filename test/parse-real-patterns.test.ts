import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Config, configSchema, DEFAULT_CONFIG } from '../src/core/config/config.js';
import type { RoadmapFile } from '../src/core/roadmap/model.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { generateRoadmap } from '../bench/generate-roadmap.js';

/** Patterns met in real roadmaps (one small hand-written fixture each, in test/fixtures/parse). */
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'parse');
const parse = (name: string, config: Config = DEFAULT_CONFIG): RoadmapFile =>
  parseRoadmapFile(`docs/${name}`, readFileSync(path.join(dir, name), 'utf8'), config);
const titles = (file: RoadmapFile): string[] => file.items.map((i) => i.title);

describe('versions stay in milestone names', () => {
  it('keeps 1.0 / 2.0 / 2025 Q3 and does not merge two "Features" milestones', () => {
    const file = parse('version-headings.md');
    expect(file.milestones.map((m) => m.title)).toEqual(['1.0 Features', '2.0 Features', '2.0 Scenarios', '2025 Q3']);
    expect(file.items.map((i) => i.milestone)).toEqual(['1.0 Features', '1.0 Features', '2.0 Features', '2.0 Scenarios', '2025 Q3']);
  });

  it('drops outline numbering of sibling headings in sequence', () => {
    const file = parse('outline-numbering.md');
    expect(file.milestones.map((m) => m.title)).toEqual(['Storage', 'Search', 'Sharing']);
    expect(file.items.find((i) => i.title === 'Incremental index')?.labels).toEqual(['Indexing']);
    expect(file.items.find((i) => i.title === 'Incremental index')?.headingPath).toEqual(['Gadget Plan', 'Search', 'Indexing']);
  });
});

describe('titles', () => {
  it('takes the lead phrase, drops size and effort tags, stays within 120 characters', () => {
    const file = parse('long-titles.md');
    expect(titles(file)).toEqual([
      'Plugin marketplace',
      'Offline sync',
      'Rewrite the renderer',
      'Faster cold start',
      'Dark mode',
      'Support importing projects from three other tools',
      'Migrate every stored document to the new schema while the service keeps serving reads and writes without any downtime…',
      '!Fix the crash on exit',
    ]);
    for (const item of file.items) expect(item.title.length).toBeLessThanOrEqual(120);
    // the full text stays for the issue body, and the key comes from it (unchanged when only the title rule changes)
    expect(file.items[0]?.text).toContain('third-party developers');
    expect(file.items[2]?.text).toBe('Rewrite the renderer (XL)');
  });
});

describe('titles keep names from inline code', () => {
  it('keeps the underscores of `__init__.py`, `Question.__dict__` and `__Host-`', () => {
    const file = parseRoadmapFile('ROADMAP.md', '# P\n\n## Next\n- Fix `Question.__dict__` access in `__init__.py`\n- Support `__Host-` cookies\n- **Bold** title\n', DEFAULT_CONFIG);
    expect(titles(file)).toEqual(['Fix Question.__dict__ access in __init__.py', 'Support __Host- cookies', 'Bold title']);
  });
});

describe('lists that are not work', () => {
  it('puts legends, definitions, tables of contents, context and summary lists in bodies, not issues', () => {
    const file = parse('not-work-lists.md');
    expect(titles(file)).toEqual(['Plugin marketplace', 'Offline sync', 'Theme editor', 'Voice commands']);
    const next = file.milestones.find((m) => m.title === 'Next');
    expect(next?.description).toContain('✅ = done');
    expect(next?.description).toContain('Mandatory: the release cannot ship without it');
    expect(next?.description).toContain('Teams share plugins');
  });

  it('reads a table of contents in any language as not work', () => {
    const text = '# Plan\n\n## İçindekiler\n\n- [Sonraki](#sonraki)\n\n## Sonraki\n\n* [Giriş](#giris)\n* [Ayarlar](#ayarlar)\n\n- Yeni ayar ekranı\n';
    expect(parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG).items.map((i) => i.title)).toEqual(['Yeni ayar ekranı']);
  });
});

describe('area labels only where they distinguish items', () => {
  it('drops an area label every item of the file carries', () => {
    const file = parse('shared-area.md');
    expect(file.items.map((i) => [i.title, i.milestone, i.labels])).toEqual([
      ['Usage dashboard', 'Q3 2025', []],
      ['Team billing', 'Q4 2025', []],
    ]);
    expect(file.milestones.map((m) => m.dueOn)).toEqual(['2025-09-30', '2025-12-31']);
  });

  it('shortens a long area heading at its first separator', () => {
    const text =
      '# P\n\n## Next\n\n### Search: ranking, facets and typo tolerance for every language we support\n\n- Facets\n\n### Billing\n\n- Invoices\n';
    const file = parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG);
    expect(file.items.map((i) => i.labels)).toEqual([['Search'], ['Billing']]);
  });
});

describe('which structure a file has', () => {
  it('takes items from headings whose sections hold prose and no lists, and says so', () => {
    const file = parse('prose-headings.md');
    expect(file.structure).toEqual({ kind: 'headings', reason: 'level-3 headings hold prose and no task lists (3 of 3)', itemLevel: 3 });
    expect(file.items.map((i) => [i.title, i.milestone])).toEqual([
      ['Pattern matching', 'Language'],
      ['String templates', 'Language'],
      ['Watch mode', 'Tooling'],
    ]);
    expect(file.items[0]?.details).toContain('Match on the shape of a value');
  });

  it('reports list roadmaps and the configured item level', () => {
    expect(parse('outline-numbering.md').structure).toEqual({ kind: 'lists', reason: 'list items' });
    const config = configSchema.parse({ headings: { itemLevel: 3 } });
    expect(parse('prose-headings.md', config).structure).toEqual({ kind: 'headings', reason: 'headings.itemLevel: 3', itemLevel: 3 });
  });
});

describe('plain-text continuation lines', () => {
  it('keeps a wrapped line in the title, and reads a lazy line that starts like another item as an item of its own', () => {
    const file = parse('plain-bullets.txt');
    expect(titles(file)).toEqual([
      'Rewrite the config loader so it reads nested sections',
      'Faster startup',
      'Better error messages',
      'Smarter completion',
      'Remember the last directory',
    ]);
    expect(file.items.map((i) => i.line)).toEqual([2, 4, 5, 6, 7]);
    // the item above no longer carries the line in its text (nor in its issue body)
    expect(file.items[1]?.text).not.toContain('Better error messages');
    expect(file.items[3]?.text).not.toContain('Remember');
    const text = readFileSync(path.join(dir, 'plain-bullets.txt'), 'utf8');
    const better = file.items[2];
    expect(text.slice(better?.source.start, better?.source.end)).toBe('• Better error messages');
    expect(text.slice(better?.source.contentStart, better?.source.firstParagraphEnd)).toBe('Better error messages');
    expect(text.slice(file.items[1]?.source.start, file.items[1]?.source.end)).toBe('* Faster startup');
    expect(new Set(file.items.map((i) => i.key)).size).toBe(5);
  });

  it('does not split a markdown file, nor a continuation line that opens with emphasis', () => {
    const md = parseRoadmapFile('R.md', '# R\n\n- Faster startup\n•Better errors\n', DEFAULT_CONFIG);
    expect(md.items).toHaveLength(1);
    const emphasis = parseRoadmapFile('TODO', 'TODO:\n* Faster startup\n*really* soon\n', DEFAULT_CONFIG);
    expect(titles(emphasis)).toEqual(['Faster startup really soon']);
  });
});

describe('definition lists, notes beside tasks and task scopes', () => {
  it('reads fact lists, status legends and path lists as not work, but keeps area-prefixed tasks and estimated work', () => {
    const file = parse('definition-lists.md');
    expect(titles(file)).toEqual(['Search: add fuzzy matching of plant names', 'Export: write the calendar as iCal', 'Login']);
    expect(file.milestones.map((m) => m.title)).toEqual(['Next']);
  });

  it('puts labelled notes beside a task list, done reports and a bold task\'s bullets into bodies', () => {
    const file = parse('notes-beside-tasks.md');
    expect(titles(file)).toEqual([
      'Store the watering interval per plant',
      'Send a reminder at 8 am',
      'Warn before frost',
      'Alert by mail',
      'Alert by SMS',
      'Pick a provider',
      'Share a garden with a friend',
    ]);
    const warn = file.items.find((i) => i.title === 'Warn before frost');
    expect(warn?.children).toEqual([]);
    expect(warn?.details).toContain('Read the forecast every evening');
    expect(file.items.find((i) => i.title === 'Alert by mail')?.details).toContain('Wrote the mail template');
    // a plain bullet under a task that is no bold title stays its sub-task
    const sms = file.items.find((i) => i.title === 'Alert by SMS');
    expect(file.items.find((i) => i.title === 'Pick a provider')?.parent).toBe(sms?.key);
    expect(file.milestones.find((m) => m.title === 'Phase 1')?.description).toContain('src/reminders.py');
  });
});

describe('titles from tasks with marks and notes', () => {
  it('takes a bold title before metadata, drops status marks, stops at a first line that ends a sentence, drops a restating list', () => {
    const file = parse('task-titles.md');
    expect(titles(file)).toEqual([
      'Menu board',
      'Card payments',
      'Print receipts',
      'Daily specials',
      'Rotate the screen when the kiosk is mounted upright, so the menu stays readable',
      'Search menu items',
    ]);
  });
});

describe('lists that look alike are not summaries', () => {
  it('keeps templated items that differ in their numbers (Item 0 … component 1-1-0 vs Item 20 … component 1-2-0)', () => {
    const file = parseRoadmapFile('ROADMAP.md', generateRoadmap(60), DEFAULT_CONFIG);
    expect(file.items).toHaveLength(60);
  });
});

describe('heading proposals', () => {
  it('skips question headings, reads leaf headings above the item level as items, keeps tracking links in the body', () => {
    const file = parse('heading-proposals.md');
    expect(file.structure?.kind).toBe('headings');
    expect(titles(file)).toEqual(['Currents', 'Evaporation', 'Fish schools', 'Night mode']);
    expect(file.items.find((i) => i.title === 'Fish schools')?.details).toContain('#12');
    expect(file.items.find((i) => i.title === 'Currents')?.milestone).toBe('Water');
  });
});

describe('table variants', () => {
  it('gives no milestone from a column of distinct versions, no priority from a colour mark, and no items from a comparison with worded marks', () => {
    const file = parse('table-variants.md');
    expect(titles(file)).toEqual(['Sourdough page', 'Online orders', 'Loyalty card']);
    expect(file.milestones).toEqual([]);
    expect(file.items.map((i) => i.labels)).toEqual([[], ['priority: high'], ['priority: low']]);
    expect(file.items[0]?.details).toContain('**Version:** 2025-02-01 1.0.0');
  });
});

describe('headings that open with prose', () => {
  it('reads them as items with their bullets in the body, and drops the list naming them', () => {
    const file = parse('prose-with-bullets.md');
    expect(file.structure).toEqual({ kind: 'headings', reason: 'level-3 headings open with prose, their bullets go in the body (2 of 2)', itemLevel: 3 });
    expect(titles(file)).toEqual(['Night shifts', 'Weather']);
    expect(file.items[0]?.details).toContain('- A handover checklist');
    expect(file.items[1]?.children).toEqual([]);
  });

  it('keeps reading by lists when a section opens with a label line or holds a task list', () => {
    const labelled = parseRoadmapFile('R.md', '# R\n\n## A\n\n**Status:** planned for the spring release of the app, maybe later\n\n- one\n\n## B\n\n**Status:** planned for the summer release of the app, maybe later\n\n- two\n', DEFAULT_CONFIG);
    expect(labelled.structure?.kind).toBe('lists');
    const tasks = parseRoadmapFile('R.md', '# R\n\n## A\n\nA paragraph of prose that explains this part of the plan well.\n\n- [ ] one\n\n## B\n\nA paragraph of prose that explains the other part of the plan.\n\n- two\n', DEFAULT_CONFIG);
    expect(tasks.structure?.kind).toBe('lists');
  });
});
