import { createHash } from 'node:crypto';
import { stripEmoji } from './classify.js';
import { MAX_SCAN } from './plain-text.js';

/**
 * Text reduced for identity and similarity: NFKC, lowercase, status emoji and a leading checkbox
 * removed, inline markup signs (`*`, `_`, `` ` ``, `~`) and link targets dropped, a trailing issue
 * reference `(#42)` / `#42` removed (so writing the link back into the markdown does not re-key the
 * item), trailing punctuation dropped, whitespace collapsed. Accepts plain text or a line of markdown;
 * only the first 2,000 characters count.
 */
export function normalizeItemText(text: string): string {
  let s = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  // one pass can expose more to strip ("[x] [ ] a", "a (#1) (#2)", "a #1."): repeat until stable
  for (let i = 0; i < 8; i += 1) {
    const next = normalizeOnce(s);
    if (next === s) break;
    s = next;
  }
  return s;
}

function normalizeOnce(text: string): string {
  let s = text.normalize('NFKC').toLowerCase().normalize('NFKC');
  s = s.replace(/!?\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/gu, '$1');
  s = s.replace(/\[\[([^\][|]*)(?:\|([^\][]*))?\]\]/gu, (_m, target: string, alias: string | undefined) => alias ?? target);
  s = stripEmoji(s);
  s = s.replace(/[*_`~]+/gu, '');
  s = s.replace(/\s+/gu, ' ').trim();
  s = s.replace(/^\[[ x]?\]\s*/u, '');
  s = s.replace(/\s*\(#\d+\)$|(?:^|\s)#\d+$/u, '');
  s = s.replace(/[\s.,:;!?。：]+$/u, '');
  return s.trim();
}

export interface KeyInput {
  /** Plain text the identity is derived from (normalized here). */
  plain: string;
  headingPath: readonly string[];
  /** Index into the same array of the parent item, or null. */
  parentIndex: number | null;
}

/**
 * Keys for one file's items, in the same order: 12 hex digits of sha1(`${file}\n${normalized}`).
 * Only colliding texts are disambiguated: the first occurrence keeps the plain key (so adding a
 * duplicate elsewhere never re-keys an existing issue); later ones are qualified by their heading
 * path and parent text, then by an ordinal among identical qualifiers.
 */
export function assignItemKeys(file: string, items: readonly KeyInput[]): string[] {
  const normalized = items.map((item) => normalizeItemText(item.plain));
  const used = new Set<string>();
  const seenText = new Set<string>();
  const seenQualified = new Map<string, number>();
  return items.map((item, i) => {
    const norm = normalized[i] ?? '';
    let basis = `${file}\n${norm}`;
    if (seenText.has(norm)) {
      const parent = item.parentIndex === null ? '' : (normalized[item.parentIndex] ?? '');
      basis = `${basis}\n${item.headingPath.join(' / ')}\n${parent}`;
      const ordinal = (seenQualified.get(basis) ?? 0) + 1;
      seenQualified.set(basis, ordinal);
      if (ordinal > 1) basis = `${basis}\n#${ordinal}`;
    } else {
      seenText.add(norm);
      seenQualified.set(`${basis}\n${item.headingPath.join(' / ')}\n${item.parentIndex === null ? '' : (normalized[item.parentIndex] ?? '')}`, 1);
    }
    let key = shortHash(basis);
    // a 48-bit hash collision between different texts: practically never, but keys must be unique
    for (let n = 2; used.has(key); n += 1) key = shortHash(`${basis}\n~${n}`);
    used.add(key);
    return key;
  });
}

export function shortHash(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex').slice(0, 12);
}
