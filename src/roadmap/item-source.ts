import type { Heading, ListItem } from 'mdast';
import type { ItemSource } from './model.js';

/**
 * Source offsets of a list item, read from its mdast position and the raw text between the
 * marker and the first child (where remark-gfm found the checkbox). Never throws: a node without
 * positions yields a zero-width source at 0, which the rewriter refuses to edit.
 */
export function locateListItem(text: string, node: ListItem): ItemSource {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const first = node.children[0];
  const firstStart = first?.position?.start.offset ?? end;
  const markerEnd = skipMarker(text, start);
  let checkbox: ItemSource['checkbox'] = null;
  if (node.checked === true || node.checked === false) {
    const open = text.indexOf('[', markerEnd);
    if (open >= 0 && open < firstStart && text[open + 2] === ']') {
      checkbox = { open, state: node.checked ? 'checked' : 'unchecked' };
    }
  }
  const contentStart = first ? firstStart : skipSpaces(text, markerEnd, end);
  const firstParagraphEnd = first?.type === 'paragraph' ? (first.position?.end.offset ?? contentStart) : contentStart;
  return { start, end, contentStart, checkbox, firstParagraphEnd, kind: 'list' };
}

/** A heading taken as an item (heading-per-item mode); `end` is the end of its section. */
export function locateHeading(node: Heading, sectionEnd: number): ItemSource {
  const start = node.position?.start.offset ?? 0;
  const headingEnd = node.position?.end.offset ?? start;
  const contentStart = node.children[0]?.position?.start.offset ?? headingEnd;
  return { start, end: sectionEnd, contentStart, checkbox: null, firstParagraphEnd: headingEnd, kind: 'heading' };
}

/** Offset just past a list marker (`-`, `*`, `+`, `12.`, `3)`) and the whitespace after it. */
export function skipMarker(text: string, start: number): number {
  let i = start;
  const c = text[i];
  if (c === '-' || c === '*' || c === '+') i += 1;
  else {
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i += 1;
    if (text[i] === '.' || text[i] === ')') i += 1;
  }
  return skipSpaces(text, i, text.length);
}

function skipSpaces(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && (text[i] === ' ' || text[i] === '\t')) i += 1;
  return i;
}
