import type { Heading } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { locateHeading } from '../src/core/roadmap/item-source.js';
import type { ItemSource } from '../src/core/roadmap/model.js';
import * as rewrite from '../src/core/roadmap/rewrite.js';
import { applyEdits, planCheckboxToggle, planIssueRefEdit, planStrikeEdit, referencesIssue, type TextEdit } from '../src/core/roadmap/rewrite.js';
import { listItems, parseMarkdown, sources } from './rewrite-helpers.js';

function first(text: string): ItemSource {
  const [source] = sources(text);
  if (!source) throw new Error('no list item');
  return source;
}

/** Check/uncheck the first item of `text` and return the new text (unchanged when no edit). */
function setFirst(text: string, checked: boolean): string {
  const edit = planCheckboxToggle(text, first(text), checked);
  return edit ? applyEdits(text, [edit]) : text;
}

function strikeFirst(text: string): string {
  return applyEdits(text, planStrikeEdit(text, first(text)));
}

function refFirst(text: string, n: number): string {
  const edit = planIssueRefEdit(text, first(text), n);
  return edit ? applyEdits(text, [edit]) : text;
}

function headingSource(text: string, index = 0): ItemSource {
  const found: Heading[] = [];
  visit(parseMarkdown(text), 'heading', (node: Heading) => {
    found.push(node);
  });
  const node = found[index];
  if (!node) throw new Error('no heading');
  return locateHeading(node, text.length, text);
}

describe('public API', () => {
  it('exports exactly the planners, applyEdits and referencesIssue', () => {
    expect(Object.keys(rewrite).sort()).toEqual(['applyEdits', 'planCheckboxToggle', 'planIssueRefEdit', 'planStatusCellEdit', 'planStrikeEdit', 'referencesIssue']);
  });
});

describe('planCheckboxToggle on items with a checkbox', () => {
  it('replaces only the state character', () => {
    expect(planCheckboxToggle('- [ ] Foo\n', first('- [ ] Foo\n'), true)).toEqual({ start: 3, end: 4, insert: 'x' });
    expect(setFirst('- [ ] Foo\n', true)).toBe('- [x] Foo\n');
    expect(setFirst('- [x] Foo\n', false)).toBe('- [ ] Foo\n');
    expect(setFirst('- [X] Foo\n', false)).toBe('- [ ] Foo\n');
    expect(setFirst('1) [ ] Foo', true)).toBe('1) [x] Foo');
  });

  it('returns null when the item is already in that state (checking [X] is a no-op)', () => {
    expect(planCheckboxToggle('- [X] Foo', first('- [X] Foo'), true)).toBeNull();
    expect(planCheckboxToggle('- [x] Foo', first('- [x] Foo'), true)).toBeNull();
    expect(planCheckboxToggle('- [ ] Foo', first('- [ ] Foo'), false)).toBeNull();
    expect(planCheckboxToggle('- [\t] Foo', first('- [\t] Foo'), false)).toBeNull();
  });

  it('keeps every other byte: CRLF, tabs, trailing spaces, emoji, HTML, odd spacing', () => {
    const nested = '- a\r\n\t- [ ] 🚀 <b>Foo</b>  \r\n';
    const child = sources(nested)[1]!;
    expect(applyEdits(nested, [planCheckboxToggle(nested, child, true)!])).toBe('- a\r\n\t- [x] 🚀 <b>Foo</b>  \r\n');
    expect(setFirst('-  [ ]\t\tFoo', true)).toBe('-  [x]\t\tFoo');
    expect(setFirst('- [\t] tab box', true)).toBe('- [x] tab box');
    expect(setFirst('> - [x] quoted\n>   more\n', false)).toBe('> - [ ] quoted\n>   more\n');
  });
});

