import type { Heading, ListItem } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { locateHeading, locateListItem, markerEnd, mdastOffsetShift, skipMarker } from '../src/core/roadmap/item-source.js';
import { listItems, parseMarkdown, sources } from './rewrite-helpers.js';

function only(text: string) {
  const all = sources(text);
  expect(all).toHaveLength(1);
  return all[0]!;
}

function headings(text: string): Heading[] {
  const found: Heading[] = [];
  visit(parseMarkdown(text), 'heading', (node: Heading) => {
    found.push(node);
  });
  return found;
}

describe('locateListItem', () => {
  it('locates a task item: marker, box, content, first paragraph', () => {
    expect(only('- [ ] Foo bar\n')).toEqual({
      start: 0,
      end: 13,
      contentStart: 6,
      checkbox: { open: 2, state: 'unchecked' },
      firstParagraphEnd: 13,
      kind: 'list',
    });
    expect(only('1. [X] Foo\n').checkbox).toEqual({ open: 3, state: 'checked' });
    expect(only('10) [x] Foo\n')).toMatchObject({ contentStart: 8, checkbox: { open: 4, state: 'checked' } });
  });

  it('locates plain bullets and numbered items after the marker and its spaces', () => {
    expect(only('*   Foo\n')).toMatchObject({ start: 0, contentStart: 4, checkbox: null, firstParagraphEnd: 7 });
    expect(only('+\tFoo\n')).toMatchObject({ contentStart: 2, checkbox: null });
    expect(only('12. Foo\n')).toMatchObject({ contentStart: 4, checkbox: null });
  });

  it('uses UTF-16 offsets, as mdast does (emoji are surrogate pairs)', () => {
    const text = '- [ ] 🚀 go\n- 😀 b\n';
    const [a, b] = sources(text);
    expect(a).toMatchObject({ contentStart: 6, firstParagraphEnd: 11, end: 11 });
    expect(text.slice(a!.contentStart, a!.firstParagraphEnd)).toBe('🚀 go');
    expect(text[b!.start]).toBe('-');
    expect(text.slice(b!.contentStart, b!.firstParagraphEnd)).toBe('😀 b');
  });

  it('compensates for a leading BOM, which remark drops before computing offsets', () => {
    const text = '\uFEFF- [x] a\n- b\n';
    const [first] = listItems(text);
    expect(first!.node.position?.start.offset).toBe(0); // remark's offset ignores the BOM…
    expect(mdastOffsetShift(text)).toBe(1);
    const [a, b] = sources(text);
    expect(a).toMatchObject({ start: 1, contentStart: 7, checkbox: { open: 3, state: 'checked' }, firstParagraphEnd: 8, end: 8 });
    expect(text[a!.start]).toBe('-'); // …ours index the text as read
    expect(text.slice(b!.contentStart, b!.firstParagraphEnd)).toBe('b');
    expect(mdastOffsetShift('- a\uFEFF')).toBe(0);
  });

  it('finds the box even when remark starts the paragraph at it (inline HTML first)', () => {
    const text = '- [ ] <b>x</b> y\n';
    const [item] = listItems(text);
    expect(item!.node.children[0]?.position?.start.offset).toBe(2);
    expect(item!.source).toMatchObject({ checkbox: { open: 2, state: 'unchecked' }, contentStart: 6 });
  });

  it('puts contentStart on the first visible character after the box', () => {
    expect(only('- [ ]  two spaces\n').contentStart).toBe(7);
    expect(only('- [x]\tTab\n').contentStart).toBe(6);
    expect(only('- [ ]\n  next line\n')).toMatchObject({ checkbox: { open: 2 }, contentStart: 8 });
    expect(only('-\n  [ ] box on the next line\n')).toMatchObject({ checkbox: { open: 4, state: 'unchecked' }, contentStart: 8 });
    expect(only('- [\t] tab in the box\n').checkbox).toEqual({ open: 2, state: 'unchecked' });
  });

  it('keeps CRLF, tabs and trailing spaces outside contentStart; the paragraph end excludes the line ending', () => {
    const text = '- [ ] a  \r\n\t- b\r\n';
    const [a, b] = sources(text);
    expect(a).toMatchObject({ contentStart: 6, firstParagraphEnd: 9 }); // trailing spaces are part of the paragraph
    expect(text.slice(b!.start, b!.firstParagraphEnd)).toBe('- b');
  });

  it('locates items inside blockquotes and nested lists', () => {
    const text = '> - [ ] quoted\n>   - [x] nested\n';
    const [a, b] = sources(text);
    expect(a).toMatchObject({ start: 2, checkbox: { open: 4 }, contentStart: 8, firstParagraphEnd: 14 });
    expect(b).toMatchObject({ start: 19, checkbox: { open: 21, state: 'checked' }, contentStart: 25 });
  });

  it('gives items without a leading paragraph firstParagraphEnd === contentStart', () => {
    expect(only('-\n')).toMatchObject({ start: 0, end: 1, contentStart: 1, firstParagraphEnd: 1, checkbox: null });
    expect(only('- # heading\n')).toMatchObject({ contentStart: 2, firstParagraphEnd: 2 });
    expect(only('- ```\n  code\n  ```\n')).toMatchObject({ contentStart: 2, firstParagraphEnd: 2 });
    expect(only('- > quote\n')).toMatchObject({ contentStart: 2, firstParagraphEnd: 2 });
  });

  it('never throws: a node without positions yields a zero-width source at 0', () => {
    const node: ListItem = { type: 'listItem', children: [], checked: true, spread: false };
    expect(locateListItem('- [x] a', node)).toEqual({ start: 0, end: 0, contentStart: 0, checkbox: null, firstParagraphEnd: 0, kind: 'list' });
  });
});

