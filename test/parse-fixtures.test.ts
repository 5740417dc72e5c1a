import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Config, configSchema, DEFAULT_CONFIG } from '../src/core/config/config.js';
import type { RoadmapFile, RoadmapItem } from '../src/core/roadmap/model.js';
import { normalizeItemText, parseRoadmap, parseRoadmapFile } from '../src/core/roadmap/parse.js';

/** One small hand-written fixture per oddity met in real roadmaps (test/fixtures/parse). */
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'parse');
const read = (name: string): string => readFileSync(path.join(dir, name), 'utf8');

function parse(name: string, config: Config = DEFAULT_CONFIG): { file: RoadmapFile; text: string } {
  const text = read(name);
  return { file: parseRoadmapFile(`docs/${name}`, text, config), text };
}

const titles = (file: RoadmapFile): string[] => file.items.map((i) => i.title);

function item(file: RoadmapFile, title: string): RoadmapItem {
  const found = file.items.find((i) => i.title === title);
  if (!found) throw new Error(`no item ${JSON.stringify(title)} in ${JSON.stringify(titles(file))}`);
  return found;
}

describe('front matter, BOM, CRLF, tabs', () => {
  it('ignores YAML front matter', () => {
    const { file } = parse('front-matter.md');
    expect(titles(file)).toEqual(['Ship the widget API', 'Draft the widget spec']);
    expect(file.items.map((i) => i.checkbox)).toEqual(['unchecked', 'checked']);
    expect(file.items[0]?.milestone).toBe('Next');
    expect(file.items[0]?.headingPath).toEqual(['Widget Roadmap', 'Next']);
  });

  it('keeps offsets into the text as given, BOM included, with CRLF line ends', () => {
    const { file, text } = parse('bom-crlf.md');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(titles(file)).toEqual(['First item at the very start', 'Second item', 'Third item', 'Nested under third']);
    for (const i of file.items) {
      expect(text[i.source.start]).toBe('-');
      expect(text[i.source.checkbox?.open ?? -1]).toBe('[');
      expect(text.slice(i.source.contentStart, i.source.firstParagraphEnd)).toBe(i.text);
    }
    expect(file.items[0]?.line).toBe(1);
    expect(file.items[3]?.parent).toBe(file.items[2]?.key);
    // no heading above the first two items: no milestone; "Later" is the only section
    expect(file.items.map((i) => i.milestone)).toEqual([null, null, 'Later', 'Later']);
  });

  it('shifts heading-derived offsets past a BOM too', () => {
    const { file, text } = parse('bom-heading.md');
    expect(file.items[0]?.milestone).toBe('v2.0');
    expect(text.slice(file.items[0]?.source.start, (file.items[0]?.source.start ?? 0) + 5)).toBe('- [ ]');
  });

  it('reads tab-separated markers and tab-indented children', () => {
    const { file } = parse('tabs.md');
    expect(titles(file)).toEqual([
      'Tab after the marker',
      'Parent with tab-indented child',
      'Tab-indented child continuation text of the child',
      'Item with trailing spaces',
    ]);
    expect(file.items[2]?.parent).toBe(file.items[1]?.key);
  });
});

describe('what is not an item', () => {
  it('skips list markers inside code blocks (fenced and indented)', () => {
    const { file } = parse('code-block.md');
    expect(titles(file)).toEqual(['Real item before the fence', 'Item with a fenced block inside']);
    expect(item(file, 'Item with a fenced block inside').details).toBe('```sh\n- [ ] still code\n```');
  });

  it('skips block quotes, and list markup inside table cells (a Task column makes the row a table item)', () => {
    const table = parse('table.md').file;
    expect(table.items.map((i) => [i.title, i.source.kind])).toEqual([
      ['- [ ] not an item', 'table'],
      ['The only item', 'list'],
    ]);
    expect(titles(parse('blockquote.md').file)).toEqual(['The only item']);
  });

  it('reads raw HTML lists (html-lists.ts) and markdown lists inside <details>', () => {
    const { file } = parse('html-blocks.md');
    expect(titles(file)).toEqual([
      'Centered item written in HTML',
      'Item inside details renders as a list',
      'Item with a line break and Ctrl key',
      'Full <Service Provider> integration',
    ]);
    // "- <img …>" and "- [ ] ![only an image](…)" have no text: problems, not items
    expect(file.problems.map((p) => p.line)).toEqual([23, 24]);
  });

  it('skips empty or markup-only items but keeps their children', () => {
    const { file } = parse('empty-items.md');
    expect(titles(file)).toEqual(['Child of an image-only item survives', 'Real item']);
    expect(file.items[0]?.parent).toBeNull();
    expect(file.problems).toHaveLength(4);
  });
});

