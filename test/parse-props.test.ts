import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configSchema, DEFAULT_CONFIG } from '../src/core/config/config.js';
import type { RoadmapFile } from '../src/core/roadmap/model.js';
import { normalizeItemText, parseRoadmap, parseRoadmapFile } from '../src/core/roadmap/parse.js';

/** Markdown-ish documents assembled from the fragments real roadmaps are made of. */
const word = fc.oneof(
  fc.constantFrom('Add', 'fix', 'v1.2', 'Phase 2', 'Q3 2025', 'High Priority', 'P0', 'Next', 'Goal:', 'Note:', 'Actions:', '#42', '(#7)', '(see #9)'),
  fc.constantFrom('✅', '🔄', '⏳', '🚀', '👩‍💻', '🇺🇸', '\u200d', '\ufe0f', '中文', 'é', '\u0000', '\ud83d'),
  fc.constantFrom('**bold**', '*em*', '`code`', '[link](https://x.y/issues/3)', '![img](a.png)', '<br>', '<b>', '</details>', '[ref]', '[[wiki]]', '~~old~~', '\\*', '&amp;', '**', '`', '[ ]', '[x]'),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
const text = fc.array(word, { minLength: 0, maxLength: 6 }).map((ws) => ws.join(' '));
const indent = fc.constantFrom('', '  ', '    ', '\t', ' ', '      ', '\t\t');
const eol = fc.constantFrom('\n', '\r\n', '\r');

const line = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 7 }), text).map(([n, t]) => `${'#'.repeat(n)} ${t}`),
  fc.tuple(indent, fc.constantFrom('-', '*', '+', '1.', '2)', '10.'), fc.constantFrom('', ' [ ]', ' [x]', ' [X]', ' [ ] ', '\t[ ]'), text).map(
    ([i, m, box, t]) => `${i}${m}${box} ${t}`,
  ),
  fc.constantFrom('```', '~~~', '```js', '    code', '<details>', '<summary>More</summary>', '</details>', '<div>', '</div>', '<!-- c -->'),
  fc.constantFrom('---', '***', '===', '> - [ ] quoted', '| a | b |', '|---|---|', '[ref]: https://x.y', 'title: x', '+++', ''),
  text,
);

const doc = fc.tuple(fc.boolean(), fc.array(fc.tuple(line, eol), { maxLength: 40 })).map(
  ([bom, lines]) => (bom ? '\ufeff' : '') + lines.map(([l, e]) => l + e).join(''),
);

function checkFile(file: RoadmapFile, source: string): void {
  const keys = new Set(file.items.map((i) => i.key));
  expect(keys.size).toBe(file.items.length);
  for (const item of file.items) {
    expect(item.title.trim()).not.toBe('');
    expect(item.title.length).toBeLessThanOrEqual(256);
    const s = item.source;
    expect(0 <= s.start && s.start <= s.contentStart && s.contentStart <= s.firstParagraphEnd && s.firstParagraphEnd <= s.end).toBe(true);
    expect(s.end).toBeLessThanOrEqual(source.length);
    if (s.checkbox) expect(source[s.checkbox.open]).toBe('[');
    if (item.parent !== null) expect(keys.has(item.parent)).toBe(true);
    for (const label of item.labels) expect(label.length).toBeLessThanOrEqual(50);
  }
}

describe('parse properties', () => {
  it('never throws; keys unique; titles non-empty and short; sources within the text', () => {
    fc.assert(
      fc.property(doc, (source) => {
        const file = parseRoadmapFile('ROADMAP.md', source, DEFAULT_CONFIG);
        expect(file.problems.filter((p) => p.message.startsWith('could not parse'))).toEqual([]);
        checkFile(file, source);
      }),
      { numRuns: 1500 },
    );
  });

  it('holds in heading-per-item mode and with a fixed milestone level', () => {
    const configs = [
      configSchema.parse({ headings: { itemLevel: 2 } }),
      configSchema.parse({ headings: { milestoneLevel: 3, areaLabels: false } }),
    ];
    fc.assert(
      fc.property(doc, fc.constantFrom(0, 1), (source, which) => {
        checkFile(parseRoadmapFile('TODO', source, configs[which] ?? DEFAULT_CONFIG), source);
      }),
      { numRuns: 600 },
    );
  });

  it('merges any set of files into unique labels and milestones', () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 3 }), (sources) => {
        const roadmap = parseRoadmap(
          sources.map((t, i) => ({ path: `docs/R${i}.md`, text: t })),
          DEFAULT_CONFIG,
        );
        const labels = roadmap.labels.map((l) => l.name.toLowerCase());
        expect(new Set(labels).size).toBe(labels.length);
        const titles = roadmap.milestones.map((m) => m.title);
        expect(new Set(titles).size).toBe(titles.length);
      }),
      { numRuns: 200 },
    );
  });

  it('copes with pathological lines (no catastrophic backtracking)', () => {
    // remark's own cost dominates these; the sizes only need to expose a quadratic regex of ours
    const long = 20_000;
    const sources = [
      `- ${'['.repeat(long)}x`,
      `- ${'a'.repeat(long)}! #5`,
      `- ${':'.repeat(long)}x`,
      `## ${'✅'.repeat(long / 10)}x\n\n- item`,
      `# ${'1.'.repeat(long / 10)} t\n- ${'*'.repeat(long)}`,
      `- ${'[a]('.repeat(long / 10)}`,
      `${'- '.repeat(500)}deep`,
      `- ${'\t '.repeat(long / 2)}x:`,
    ];
    for (const source of sources) checkFile(parseRoadmapFile('R.md', source, DEFAULT_CONFIG), source);
  });

  it('normalizeItemText is idempotent and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 40 })), (t) => {
        const once = normalizeItemText(t);
        expect(normalizeItemText(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