describe('locateHeading', () => {
  it('ends the text before an ATX closing sequence', () => {
    const text = '## Title ##\n\nbody\n';
    const [h] = headings(text);
    const source = locateHeading(h!, text.length, text);
    expect(source).toEqual({ start: 0, end: 18, contentStart: 3, checkbox: null, firstParagraphEnd: 8, kind: 'heading' });
  });

  it('ends the text of a setext heading before the underline', () => {
    const text = 'Title\n=====\n';
    const [h] = headings(text);
    expect(locateHeading(h!, text.length, text)).toMatchObject({ start: 0, contentStart: 0, firstParagraphEnd: 5 });
  });

  it('compensates for a BOM when given the text (sectionEnd read as an mdast offset, clamped)', () => {
    const text = '\uFEFF# A\n\n## B\n';
    const [a, b] = headings(text);
    const sa = locateHeading(a!, b!.position!.start.offset!, text);
    expect(sa).toMatchObject({ start: 1, contentStart: 3, firstParagraphEnd: 4, end: 6 });
    expect(text.slice(sa.contentStart, sa.firstParagraphEnd)).toBe('A');
    const sb = locateHeading(b!, text.length, text);
    expect(sb).toMatchObject({ start: 6, contentStart: 9, firstParagraphEnd: 10, end: text.length });
  });

  it('keeps the old two-argument form (no BOM compensation)', () => {
    const text = '# A\n';
    const [h] = headings(text);
    expect(locateHeading(h!, 4)).toMatchObject({ start: 0, end: 4, contentStart: 2, firstParagraphEnd: 3 });
  });

  it('gives an empty heading an empty text range', () => {
    const text = '##\n';
    const [h] = headings(text);
    const source = locateHeading(h!, text.length, text);
    expect(source.firstParagraphEnd).toBe(source.contentStart);
  });
});

describe('markers', () => {
  it('skips bullet and ordered markers and the blanks after them', () => {
    expect(markerEnd('- a', 0)).toBe(1);
    expect(markerEnd('123. a', 0)).toBe(4);
    expect(markerEnd('7) a', 0)).toBe(2);
    expect(markerEnd('abc', 0)).toBe(0);
    expect(markerEnd('1234567890. a', 0)).toBe(0); // at most 9 digits
    expect(skipMarker('-  \ta', 0)).toBe(4);
    expect(skipMarker('1.\ta', 0)).toBe(3);
  });
});