describe('planCheckboxToggle on items without a checkbox', () => {
  it('inserts the box at contentStart, whatever the marker', () => {
    expect(planCheckboxToggle('- Foo', first('- Foo'), true)).toEqual({ start: 2, end: 2, insert: '[x] ' });
    expect(setFirst('- Foo\n', true)).toBe('- [x] Foo\n');
    expect(setFirst('1. Foo\n', true)).toBe('1. [x] Foo\n');
    expect(setFirst('*   Foo\n', true)).toBe('*   [x] Foo\n');
    expect(setFirst('+\tFoo\n', true)).toBe('+\t[x] Foo\n');
    expect(setFirst('3) Foo', false)).toBe('3) [ ] Foo');
  });

  it('gives a task item that re-parses with the same content', () => {
    const text = '- Foo **bar**\n  lazy\n';
    const after = setFirst(text, true);
    const [item] = listItems(after);
    expect(item?.node.checked).toBe(true);
    expect(after.slice(item!.source.contentStart)).toBe(text.slice(first(text).contentStart));
  });

  it('refuses items whose first child is not a paragraph: a box would change the parse', () => {
    for (const text of ['-\n', '- \n', '- # heading\n', '- > quote\n', '- ```\n  code\n  ```\n', '-      indented code\n', '- <div>html</div>\n', '- setext\n  ---\n']) {
      expect([text, planCheckboxToggle(text, first(text), true)]).toEqual([text, null]);
    }
  });

  it('refuses an item whose first line is blank: the box would need the exact content column', () => {
    expect(planCheckboxToggle('-\n   foo\n', first('-\n   foo\n'), true)).toBeNull();
  });

  it('refuses an item that is only a box (`- [ ]` alone is not a task item)', () => {
    expect(planCheckboxToggle('- [ ]\n', first('- [ ]\n'), true)).toBeNull();
    expect(planCheckboxToggle('- [x] \n', first('- [x] \n'), false)).toBeNull();
  });

  it('treats `[x]foo` (no space) as text', () => {
    expect(setFirst('- [x]foo\n', true)).toBe('- [x] [x]foo\n');
  });
});

describe('planCheckboxToggle verifies the source against the text', () => {
  const text = '- [ ] Foo\n- Bar\n';
  const [boxed, plain] = sources(text) as [ItemSource, ItemSource];

  it('refuses heading items', () => {
    expect(planCheckboxToggle('## Foo\n', headingSource('## Foo\n'), true)).toBeNull();
  });

  it('refuses zero-width, out-of-bounds and non-integer sources', () => {
    expect(planCheckboxToggle(text, { ...boxed, end: boxed.start }, true)).toBeNull();
    expect(planCheckboxToggle(text, { ...plain, end: text.length + 1 }, true)).toBeNull();
    expect(planCheckboxToggle(text, { ...plain, start: -1 }, true)).toBeNull();
    expect(planCheckboxToggle(text, { ...plain, contentStart: 12.5 }, true)).toBeNull();
    expect(planCheckboxToggle(text, { ...plain, contentStart: plain.end + 1 }, true)).toBeNull();
  });

  it('refuses sources whose bytes do not match: stale offsets, wrong state, another text', () => {
    expect(planCheckboxToggle(text, { ...boxed, checkbox: { open: 3, state: 'unchecked' } }, true)).toBeNull();
    expect(planCheckboxToggle(text, { ...boxed, checkbox: { open: 2, state: 'checked' } }, false)).toBeNull();
    expect(planCheckboxToggle(text, { ...boxed, start: 1 }, true)).toBeNull();
    expect(planCheckboxToggle('Intro line\n', plain, true)).toBeNull();
    // The source claims "no box" but there is one: inserting a second box would corrupt.
    expect(planCheckboxToggle('- [ ] Foo\n', { ...boxed, checkbox: null }, true)).toBeNull();
    expect(planCheckboxToggle('- [ ] Foo\n', { ...boxed, checkbox: null, contentStart: 2 }, true)).toBeNull();
  });

  it('works on a source from another parse of the same text', () => {
    expect(planCheckboxToggle(text, plain, true)).toEqual({ start: 12, end: 12, insert: '[x] ' });
  });
});