describe('titles and text', () => {
  it('reduces reference links and drops image references', () => {
    const { file } = parse('reference-links.md');
    expect(titles(file)).toEqual([
      'Support reference links in titles',
      'A collapsed reference and an [undefined][nope] one',
      'Image reference is dropped',
    ]);
    expect(file.items[0]?.text).toBe('Support [reference links][ref] in titles');
  });

  it('takes a heading inside a list item as its title; a deeper one goes to details', () => {
    const { file } = parse('heading-in-list.md');
    expect(titles(file)).toEqual(['A heading inside a list item', 'Normal item', 'Child item']);
    expect(item(file, 'A heading inside a list item').details).toBe('Some prose under it.');
    expect(item(file, 'Normal item').details).toBe('### Deeper heading inside an item');
    expect(item(file, 'Child item').parent).toBe(item(file, 'Normal item').key);
  });

  it('truncates long titles to 256 characters, keeping the full text', () => {
    const long = `- [ ] ${'word '.repeat(100)}end\n`;
    const file = parseRoadmapFile('TODO.md', long, DEFAULT_CONFIG);
    expect(file.items[0]?.title.length).toBeLessThanOrEqual(256);
    expect(file.items[0]?.title.endsWith('…')).toBe(true);
    expect(file.items[0]?.text.endsWith('word end')).toBe(true);
  });
});

describe('context bullets', () => {
  it('routes Goal/Vision/Why to the milestone, lifts Actions children, keeps notes in details', () => {
    const { file } = parse('context.md');
    expect(titles(file)).toEqual([
      'Build the SDK',
      'Write the recipes',
      'Add webhooks',
      'Deliver events with retries',
      'Add Slack app',
    ]);
    expect(item(file, 'Build the SDK').parent).toBeNull();
    const description = file.milestones[0]?.description ?? '';
    expect(description).toContain('Intro prose for the platform milestone.');
    expect(description).toContain('- **Goal:** Make the platform simple.');
    expect(description).toContain('- **Synergy:**');
    const webhooks = item(file, 'Add webhooks');
    expect(webhooks.details).toBe('- Note: only for paid plans\n\n- **Priority:** High');
    expect(webhooks.children).toEqual([item(file, 'Deliver events with retries').key]);
    // a "Priority: High" context line gives its item the priority label
    expect(webhooks.labels).toEqual(['Integrations', 'priority: high']);
    expect(item(file, 'Add Slack app').details).toBe('- Status: blocked');
  });
});

describe('identity', () => {
  it('gives identical texts different keys, the first one keeping the plain key', () => {
    const { file } = parse('duplicates.md');
    const keys = file.items.map((i) => i.key);
    expect(new Set(keys).size).toBe(5);
    // the first "Add tests" keeps its key when the duplicates go away
    const alone = parseRoadmapFile('docs/duplicates.md', '# Roadmap\n\n## Backend\n\n- [ ] Add tests\n', DEFAULT_CONFIG);
    expect(alone.items[0]?.key).toBe(file.items[0]?.key);
  });

  it('does not change a key when an item moves, is checked, gets a status emoji or its issue link', () => {
    const a = parseRoadmapFile('R.md', '## A\n\n- [ ] Ship it\n- [ ] Other\n', DEFAULT_CONFIG).items[0];
    const b = parseRoadmapFile('R.md', '## A\n\n- [ ] Other\n\n## B\n\n- [x] ✅ **Ship it** (#12)\n', DEFAULT_CONFIG).items[1];
    // the bold phrase is the title: a status mark and an issue reference around it are not
    expect(b?.title).toBe('Ship it');
    expect(b?.key).toBe(a?.key);
    expect(b?.issueRef).toBe(12);
    const c = parseRoadmapFile('other/R.md', '- Ship it\n', DEFAULT_CONFIG).items[0];
    expect(c?.key).not.toBe(a?.key);
  });

  it('normalizes text for matching', () => {
    expect(normalizeItemText('  ✅ **Ship   the** `API`: ')).toBe('ship the api');
    expect(normalizeItemText('[x] Ship the [API](https://x.y) (#42)')).toBe('ship the api');
    expect(normalizeItemText('Ship the API #42')).toBe('ship the api');
    expect(normalizeItemText('')).toBe('');
  });
});

