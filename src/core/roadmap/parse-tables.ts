/**
 * Table roadmaps: GFM tables read as items. Pure, never throws; parse.ts calls it for each table
 * at the top level of a section (tables inside list items, quotes or heading items stay text).
 *
 * - A table with a title-like column (Task, Feature, Item, …, Tarea, Tâche, Aufgabe, タスク, 任务)
 *   gives one item per row with a non-empty title cell. A status column (Status, Estado, État, …)
 *   sets the checkbox; a priority column the priority label; a milestone column (Milestone,
 *   Release, Phase, Quarter, …) the milestone; other non-empty cells go to the issue body.
 * - A kanban table (every header a stage or a timeframe: In Progress | Next | Later, Q1 | Q2; the
 *   stage and done words are vocabulary.ts's) gives one item per non-empty cell, the column being
 *   its milestone; a cell under a done column is checked.
 * - Anything else is no item (`plan` then says which columns it saw).
 */
import type { Table, TableCell, TableRow } from 'mdast';
import type { Config } from '../config/config.js';
import { classifyHeading, milestoneTitle, normalizePriority, priorityLabel, stripEmoji } from './classify.js';
import { findIssueRef } from './issue-ref.js';
import { CHECK_MARK_CLASS } from './char-classes.js';
import { DONE_WORDS, isBoardStage } from './vocabulary.js';
import { mdastOffsetShift } from './item-source.js';
import type { CheckboxState, ItemSource, TableStatusCell } from './model.js';
import { collapseWhitespace, plainText } from './plain-text.js';

export interface TableItem {
  /** 1-based line of the row. */
  line: number;
  /** The title cell (or kanban card) as plain text. */
  plain: string;
  /** Its markdown source. */
  text: string;
  checkbox: CheckboxState;
  /** The milestone the row or the kanban column names, or null to keep the section's. */
  milestone: string | null;
  /** The priority label (config prefix included), or null. */
  priorityLabel: string | null;
  /** `**Column:** value` for the other non-empty cells. */
  details: string[];
  issueRef: number | null;
  source: ItemSource;
}

/** Title-like column names, the more specific first: the first that a header names is the title column. */
const TITLE_COLUMNS = [
  ['task', 'tasks', 'tarea', 'tareas', 'tâche', 'tache', 'tâches', 'aufgabe', 'aufgaben', 'tarefa', 'tarefas', 'görev', 'задача', 'タスク', '任务', '任務', '작업'],
  ['feature', 'features', 'funcionalidad', 'característica', 'caracteristica', 'fonctionnalité', 'fonctionnalite', 'funktion', 'funcionalidade', 'özellik', 'функция', '機能', '功能', '特性', '기능'],
  ['item', 'items', '항목', 'story', 'user story', 'stories', 'scenario', 'escenario', 'scénario', 'szenario', 'cenário', 'senaryo', 'сценарий', 'historia', 'epic'],
  ['title', 'título', 'titulo', 'titre', 'titel', 'başlık', 'название', 'タイトル', '标题', '標題'],
  ['deliverable', 'deliverables', 'entregable', 'entregables', 'livrable', 'liefergegenstand', 'entregável', 'entregavel', 'çıktı', 'результат', '成果物', '交付物'],
  ['name', 'nombre', 'nom', 'nome', 'ad', 'имя', '名前', '名称'],
].flat();

const STATUS_COLUMNS = ['status', 'state', 'estado', 'état', 'etat', 'statut', 'stand', 'zustand', 'situação', 'situacao', 'durum', 'статус', 'состояние', '状态', '狀態', 'ステータス', '状態', '상태', 'progress'];
const PRIORITY_COLUMNS = ['priority', 'prio', 'prioridad', 'priorité', 'priorite', 'priorität', 'prioritat', 'prioridade', 'öncelik', 'приоритет', '优先级', '優先度', '우선순위', 'moscow'];
const MILESTONE_COLUMNS = ['milestone', 'release', 'version', 'phase', 'quarter', 'sprint', 'hito', 'versión', 'fase', 'jalon', 'meilenstein', 'marco', 'kilometre taşı', 'этап', 'веха', 'マイルストーン', '里程碑'];

