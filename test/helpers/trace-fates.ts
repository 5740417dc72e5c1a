import { DEFAULT_CONFIG } from '../../src/core/config/config.js';
import { parseRoadmapFile } from '../../src/core/roadmap/parse.js';
import { traceItems, type ItemTrace } from '../../src/core/sync/follow-history.js';

/** A version of ROADMAP.md as traceItems takes it: its text and its items. */
export function version(text: string): { text: string; items: ReturnType<typeof parseRoadmapFile>['items'] } {
  return { text, items: parseRoadmapFile('ROADMAP.md', text, DEFAULT_CONFIG).items };
}

/** Old title → what it became, by new title: `kept: X`, `reworded: X`, `candidates: X, Y` or `deleted`. */
export function fates(before: string, after: string): Record<string, string> {
  const b = version(before);
  const a = version(after);
  const traces = traceItems(b, a) as Map<string, ItemTrace>;
  const titleOf = new Map(a.items.map((i) => [i.key, i.title]));
  return Object.fromEntries(
    b.items.map((item) => {
      const t = traces.get(item.key) as ItemTrace;
      if (t.kind === 'deleted') return [item.title, 'deleted'];
      if (t.kind === 'candidates') return [item.title, `candidates: ${t.keys.map((k) => titleOf.get(k)).join(', ')}`];
      return [item.title, `${t.kind}: ${titleOf.get(t.key)}`];
    }),
  );
}
