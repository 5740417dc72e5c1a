import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { milestoneDueDate } from '../src/core/roadmap/milestone-due-date.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';

describe('milestone due dates from headings', () => {
  it.each([
    ['Q3 2025', '2025-09-30'],
    ['2025 Q3', '2025-09-30'],
    ['Q1-Q2 2024: Foundation', '2024-06-30'],
    ['2025 H1', '2025-06-30'],
    ['2026-03', '2026-03-31'],
    ['March 2026', '2026-03-31'],
    ['February 2028', '2028-02-29'],
    ['marzo de 2026', '2026-03-31'],
    ['Mars 2026', '2026-03-31'],
    ['März 2026', '2026-03-31'],
    ['Mart 2026', '2026-03-31'],
    ['Март 2026', '2026-03-31'],
    ['2026年3月', '2026-03-31'],
    ['5단계: 시각화 (2026년 1분기)', '2026-03-31'],
    ['Beta (2025-11-15)', '2025-11-15'],
    ['Phase 1 (01-nov-2025)', '2025-11-01'],
    ['Launch on March 3, 2026', '2026-03-03'],
    ['2024', '2024-12-31'],
    ['Next', null],
    ['Months 3-6', null],
    ['Phase 2', null],
    ['v2.0', null],
    ['2021 Roadmap', null],
    ['2025-13', null],
  ])('%j → %j', (heading, due) => {
    expect(milestoneDueDate(heading)).toBe(due);
  });

  it('puts the date on the milestone', () => {
    const file = parseRoadmapFile('ROADMAP.md', '# R\n\n## Q3 2025\n\n- a\n\n## Next\n\n- b\n', DEFAULT_CONFIG);
    expect(file.milestones).toEqual([
      { title: 'Q3 2025', description: '', dueOn: '2025-09-30' },
      { title: 'Next', description: '', dueOn: null },
    ]);
  });
});
