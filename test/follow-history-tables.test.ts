/** traceItems on table roadmaps: several items on one line (kanban rows) keep their own identity. */
import { describe, expect, it } from 'vitest';
import { fates } from './helpers/trace-fates.js';

const BOARD = '| Now | Next | Later |\n|---|---|---|\n| Search | Export | Sharing |\n| Login | Themes | Plugins |\n';

describe('traceItems with kanban rows', () => {
  it('every card of an unchanged row keeps its own item, not its neighbour’s', () => {
    const after = BOARD.replace('| Login |', '| Billing | Reports | Audit |\n| Login |');
    expect(fates(BOARD, after)).toEqual({
      Search: 'kept: Search',
      Login: 'kept: Login',
      Export: 'kept: Export',
      Themes: 'kept: Themes',
      Sharing: 'kept: Sharing',
      Plugins: 'kept: Plugins',
    });
  });

  it('a card reworded in place is a rewording of that card; its row neighbours stay', () => {
    const after = BOARD.replace('| Search |', '| Full-text search |');
    expect(fates(BOARD, after)).toMatchObject({ Search: 'reworded: Full-text search', Export: 'kept: Export', Login: 'kept: Login' });
  });

  it('a feature-table row moved elsewhere keeps its item', () => {
    const before = '| Task | Status |\n|---|---|\n| Search | Done |\n| Export | Todo |\n| Login | Todo |\n';
    const after = '| Task | Status |\n|---|---|\n| Export | Todo |\n| Login | Todo |\n| Search | Done |\n';
    expect(fates(before, after)).toEqual({ Search: 'kept: Search', Export: 'kept: Export', Login: 'kept: Login' });
  });
});