const DONE_MARKS = new RegExp(CHECK_MARK_CLASS, 'u');

/** Header text for matching: plain, emoji and markup signs dropped, lowercase, no trailing colon. */
function columnName(cell: TableCell | undefined): string {
  if (!cell) return '';
  return collapseWhitespace(stripEmoji(plainText(cell)).normalize('NFKC').toLowerCase().replace(/[*_:：]+/gu, ' '));
}

/** Whether a status cell (or a kanban column) says the work is done. */
export function isDoneStatus(text: string): boolean {
  if (DONE_MARKS.test(text)) return true;
  const s = collapseWhitespace(stripEmoji(text).normalize('NFKC').toLowerCase().replace(/[*_~`[\]()!.:]+/gu, ' '));
  return DONE_WORDS.some((w) => s === w || (s.startsWith(w) && /^[\s,;/-]/u.test(s.slice(w.length))));
}

export function readTableItems(text: string, table: Table, config: Config, repository?: string): TableItem[] {
  const [header, ...rows] = table.children;
  if (!header || rows.length === 0) return [];
  const names = header.children.map(columnName);
  const titleColumn = TITLE_COLUMNS.map((w) => names.indexOf(w)).find((i) => i >= 0);
  if (titleColumn !== undefined) return readRows(text, names, titleColumn, header, rows, config, repository);
  const isStage = (name: string): boolean => isBoardStage(name) || classifyHeading(name, config).kind === 'release';
  if (names.length >= 2 && names.every((n) => n !== '' && isStage(n))) return readKanban(text, header, rows, config, repository);
  return [];
}

/** Why a table gives no items, for `plan`'s note on a file without items; null when it gives some. */
export function explainTable(text: string, table: Table, config: Config): string | null {
  if (readTableItems(text, table, config).length > 0) return null;
  const [header, ...rows] = table.children;
  const names = header?.children.map((cell) => collapseWhitespace(plainText(cell))) ?? [];
  const where = `a table with columns ${names.join(' | ')} (line ${table.position?.start.line ?? '?'})`;
  const titleColumn = TITLE_COLUMNS.map((w) => (header?.children ?? []).map(columnName).indexOf(w)).find((i) => i >= 0);
  if (titleColumn === undefined) return `${where}: name one column Task, Feature, Item or Title to read a row per item`;
  if (isComparison(rows, titleColumn)) return `${where} compares with marks (✅/❌, yes/no): not work; add a Status column to read its rows as items`;
  return `${where}: no row has a title`;
}

function readRows(text: string, names: string[], titleColumn: number, header: TableRow, rows: TableRow[], config: Config, repository?: string): TableItem[] {
  const statusColumn = names.findIndex((n) => STATUS_COLUMNS.includes(n));
  const priorityColumn = names.findIndex((n) => PRIORITY_COLUMNS.includes(n));
  const milestoneColumn = names.findIndex((n) => MILESTONE_COLUMNS.includes(n));
  if (statusColumn < 0 && isComparison(rows, titleColumn)) return [];
  const statusWords = statusColumn < 0 ? null : columnWords(text, rows, statusColumn);
  // a milestone column of which no two rows agree (a version per delivered row) groups nothing
  const named = milestoneColumn < 0 ? [] : rows.map((r) => cellPlain(r.children[milestoneColumn])).filter((v) => v !== '');
  const groups = named.length >= 3 && new Set(named).size === named.length ? -1 : milestoneColumn;
  const items: TableItem[] = [];
  for (const row of rows) {
    const titleCell = row.children[titleColumn];
    const plain = cellPlain(titleCell);
    const title = titleCell ? cellContent(text, titleCell) : null;
    // a count or a date in a "Tasks" column is no task
    if (!titleCell || !title || !/\p{L}/u.test(plain)) continue;
    const statusCell = statusColumn < 0 ? undefined : row.children[statusColumn];
    const status = statusCell && statusWords ? statusSource(text, statusCell, statusWords) : null;
    const priority = cellPlain(row.children[priorityColumn]);
    const milestone = cellPlain(row.children[groups]);
    const details = row.children.flatMap((cell, i) => {
      if (i === titleColumn || i === statusColumn || i === priorityColumn) return [];
      const range = cellContent(text, cell);
      const heading = header.children[i] ? collapseWhitespace(plainText(header.children[i] as TableCell)) : '';
      return range && range.end > range.start && heading !== '' ? [`**${heading}:** ${text.slice(range.start, range.end)}`] : [];
    });
    items.push({
      line: row.position?.start.line ?? 1,
      plain,
      text: text.slice(title.start, title.end),
      checkbox: status === null ? (statusColumn < 0 ? 'none' : 'unchecked') : status.state,
      milestone: milestone === '' ? null : milestoneTitle(milestone),
      // a colour mark alone (🟡) names no priority: its meaning is the document's own legend
      priorityLabel: stripEmoji(priority).trim() === '' ? null : priorityLabel(normalizePriority(stripEmoji(priority).trim()) || priority.toLowerCase(), config),
      details,
      issueRef: findIssueRef({ type: 'paragraph', children: titleCell.children }, repository),
      source: rowSource(text, row, title, status === null ? null : status, statusColumn < 0 ? 'is a table row without a status column: add a Status column to check it from its issue' : null),
    });
  }
  return items;
}

function readKanban(text: string, header: TableRow, rows: TableRow[], config: Config, repository?: string): TableItem[] {
  const columns = header.children.map((cell) => collapseWhitespace(plainText(cell)));
  const items: TableItem[] = [];
  // column by column, as a board is read: each column's cards stay together under its milestone
  columns.forEach((column, i) => {
    for (const row of rows) {
      const cell = row.children[i];
      if (!cell || column === '') continue;
      for (const card of cardsOf(text, cell)) {
        items.push({
          line: row.position?.start.line ?? 1,
          plain: card.plain,
          text: text.slice(card.start, card.end),
          checkbox: isDoneStatus(column) ? 'checked' : 'unchecked',
          milestone: classifyHeading(column, config).kind === 'skip' ? null : milestoneTitle(column),
          priorityLabel: null,
          details: [],
          issueRef: findIssueRef({ type: 'paragraph', children: card.children }, repository),
          source: { ...rowSource(text, row, card, null, 'is a kanban card: move it to a done column by hand'), start: card.start, end: card.end },
        });
      }
    }
  });
  return items;
}

/** The cards of a kanban cell: its text, split at `<br>` (several cards in one cell). */
function cardsOf(text: string, cell: TableCell): Array<{ start: number; end: number; plain: string; children: TableCell['children'] }> {
  const shift = mdastOffsetShift(text);
  const groups: Array<TableCell['children']> = [[]];
  for (const child of cell.children) {
    if (child.type === 'html' && /^<br\s*\/?>$/iu.test(child.value.trim())) groups.push([]);
    else groups[groups.length - 1]?.push(child);
  }
  return groups.flatMap((children) => {
    const plain = cellPlain({ type: 'tableCell', children });
    const from = children[0]?.position?.start.offset;
    const to = children[children.length - 1]?.position?.end.offset;
    if (plain === '' || from === undefined || to === undefined) return [];
    let start = from + shift;
    let end = to + shift;
    while (start < end && (text[start] === ' ' || text[start] === '\t')) start += 1;
    while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end -= 1;
    return [{ start, end, plain, children }];
  });
}

const MARK = /^(?:[\p{Extended_Pictographic}\u{FE0F}\u{200D}✓✗×~\-–—?½]+|yes|no|partial|n\/a|sí|si|não|nao|oui|non|ja|nein|evet|hayır|да|нет)$/iu;

/** A mark with a word or two of comment: `✅ Good`, `⚠️ Basic`, `🟡 In progress`. */
const MARKED_WORDS = /^[\p{Extended_Pictographic}✓✗×][\u{FE0F}\u{200D}\p{Extended_Pictographic}]*\s*[^\s|]+(?:\s+[^\s|]+)?$/u;

/**
 * A comparison or gap table (`Feature | Us | Them` with ✅/❌ or yes/no cells): at least two other
 * columns whose filled cells are almost all marks (alone or with a word or two). Its rows say what
 * exists, they are not work.
 */
function isComparison(rows: TableRow[], titleColumn: number): boolean {
  const width = Math.max(0, ...rows.map((r) => r.children.length));
  let markColumns = 0;
  for (let c = 0; c < width; c += 1) {
    if (c === titleColumn) continue;
    const values = rows.map((r) => collapseWhitespace(plainText(r.children[c] ?? { type: 'tableCell', children: [] }))).filter((v) => v !== '');
    const marks = values.filter((v) => MARK.test(v) || MARKED_WORDS.test(v)).length;
    if (values.length > 0 && marks >= 0.8 * values.length) markColumns += 1;
  }
  return markColumns >= 2;
}

/** The done and not-done wordings a status column uses, the first and the most frequent. */
function columnWords(text: string, rows: TableRow[], column: number): { done: string; open: string } {
  const done: string[] = [];
  const open = new Map<string, number>();
  for (const row of rows) {
    const cell = row.children[column];
    const range = cell ? cellContent(text, cell) : null;
    const value = range ? text.slice(range.start, range.end) : '';
    if (value === '' || /[|\r\n]/u.test(value)) continue;
    if (isDoneStatus(value)) done.push(value);
    else open.set(value, (open.get(value) ?? 0) + 1);
  }
  const [mostOpen] = [...open].sort((a, b) => b[1] - a[1])[0] ?? [];
  return { done: done[0] ?? 'Done', open: mostOpen ?? 'Todo' };
}

function statusSource(text: string, cell: TableCell, words: { done: string; open: string }): TableStatusCell | null {
  const range = cellContent(text, cell);
  if (!range) return null;
  const value = text.slice(range.start, range.end);
  return { start: range.start, end: range.end, state: isDoneStatus(value) ? 'checked' : 'unchecked', doneText: words.done, openText: words.open };
}

function rowSource(
  text: string,
  row: TableRow,
  title: { start: number; end: number },
  status: TableStatusCell | null,
  noStatus: string | null,
): ItemSource {
  const shift = mdastOffsetShift(text);
  const start = (row.position?.start.offset ?? title.start - shift) + shift;
  const end = (row.position?.end.offset ?? title.end - shift) + shift;
  return {
    start,
    end,
    contentStart: title.start,
    firstParagraphEnd: title.end,
    checkbox: null,
    kind: 'table',
    table: { status, refusal: status === null ? (noStatus ?? 'is a table row whose status cell cannot be edited') : null },
  };
}

/**
 * A cell's content as offsets into `text`: between its pipes, without the blanks around it. An
 * empty cell gives a zero-width range one space after its opening pipe (or right after it). Null
 * when the cell has no position or spans lines.
 */
function cellContent(text: string, cell: TableCell): { start: number; end: number } | null {
  const shift = mdastOffsetShift(text);
  const from = cell.position?.start.offset;
  const to = cell.position?.end.offset;
  if (from === undefined || to === undefined) return null;
  let start = from + shift;
  let end = to + shift;
  if (/[\r\n]/u.test(text.slice(start, end))) return null;
  if (text[start] === '|') start += 1;
  if (end > start && text[end - 1] === '|' && text[end - 2] !== '\\') end -= 1;
  const opened = start;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start += 1;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end -= 1;
  if (start === end) {
    const at = Math.min(opened + 1, to + shift);
    return { start: text[opened] === ' ' ? at : opened, end: text[opened] === ' ' ? at : opened };
  }
  return { start, end };
}

/** A cell's plain text, '' for a placeholder without letters, digits or emoji (`-`, `—`, `…`). */
function cellPlain(cell: TableCell | undefined): string {
  const plain = cell ? collapseWhitespace(plainText(cell)) : '';
  return /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(plain) ? plain : '';
}