describe('planStrikeEdit', () => {
  it('wraps the first paragraph in ~~, after the box, before trailing spaces', () => {
    expect(strikeFirst('- Foo bar\n')).toBe('- ~~Foo bar~~\n');
    expect(strikeFirst('- [x] Foo  \r\n')).toBe('- [x] ~~Foo~~  \r\n');
    expect(strikeFirst('1. Foo\n  lazy\n\n   More\n')).toBe('1. ~~Foo\n  lazy~~\n\n   More\n');
    expect(strikeFirst('- 🚀 **Foo** (#3)')).toBe('- ~~🚀 **Foo** (#3)~~');
  });

  it('is idempotent', () => {
    expect(planStrikeEdit('- ~~Foo~~\n', first('- ~~Foo~~\n'))).toEqual([]);
    const once = strikeFirst('- [ ] Foo\n');
    expect(planStrikeEdit(once, first(once))).toEqual([]);
  });

  it('refuses what tildes cannot wrap: lone edge tildes, a trailing escape, no paragraph, a bare box', () => {
    for (const text of ['- Foo~\n', '- ~Foo\n', '- Foo\\\n', '- # h\n', '-\n', '- [ ]\n']) {
      expect([text, planStrikeEdit(text, first(text))]).toEqual([text, []]);
    }
    expect(strikeFirst('- Foo\\\\\n')).toBe('- ~~Foo\\\\~~\n');
  });

  it('strikes heading items inside the heading text', () => {
    const text = '## Foo ##\n';
    expect(applyEdits(text, planStrikeEdit(text, headingSource(text)))).toBe('## ~~Foo~~ ##\n');
  });

  it('refuses a heading source that does not match the text', () => {
    const source = headingSource('## Foo\n');
    expect(planStrikeEdit('Intro\n', source)).toEqual([]);
    expect(planIssueRefEdit('- Foo\n', source, 1)).toBeNull();
    expect(planStrikeEdit('  Foo\n  ===\n', headingSource('  Foo\n  ===\n'))).toHaveLength(2);
  });

  it('re-parses as one strikethrough', () => {
    const after = strikeFirst('- [ ] Foo `x` <b>y</b>\n');
    const paragraph = listItems(after)[0]?.node.children[0];
    expect(paragraph?.type === 'paragraph' ? paragraph.children.map((c) => c.type) : []).toEqual(['delete']);
  });
});

describe('planIssueRefEdit', () => {
  it('appends (#N) after the first paragraph, before trailing spaces and the line ending', () => {
    expect(planIssueRefEdit('- [ ] Foo\n', first('- [ ] Foo\n'), 12)).toEqual({ start: 9, end: 9, insert: ' (#12)' });
    expect(refFirst('- [ ] Foo\n', 12)).toBe('- [ ] Foo (#12)\n');
    expect(refFirst('- Foo  \n- Bar\n', 12)).toBe('- Foo (#12)  \n- Bar\n');
    expect(refFirst('- Foo  \r\n  bar\r\n', 12)).toBe('- Foo  \r\n  bar (#12)\r\n');
    expect(refFirst('- Foo\n\n  Second paragraph\n', 12)).toBe('- Foo (#12)\n\n  Second paragraph\n');
    expect(refFirst('- Foo\n  - child\n', 7)).toBe('- Foo (#7)\n  - child\n');
    expect(refFirst('- Last 🚀', 7)).toBe('- Last 🚀 (#7)');
  });

  it('returns null when the first paragraph already references the issue', () => {
    for (const text of ['- Foo #12\n', '- Foo (#12)\n', '- [Foo](https://github.com/o/r/issues/12)\n', '- Foo https://github.com/o/r/pull/12']) {
      expect([text, planIssueRefEdit(text, first(text), 12)]).toEqual([text, null]);
    }
    expect(refFirst('- Foo #123 and o/r#12 and &#12;\n', 12)).toBe('- Foo #123 and o/r#12 and &#12; (#12)\n');
  });

  it('returns null for a bad issue number, no paragraph, or a last line that would become a list item', () => {
    expect(planIssueRefEdit('- Foo', first('- Foo'), 0)).toBeNull();
    expect(planIssueRefEdit('- Foo', first('- Foo'), 1.5)).toBeNull();
    expect(planIssueRefEdit('- # h\n', first('- # h\n'), 1)).toBeNull();
    expect(planIssueRefEdit('- foo\n  1.\n', first('- foo\n  1.\n'), 1)).toBeNull();
    expect(planIssueRefEdit('- [ ]\n', first('- [ ]\n'), 1)).toBeNull();
  });

  it('appends to heading items inside the heading text', () => {
    expect(applyEdits('## Foo ##\n', [planIssueRefEdit('## Foo ##\n', headingSource('## Foo ##\n'), 5)!])).toBe('## Foo (#5) ##\n');
    expect(applyEdits('Foo\n===\n', [planIssueRefEdit('Foo\n===\n', headingSource('Foo\n===\n'), 5)!])).toBe('Foo (#5)\n===\n');
    const bom = '\uFEFF# Foo\n';
    expect(applyEdits(bom, [planIssueRefEdit(bom, headingSource(bom), 5)!])).toBe('\uFEFF# Foo (#5)\n');
  });
});