describe('issue references', () => {
  const expected: Array<[string, number | null]> = [
    ['Trailing paren reference (#42)', 42],
    ['Trailing bare reference #43', 43],
    ['Mentions only (see #44)', null],
    ['Mentions mid sentence #45 and then more words', null],
    ['Fixes #46', null],
    ['Whole item is a link', 47],
    ['#48 Proposal: leading issue link', 48],
    ['Trailing link text (#49)', 49],
    ['Pull requests never bind #50', null],
    ['Another repo never binds with a repository (https://github.com/other/place/issues/51)', 51],
    ['Cross repo link', 52],
    ['Cross repo shorthand acme/other#53', null],
    ['Enterprise host GHE mid sentence', null],
    ['#55 in code does not bind', null],
  ];

  it('binds only explicit references', () => {
    const { file } = parse('issue-refs.md');
    expect(file.items.map((i) => [i.title, i.issueRef])).toEqual(expected);
  });

  it('ignores URLs into other repositories when the repository is known', () => {
    const file = parseRoadmapFile('docs/issue-refs.md', read('issue-refs.md'), DEFAULT_CONFIG, { repository: 'acme/widgets' });
    const refs = new Map(file.items.map((i) => [i.title, i.issueRef]));
    expect(refs.get('Whole item is a link')).toBe(47);
    expect(refs.get('Cross repo link')).toBeNull();
    expect(refs.get('Another repo never binds with a repository (https://github.com/other/place/issues/51)')).toBeNull();
  });
});

describe('headings', () => {
  it('drops numbering and emoji, skips non-work sections with their subsections', () => {
    const { file } = parse('numbered-headings.md');
    expect(titles(file)).toEqual(['Add a cache', 'Rotate keys']);
    expect(item(file, 'Add a cache').headingPath).toEqual(['Handbook Roadmap', 'Performance & Scalability', 'Caching']);
    expect(item(file, 'Add a cache').milestone).toBe('Performance & Scalability');
    expect(item(file, 'Rotate keys').milestone).toBe('Security');
    expect(item(file, 'Rotate keys').labels).toEqual(['Deep area']);
  });

  it('prefers the nearest release heading; priority sections give labels', () => {
    const { file } = parse('release-headings.md');
    expect(file.items.map((i) => [i.title, i.milestone, i.labels])).toEqual([
      ['Ship it', 'v1.2 (Next)', []],
      ['Scale out', 'Q3 2025', ['Backend']],
      ['Shard', 'Months 3-6', ['Backend']],
      ['Rotate keys', null, ['priority: high', 'Security']],
    ]);
  });

  it('honours a fixed milestone level and area labels off', () => {
    const config = configSchema.parse({ headings: { milestoneLevel: 3, areaLabels: false } });
    const { file } = parse('numbered-headings.md', config);
    expect(file.items.map((i) => [i.milestone, i.labels])).toEqual([
      ['Caching', []],
      [null, []],
    ]);
  });

  it('uses several H1s as the milestone level', () => {
    const file = parseRoadmapFile('R.md', '# Backend\n\n- One\n\n# Frontend\n\n## Forms\n\n- Two\n', DEFAULT_CONFIG);
    expect(file.items.map((i) => [i.milestone, i.labels])).toEqual([
      ['Backend', []],
      ['Frontend', ['Forms']],
    ]);
  });

  it('gives a document without headings no milestone', () => {
    const file = parseRoadmapFile('TODO.md', '- [ ] One\n- [ ] Two\n', DEFAULT_CONFIG);
    expect(file.items.map((i) => i.milestone)).toEqual([null, null]);
    expect(file.milestones).toEqual([]);
  });
});

