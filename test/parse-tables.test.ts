/** Table roadmaps: feature tables (a row per item), kanban tables (a card per cell), and status-cell edits. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { planCheckboxEdits, type CheckboxAction, type CheckboxTarget } from '../src/core/checkboxes/plan-checkbox-edits.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { isDoneStatus } from '../src/core/roadmap/parse-tables.js';

const PATH = 'ROADMAP.md';

const FEATURES = [
  '# Roadmap',
  '',
  '## v1.0',
  '',
  '| Feature | Status | Priority | Owner |',
  '|:--------|:------:|----------|-------|',
  '| Search **index** | ✅ Done | High | ana |',
  '| Export to CSV | In progress | Low | |',
  '| Sharing links  |  | | bo |',
  '|  | Done | | nobody |',
  '',
].join('\n');

function item(text: string, title: string) {
  const found = parseRoadmapFile(PATH, text, DEFAULT_CONFIG).items.find((i) => i.title === title);
  if (!found) throw new Error(`no item ${title}`);
  return found;
}

function target(text: string, title: string, action: CheckboxAction, number = 1): CheckboxTarget {
  return { number, title, marker: { file: PATH, key: item(text, title).key, checked: null }, action };
}

function plan(text: string, targets: CheckboxTarget[]) {
  return planCheckboxEdits([{ path: PATH, text }], DEFAULT_CONFIG, targets, []);
}

function apply(text: string, targets: CheckboxTarget[]): string {
  return plan(text, targets).files[0]?.text ?? text;
}

describe('feature tables', () => {
  it('one item per row with a title: status → checkbox, priority → label, other cells → details', () => {
    const file = parseRoadmapFile(PATH, FEATURES, DEFAULT_CONFIG);
    expect(file.items.map((i) => [i.title, i.line, i.checkbox, i.milestone, i.labels])).toEqual([
      ['Search index', 7, 'checked', 'v1.0', ['priority: high']],
      ['Export to CSV', 8, 'unchecked', 'v1.0', ['priority: low']],
      ['Sharing links', 9, 'unchecked', 'v1.0', []],
    ]);
    expect(item(FEATURES, 'Search index').details).toBe('**Owner:** ana');
    expect(new Set(file.items.map((i) => i.key)).size).toBe(3);
    const search = item(FEATURES, 'Search index');
    expect(FEATURES.slice(search.source.contentStart, search.source.firstParagraphEnd)).toBe('Search **index**');
    expect(FEATURES.slice(search.source.start, search.source.end)).toBe('| Search **index** | ✅ Done | High | ana |');
  });

  it('keys follow the text, not the line: moving a row keeps its key', () => {
    const lines = FEATURES.split('\n');
    const moved = [...lines.slice(0, 6), lines[7], lines[6], ...lines.slice(8)].join('\n');
    expect(item(moved, 'Search index').key).toBe(item(FEATURES, 'Search index').key);
    expect(item(moved, 'Search index').line).toBe(8);
  });

  it('column names and done words in other languages; a milestone column', () => {
    const text = '| Fecha | Hito | Tarea | Estado |\n|---|---|---|---|\n| enero | Fase 1 | Diseñar el esquema | Hecho |\n| febrero | Fase 2 | Escribir pruebas | Pendiente |\n';
    const file = parseRoadmapFile(PATH, text, DEFAULT_CONFIG);
    expect(file.items.map((i) => [i.title, i.checkbox, i.milestone])).toEqual([
      ['Diseñar el esquema', 'checked', 'Fase 1'],
      ['Escribir pruebas', 'unchecked', 'Fase 2'],
    ]);
    for (const done of ['100%', 'Done', '✅', 'Shipped', 'Completed', 'Terminé', 'Erledigt', 'Concluído', 'Tamamlandı', 'Готово', '完了', '完成', '✔️ done (v2)']) {
      expect(isDoneStatus(done), done).toBe(true);
    }
    for (const open of ['50%', 'Not done', 'In progress', 'Todo', '', 'Planned']) expect(isDoneStatus(open), open).toBe(false);
  });

  it('a table without a title-like column gives no items', () => {
    expect(parseRoadmapFile(PATH, '| When | Who |\n|---|---|\n| May | Ana |\n', DEFAULT_CONFIG).items).toEqual([]);
  });

  it('tables keep their offsets behind a BOM and with CRLF line endings', () => {
    const text = `\uFEFF${FEATURES.replace(/\n/g, '\r\n')}`;
    const search = item(text, 'Search index');
    expect(text.slice(search.source.contentStart, search.source.firstParagraphEnd)).toBe('Search **index**');
    expect(apply(text, [target(text, 'Export to CSV', 'check')])).toBe(text.replace('| In progress |', '| ✅ Done |'));
  });
});

describe('status cells follow the issue', () => {
  it('closing the issue writes the column’s own done wording into the cell, and nothing else', () => {
    const closed = apply(FEATURES, [target(FEATURES, 'Export to CSV', 'check')]);
    expect(closed).toBe(FEATURES.replace('| Export to CSV | In progress |', '| Export to CSV | ✅ Done |'));
    expect(item(closed, 'Export to CSV').checkbox).toBe('checked');
  });

  it('an empty status cell gets the wording too; closing again changes nothing', () => {
    const closed = apply(FEATURES, [target(FEATURES, 'Sharing links', 'check')]);
    expect(closed).toBe(FEATURES.replace('| Sharing links  |  |', '| Sharing links  | ✅ Done |'));
    const again = plan(closed, [target(closed, 'Sharing links', 'check')]);
    expect(again.files).toEqual([]);
    expect(again.unchanged).toEqual([1]);
  });

  it('reopening writes the column’s usual open wording; that round trip is then byte-exact', () => {
    const reopened = apply(FEATURES, [target(FEATURES, 'Search index', 'uncheck')]);
    expect(reopened).toBe(FEATURES.replace('| ✅ Done | High |', '| In progress | High |'));
    const closed = apply(reopened, [target(reopened, 'Search index', 'check')]);
    expect(apply(closed, [target(closed, 'Search index', 'uncheck')])).toBe(reopened);
  });

  it('reopening puts back the wording the cell had before the close, when the marker\'s version shows it', () => {
    const before = FEATURES.replace('| Export to CSV | In progress |', '| Export to CSV | Blocked |');
    const closed = apply(before, [target(before, 'Export to CSV', 'check')]);
    expect(closed).toBe(before.replace('| Blocked |', '| ✅ Done |'));
    const key = item(before, 'Export to CSV').key;
    const versions = new Map([['v0', { text: before, items: parseRoadmapFile(PATH, before, DEFAULT_CONFIG).items }]]);
    const reopen = (blob: string): string =>
      planCheckboxEdits([{ path: PATH, text: closed, sha: 'v1' }], DEFAULT_CONFIG, [{ number: 1, title: 'Export to CSV', marker: { file: PATH, key, checked: false, blob }, action: 'uncheck' }], [], versions).files[0]?.text ?? closed;
    // the marker names the version before the close: its wording comes back, byte for byte
    expect(reopen('v0')).toBe(before);
    // a marker written after the close (or a version that cannot be read): the column's usual open wording
    const usual = closed.replace('| Export to CSV | ✅ Done |', '| Export to CSV | Todo |');
    expect(apply(closed, [target(closed, 'Export to CSV', 'uncheck')])).toBe(usual);
    expect(reopen('v1')).toBe(usual);
    expect(reopen('gone')).toBe(usual);
  });

  it('without a done wording in the column, `Done`; not planned marks it done as well', () => {
    const text = '| Task | Status |\n|---|---|\n| Write docs | Planned |\n';
    expect(apply(text, [target(text, 'Write docs', 'strike')])).toBe('| Task | Status |\n|---|---|\n| Write docs | Done |\n');
  });

  it('a table without a status column: refused, with the reason', () => {
    const text = '| Task | Owner |\n|---|---|\n| Write docs | ana |\n';
    const result = plan(text, [target(text, 'Write docs', 'check', 7)]);
    expect(result.files).toEqual([]);
    expect(result.missing).toEqual([
      { number: 7, reason: 'ROADMAP.md:3 is a table row without a status column: add a Status column to check it from its issue' },
    ]);
  });
});

describe('kanban tables', () => {
  const BOARD = [
    '## Board',
    '',
    '| In Progress | Next | Future | Done |',
    '|---|---|---|---|',
    '| Search | Export | Sharing | Login |',
    '| Themes |  | Plugins | |',
    '',
  ].join('\n');

  it('one item per non-empty cell, column by column, the column as milestone; done columns are checked', () => {
    const file = parseRoadmapFile(PATH, BOARD, DEFAULT_CONFIG);
    expect(file.items.map((i) => [i.title, i.line, i.milestone, i.checkbox])).toEqual([
      ['Search', 5, 'In Progress', 'unchecked'],
      ['Themes', 6, 'In Progress', 'unchecked'],
      ['Export', 5, 'Next', 'unchecked'],
      ['Sharing', 5, 'Future', 'unchecked'],
      ['Plugins', 6, 'Future', 'unchecked'],
      ['Login', 5, 'Done', 'checked'],
    ]);
    expect(file.milestones.map((m) => m.title)).toEqual(['In Progress', 'Next', 'Future', 'Done']);
    const themes = item(BOARD, 'Themes');
    expect(BOARD.slice(themes.source.start, themes.source.end)).toBe('Themes');
  });

  it('quarters are columns too', () => {
    const text = '| Q1 2026 | Q2 2026 |\n|---|---|\n| Billing | Reports |\n';
    expect(parseRoadmapFile(PATH, text, DEFAULT_CONFIG).items.map((i) => [i.title, i.milestone])).toEqual([
      ['Billing', 'Q1 2026'],
      ['Reports', 'Q2 2026'],
    ]);
  });

  it('a card cannot be checked from its issue: refused with the reason', () => {
    const result = plan(BOARD, [target(BOARD, 'Export', 'check', 3)]);
    expect(result.files).toEqual([]);
    expect(result.missing).toEqual([{ number: 3, reason: 'ROADMAP.md:5 is a kanban card: move it to a done column by hand' }]);
  });
});

describe('placeholders', () => {
  it('a cell holding only a dash is empty: no milestone, no priority, no item', () => {
    const text = '| Task | Version | Priority |\n|---|---|---|\n| Login | - | — |\n| - | 1.0 | High |\n';
    expect(parseRoadmapFile(PATH, text, DEFAULT_CONFIG).items.map((i) => [i.title, i.milestone, i.labels])).toEqual([['Login', null, []]]);
  });
});

describe('tables that are not work', () => {
  it('a comparison table (marks in two or more columns, no status column) gives no items', () => {
    const text = '| Feature | Us | Them |\n|---|---|---|\n| CSV import | ✅ | ❌ |\n| Dark mode | yes | no |\n';
    expect(parseRoadmapFile(PATH, text, DEFAULT_CONFIG).items).toEqual([]);
  });

  it('numbers in a title-like column are no items', () => {
    const text = '| Phase | Tasks | Done |\n|---|---|---|\n| One | 12 | 10 |\n';
    expect(parseRoadmapFile(PATH, text, DEFAULT_CONFIG).items).toEqual([]);
  });
});

describe('kanban cells with several cards', () => {
  it('<br> separates cards; each keeps its own offsets', () => {
    const text = '| Now | Later |\n|---|---|\n| Search <br> Export | Themes<br/>**Plugins** |\n';
    const items = parseRoadmapFile(PATH, text, DEFAULT_CONFIG).items;
    expect(items.map((i) => [i.title, i.milestone, text.slice(i.source.start, i.source.end)])).toEqual([
      ['Search', 'Now', 'Search'],
      ['Export', 'Now', 'Export'],
      ['Themes', 'Later', 'Themes'],
      ['Plugins', 'Later', '**Plugins**'],
    ]);
    expect(new Set(items.map((i) => i.key)).size).toBe(4);
  });
});