describe('referencesIssue', () => {
  it('matches #N and issue/pull URLs, not longer numbers, repo#N or entities', () => {
    expect(referencesIssue('see #42', 42)).toBe(true);
    expect(referencesIssue('#42', 42)).toBe(true);
    expect(referencesIssue('(#42).', 42)).toBe(true);
    expect(referencesIssue('https://github.com/o/r/issues/42#x', 42)).toBe(true);
    expect(referencesIssue('#420', 42)).toBe(false);
    expect(referencesIssue('o/r#42', 42)).toBe(false);
    expect(referencesIssue('&#42;', 42)).toBe(false);
    expect(referencesIssue('issues/421', 42)).toBe(false);
  });
});

describe('applyEdits', () => {
  it('applies several edits to one file together, in any input order', () => {
    const text = '# R\r\n\r\n- [ ] One\r\n- Two\r\n- Three  \r\n- [x] Four';
    const [one, two, three, four] = sources(text) as [ItemSource, ItemSource, ItemSource, ItemSource];
    const edits: TextEdit[] = [
      planIssueRefEdit(text, three, 9)!,
      planCheckboxToggle(text, one, true)!,
      planCheckboxToggle(text, two, true)!,
      ...planStrikeEdit(text, four),
      planCheckboxToggle(text, four, false)!,
    ];
    const expected = '# R\r\n\r\n- [x] One\r\n- [x] Two\r\n- Three (#9)  \r\n- [ ] ~~Four~~';
    expect(applyEdits(text, edits)).toBe(expected);
    expect(applyEdits(text, [...edits].reverse())).toBe(expected);
    expect(listItems(expected).map((i) => i.node.checked)).toEqual([true, true, null, false]);
  });

  it('keeps inserts at one offset in the given order (checkbox before strike on a plain item)', () => {
    const text = '- Foo\n';
    const source = first(text);
    const check = planCheckboxToggle(text, source, true)!;
    const [open, close] = planStrikeEdit(text, source) as [TextEdit, TextEdit];
    expect(applyEdits(text, [check, open, close])).toBe('- [x] ~~Foo~~\n');
    expect(applyEdits(text, [close, planIssueRefEdit(text, source, 4)!, check, open])).toBe('- [x] ~~Foo~~ (#4)\n');
  });

  it('puts an insert at the start of a replaced range before the replacement', () => {
    expect(applyEdits('abc', [{ start: 1, end: 2, insert: 'X' }, { start: 1, end: 1, insert: '+' }])).toBe('a+Xc');
    expect(applyEdits('abc', [{ start: 1, end: 2, insert: 'X' }, { start: 2, end: 2, insert: '+' }])).toBe('aX+c');
  });

  it('returns the text unchanged for no edits', () => {
    expect(applyEdits('a\r\nb', [])).toBe('a\r\nb');
  });

  it('throws clearly on overlapping edits', () => {
    expect(() => applyEdits('abcdef', [{ start: 1, end: 4, insert: '' }, { start: 3, end: 5, insert: '' }])).toThrow(/overlaps/);
    expect(() => applyEdits('abcdef', [{ start: 1, end: 3, insert: 'x' }, { start: 1, end: 3, insert: 'y' }])).toThrow(/overlaps/);
    expect(() => applyEdits('abcdef', [{ start: 1, end: 4, insert: '' }, { start: 2, end: 2, insert: 'x' }])).toThrow(/overlaps/);
  });

  it('throws clearly on out-of-bounds, reversed or fractional offsets', () => {
    expect(() => applyEdits('abc', [{ start: 2, end: 4, insert: '' }])).toThrow(/out of bounds/);
    expect(() => applyEdits('abc', [{ start: -1, end: 0, insert: '' }])).toThrow(/out of bounds/);
    expect(() => applyEdits('abc', [{ start: 2, end: 1, insert: '' }])).toThrow(/out of bounds/);
    expect(() => applyEdits('abc', [{ start: 0.5, end: 1, insert: '' }])).toThrow(/out of bounds/);
  });

  it('throws on an offset inside a surrogate pair', () => {
    expect(() => applyEdits('a🚀b', [{ start: 2, end: 2, insert: 'x' }])).toThrow(/surrogate/);
    expect(applyEdits('a🚀b', [{ start: 3, end: 3, insert: 'x' }])).toBe('a🚀xb');
  });
});

describe('byte-exactness around the edit', () => {
  it('leaves code blocks with task-like lines, HTML, front matter, BOM and the missing final newline alone', () => {
    const text = '\uFEFF---\ntitle: x\n---\n\n```\n- [ ] in code\n```\n<div>\n- [ ] in html\n</div>\n\n- [ ] real';
    expect(sources(text)).toHaveLength(1);
    expect(setFirst(text, true)).toBe(text.replace('- [ ] real', '- [x] real'));
  });
});