describe('plain-text TODO files', () => {
  it('reads pseudo-headers as areas and skips a "Notes:" block', () => {
    const { file } = parse('plain-todo.txt');
    expect(file.items.map((i) => [i.title, i.labels])).toEqual([
      ['filter widgets by runtime values', ['EXAMPLES']],
      ['support polymorphic widgets (see #859)', ['EXAMPLES']],
      ['document the storage model', ['DOC']],
      ['explain views', ['DOC']],
      ['Add macros for marks.', ['Possible things to add']],
      ['Backgrounding of commands. (partially done)', ['Possible things to add']],
    ]);
    expect(file.items.every((i) => i.issueRef === null && i.milestone === null)).toBe(true);
  });
});

describe('heading-per-item mode', () => {
  const config = configSchema.parse({ headings: { itemLevel: 3 } });

  it('takes level-3 headings as items, their lists as children and the rest as details', () => {
    const { file, text } = parse('heading-per-item.md', config);
    expect(file.items.map((i) => [i.title, i.milestone, i.parent === null])).toEqual([
      ['Better loops', 'Language', true],
      ['Design the syntax', 'Language', false],
      ['Implement in the compiler', 'Language', false],
      ['Macros (#12)', 'Language', true],
      ['Formatter', 'Tooling', true],
      ['Write the formatter', 'Tooling', false],
    ]);
    const loops = item(file, 'Better loops');
    expect(loops.source.kind).toBe('heading');
    expect(text.slice(loops.source.start, loops.source.contentStart)).toBe('### ');
    expect(text.slice(loops.source.contentStart, loops.source.firstParagraphEnd)).toBe('Better loops');
    expect(text.slice(loops.source.start, loops.source.end).endsWith('break;\n```')).toBe(true);
    expect(loops.details).toBe('Loops should be able to break early.\n\n```js\nfor (const x of xs) break;\n```');
    expect(loops.children).toHaveLength(2);
    expect(item(file, 'Design the syntax').headingPath).toEqual(['Proposals', 'Language', 'Better loops']);
    const macros = item(file, 'Macros (#12)');
    expect(macros.issueRef).toBe(12);
    expect(macros.details).toContain('#### Sub-heading of an item');
  });
});

describe('parseRoadmap', () => {
  it('merges files: milestones by title, labels case-insensitively, roadmap label first', () => {
    const roadmap = parseRoadmap(
      [
        { path: 'a/ROADMAP.md', text: '# A\n\n## v1.0\n\n- Goal: ship\n- One\n\n### Backend\n\n- Two\n' },
        { path: 'b/ROADMAP.md', text: '# B\n\n## v1.0\n\n- Why: users\n- Three\n\n### backend\n\n- Four\n' },
      ],
      DEFAULT_CONFIG,
    );
    expect(roadmap.items.map((i) => i.file)).toEqual(['a/ROADMAP.md', 'a/ROADMAP.md', 'b/ROADMAP.md', 'b/ROADMAP.md']);
    expect(roadmap.milestones).toEqual([{ title: 'v1.0', description: '- Goal: ship\n\n- Why: users', dueOn: null }]);
    expect(roadmap.labels.map((l) => [l.name, l.color])).toEqual([
      ['roadmap', '0e8a16'],
      ['Backend', '1d76db'],
    ]);
    expect(roadmap.items[3]?.labels).toEqual(['Backend']);
  });

  it('never throws, whatever it is given', () => {
    const file = parseRoadmapFile('x.md', undefined as unknown as string, DEFAULT_CONFIG);
    expect(file.items).toEqual([]);
  });
});
