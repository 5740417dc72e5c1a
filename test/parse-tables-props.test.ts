/** Properties of table roadmaps: any table parses without throwing, with sane offsets; status edits round-trip. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { planCheckboxEdits, type CheckboxAction } from '../src/core/checkboxes/plan-checkbox-edits.js';
import type { RoadmapItem } from '../src/core/roadmap/model.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';

const PATH = 'ROADMAP.md';
const header = fc.constantFrom('Task', 'Feature', 'Status', 'Estado', 'Priority', 'Owner', 'Now', 'Next', 'Q1', 'Done', 'Version', '', '**Tarea**');
const cell = fc.oneof(
  fc.constantFrom('Search', 'Export **CSV**', '✅ Done', 'Done', 'In progress', 'Hecho', 'High', 'P0', '-', '', '`code`', 'a \\| b', 'x<br>y', '#42', '中文', '🚀 Launch'),
  fc.string({ maxLength: 6 }).map((s) => s.replace(/[|\r\n]/g, ' ')),
);
const eol = fc.constantFrom('\n', '\r\n');
const table = fc
  .tuple(fc.boolean(), eol, fc.array(header, { minLength: 1, maxLength: 4 }), fc.array(fc.array(cell, { minLength: 0, maxLength: 5 }), { maxLength: 5 }), fc.constantFrom('', '# R', '## v1'))
  .map(([bom, nl, heads, rows, before]) => {
    const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
    const lines = [before, '', line(heads), line(heads.map(() => '---')), ...rows.map(line), ''];
    return (bom ? '\uFEFF' : '') + lines.join(nl);
  });

function act(text: string, item: RoadmapItem, action: CheckboxAction): string {
  const plan = planCheckboxEdits([{ path: PATH, text }], DEFAULT_CONFIG, [{ number: 1, title: item.title, marker: { file: PATH, key: item.key, checked: null }, action }], []);
  return plan.files[0]?.text ?? text;
}

describe('table roadmaps, any table', () => {
  it('parses without throwing; table items have ordered offsets on their own line', () => {
    fc.assert(
      fc.property(table, (text) => {
        const file = parseRoadmapFile(PATH, text, DEFAULT_CONFIG);
        expect(new Set(file.items.map((i) => i.key)).size).toBe(file.items.length);
        for (const item of file.items.filter((i) => i.source.kind === 'table')) {
          const s = item.source;
          expect(0 <= s.start && s.start <= s.contentStart && s.contentStart <= s.firstParagraphEnd && s.firstParagraphEnd <= s.end && s.end <= text.length).toBe(true);
          expect(text.slice(0, s.start).split(/\r\n|\n/).length).toBe(item.line);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('check → checked, check again → no change, uncheck → unchecked, then check/uncheck round-trips byte for byte', () => {
    fc.assert(
      fc.property(table, (text) => {
        for (const item of parseRoadmapFile(PATH, text, DEFAULT_CONFIG).items) {
          if (item.source.kind !== 'table' || !item.source.table?.status) continue;
          const find = (t: string): RoadmapItem | undefined => parseRoadmapFile(PATH, t, DEFAULT_CONFIG).items.find((i) => i.key === item.key);
          const checked = act(text, item, 'check');
          const c = find(checked);
          if (!c) continue;
          expect(c.checkbox).toBe('checked');
          expect(act(checked, c, 'check')).toBe(checked);
          const open = act(checked, c, 'uncheck');
          const o = find(open);
          expect(o?.checkbox).toBe('unchecked');
          if (!o) continue;
          const again = act(open, o, 'check');
          const a = find(again);
          expect(a && act(again, a, 'uncheck')).toBe(open);
        }
      }),
      { numRuns: 150 },
    );
  });
});
