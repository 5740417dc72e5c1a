import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, planCheckboxToggle } from '../src/core/roadmap/rewrite.js';
import {
  applySequentially,
  classify,
  expectBatchRoundTrips,
  expectSingleEditShapes,
  expectSingleItemRoundTrip,
  expectStrikeAndRefRoundTrips,
  listItems,
  parsesCleanly,
} from './rewrite-helpers.js';

/** Inline content: words, emoji (surrogate pairs), inline HTML and code, tildes, refs, escapes. */
const word = fc.constantFrom(
  'foo', 'Bar', 'x', '🚀', '😀😀', 'é', '中文', '**bold**', '_em_', '`code`', '`- [ ]`', '<b>x</b>', '<br>', '#12', '(#7)',
  'https://x.io/a', '[link](u)', '[ref]', '~x~', '~~y~~', 'a~', '\\*', '&amp;', '|', '[x]', '[ ]', '#', '1.',
);
const content = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
const trailing = fc.constantFrom('', '', '', ' ', '  ', '\t', '\\');
const indent = fc.constantFrom('', '', '', '  ', '   ', '    ', '\t', ' \t');
const marker = fc.constantFrom('-', '-', '*', '+', '1.', '2)', '10.');
const gap = fc.constantFrom(' ', ' ', ' ', '  ', '\t');
const box = fc.constantFrom('', '', '[ ] ', '[x] ', '[X] ', '[ ]\t', '[x]  ');

const item = fc
  .tuple(indent, marker, gap, box, content, trailing)
  .map(([ind, m, g, b, c, t]) => [`${ind}${m}${g}${b}${c}${t}`]);

/** Blocks as arrays of lines; joined later with the document's line endings. */
const block = fc.oneof(
  { weight: 8, arbitrary: item },
  { weight: 2, arbitrary: fc.tuple(indent, content).map(([i, c]) => [`${i}${c}`]) }, // continuation or lazy line
  { weight: 2, arbitrary: fc.constant(['']) },
  { weight: 1, arbitrary: marker.map((m) => [m]) }, // empty item
  { weight: 1, arbitrary: fc.constantFrom(['- # heading in item'], ['- > quote in item'], ['- <div>html in item</div>'], ['-      indented code']) },
  { weight: 1, arbitrary: fc.constantFrom(['- setext', '  ---'], ['- [ ] setext', '  ==='], ['-', '  [ ] next line']) },
  { weight: 1, arbitrary: fc.constantFrom(['```', '- [ ] in code', '```'], ['- ```', '  - [ ] in item code', '  ```'], ['~~~md', '* [x] tilde fence', '~~~']) },
  { weight: 1, arbitrary: fc.constantFrom(['<div>', '- [ ] in html', '</div>'], ['<!-- - [ ] comment -->']) },
  { weight: 1, arbitrary: fc.constantFrom(['## Heading'], ['Title', '====='], ['| a | b |', '|---|---|', '| - [ ] c | d |'], ['> - [ ] quoted', '>   more']) },
);

const eol = fc.constantFrom('\n', '\n', '\r\n');
const markdown = fc
  .record({
    bom: fc.boolean(),
    frontMatter: fc.boolean(),
    blocks: fc.array(block, { minLength: 1, maxLength: 10 }),
    eols: fc.array(eol, { minLength: 1, maxLength: 3 }),
    finalNewline: fc.boolean(),
  })
  .map(({ bom, frontMatter, blocks, eols, finalNewline }) => {
    const lines = [...(frontMatter ? ['---', 'title: x', 'tags:', '  - [ ] not an item', '---'] : []), ...blocks.flat()];
    const body = lines.map((line, i) => line + (i < lines.length - 1 || finalNewline ? (eols[i % eols.length] ?? '\n') : '')).join('');
    return (bom ? '\uFEFF' : '') + body;
  })
  .filter(parsesCleanly);

/** Runs per property; FC_SCALE=10 for a soak run. Re-parsing dominates (a few ms per parse). */
const scale = Number(process.env.FC_SCALE ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * scale)) });
const timeout = 30_000 * Math.max(1, scale);

describe('rewrite properties (fast-check)', () => {
  it('single edits have the expected shape, offsets index the text as given, all-at-once equals one by one', () => {
    fc.assert(
      fc.property(markdown, fc.boolean(), (text, checked) => {
        const items = listItems(text);
        for (const { source } of items) {
          expect(text[source.start]).toMatch(/[-*+0-9]/);
          const cls = classify(text, source);
          if (cls.kind === 'boxed') expect(text[cls.open]).toBe('[');
        }
        expectSingleEditShapes(text, items);
        const edits = items.flatMap((it) => planCheckboxToggle(text, it.source, checked) ?? []);
        expect(applyEdits(text, edits)).toBe(applySequentially(text, edits));
        for (const edit of edits) {
          const after = applyEdits(text, [edit]);
          expect(after.slice(0, edit.start) + after.slice(edit.start + edit.insert.length)).toBe(text.slice(0, edit.start) + text.slice(edit.end));
        }
      }),
      runs(1000),
    );
  }, timeout);

  it('check-all / restore / uncheck-all / toggle-all round trips (re-parsed)', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        expectBatchRoundTrips(text);
      }),
      runs(150),
    );
  }, timeout);

  it('a single edit re-parses to the expected state, other items unchanged; undo restores', () => {
    fc.assert(
      fc.property(markdown, fc.nat(), (text, pick) => {
        const items = listItems(text);
        if (items.length > 0) expectSingleItemRoundTrip(text, pick % items.length, items);
      }),
      runs(250),
    );
  }, timeout);

  it('edits applied one by one, re-parsing and re-planning in between, equal all edits applied at once', () => {
    fc.assert(
      fc.property(markdown, fc.boolean(), (text, checked) => {
        const items = listItems(text);
        const atOnce = applyEdits(text, items.flatMap((it) => planCheckboxToggle(text, it.source, checked) ?? []));
        let current = text;
        for (let i = 0; i < items.length; i += 1) {
          const now = listItems(current)[i];
          expect(now).toBeDefined();
          const edit = now ? planCheckboxToggle(current, now.source, checked) : null;
          if (edit) current = applyEdits(current, [edit]);
        }
        expect(current).toBe(atOnce);
      }),
      runs(80),
    );
  }, timeout);

  it('strike and issue-reference edits re-parse as a strikethrough / a trailing (#N), idempotently', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        expectStrikeAndRefRoundTrips(text);
      }),
      runs(250),
    );
  }, timeout);
});
