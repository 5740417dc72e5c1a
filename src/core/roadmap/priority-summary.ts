/**
 * A "Priority Recommendations" section at the end of a roadmap (`### High Priority` / `1. PostgreSQL
 * migration for production`) ranks work the document already lists, in shorter words of its own.
 * The exact-restatement rule (withoutSummaryLists in parse.ts) misses such paraphrases, so under a
 * heading that names priorities as a whole (not one level of them) a looser test applies: most of the
 * section's items share a distinctive word with an item outside it.
 */
import { CJK_CHAR } from './char-classes.js';
import { isPrioritySummaryHeading } from './vocabulary.js';

export interface SummaryCandidate {
  title: string;
  headingPath: readonly string[];
}

/** At least this share of a section's items must echo an item elsewhere. */
const ECHO_SHARE = 0.6;
const MIN_ITEMS = 3;

/** Words that can tell one item from another: four letters or more, a CJK word of two, or a number of two digits. */
function telling(title: string): Set<string> {
  const words = title.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((w) => (/^\p{N}+$/u.test(w) ? w.length >= 2 : w.length >= 4 || (CJK_CHAR.test(w) && w.length >= 2))));
}

/**
 * Indexes of the items that sit in a priority summary restating other items. Word counts are over
 * all titles; a word in more than a tenth of them (at least three) says nothing about which item
 * an entry restates.
 */
export function prioritySummaryItems(items: readonly SummaryCandidate[]): Set<number> {
  const groups = new Map<string, number[]>();
  const summaryHeading = new Map<string, boolean>();
  const isSummary = (h: string): boolean => {
    let hit = summaryHeading.get(h);
    if (hit === undefined) summaryHeading.set(h, (hit = isPrioritySummaryHeading(h)));
    return hit;
  };
  items.forEach((item, i) => {
    const at = item.headingPath.findIndex((h, depth) => depth > 0 && isSummary(h));
    if (at < 0) return;
    const key = item.headingPath.slice(0, at + 1).join('\u0000');
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const dropped = new Set<number>();
  if (groups.size === 0) return dropped;

  const words = items.map((item) => telling(item.title));
  const titlesWith = new Map<string, number[]>();
  words.forEach((set, i) => {
    for (const w of set) {
      const list = titlesWith.get(w);
      if (list) list.push(i);
      else titlesWith.set(w, [i]);
    }
  });
  const common = Math.max(3, items.length * 0.1);
  for (const members of groups.values()) {
    if (members.length < MIN_ITEMS) continue;
    const inside = new Set(members);
    const echoes = members.filter((i) =>
      [...(words[i] ?? [])].some((w) => {
        const holders = titlesWith.get(w) ?? [];
        return holders.length <= common && holders.some((j) => !inside.has(j));
      }),
    );
    if (echoes.length >= ECHO_SHARE * members.length) for (const i of members) dropped.add(i);
  }
  return dropped;
}
