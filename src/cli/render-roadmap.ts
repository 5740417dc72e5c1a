import type { Config } from '../core/config/config.js';
import type { Roadmap, RoadmapItem, RoadmapStructure } from '../core/roadmap/model.js';
import { issueLabels } from '../core/sync/plan-sync.js';

export interface RoadmapJson {
  items: Array<{
    key: string;
    file: string;
    line: number;
    title: string;
    checked: boolean;
    milestone: string | null;
    labels: string[];
    parent: string | null;
    /** Whether the item gets an issue on an empty repository, created closed or open, and why not. */
    issue: { created: boolean; closed: boolean; why: string | null };
  }>;
  /** How each file was read: list items, headings (and which level) or table rows, and why. */
  files: Array<{ path: string; items: number; structure: RoadmapStructure | null; refused: string | null }>;
  milestones: Array<{ title: string; description: string }>;
  labels: Array<{ name: string; color: string; description: string }>;
  problems: Array<{ file: string; line: number | null; message: string }>;
}

/**
 * The `plan --json` document: what the app would create on an empty repository. An item's
 * `labels` are exactly the labels its issue gets (the sync planner's own list).
 */
export function renderRoadmapJson(roadmap: Roadmap, config: Config, extraProblems: RoadmapJson['problems'] = []): RoadmapJson {
  return {
    items: roadmap.items.map((item) => ({
      key: item.key,
      file: item.file,
      line: item.line,
      title: item.title,
      checked: item.checkbox === 'checked',
      milestone: item.milestone,
      labels: issueLabels(item, config),
      parent: item.parent,
      issue: issueFate(item, config),
    })),
    files: roadmap.files.map((file) => ({
      path: file.path,
      items: file.items.length,
      structure: file.structure ?? null,
      refused: file.refused ?? null,
    })),
    milestones: roadmap.milestones.map(({ title, description }) => ({ title, description })),
    labels: roadmap.labels.map(({ name, color, description }) => ({ name, color, description })),
    problems: [...roadmap.problems, ...extraProblems],
  };
}

const BOX: Record<RoadmapItem['checkbox'], string> = { checked: '[x]', unchecked: '[ ]', none: '[ ]' };

/** Why an item gets no issue on an empty repository, or null when it gets one. */
export function whyNoIssue(item: RoadmapItem, config: Config): string | null {
  return item.checkbox === 'checked' && config.checked === 'skip' ? 'checked: skip' : null;
}

/** What an empty repository would get for the item: the tree's "— no issue (…)" mark, as data. */
export function issueFate(item: RoadmapItem, config: Config): RoadmapJson['items'][number]['issue'] {
  const why = whyNoIssue(item, config);
  return { created: why === null, closed: why === null && item.checkbox === 'checked' && config.checked === 'create-closed', why };
}

/** "read as list items", "read as level-3 headings: headings.itemLevel: 3", "read as table rows". */
export function renderStructure(structure: RoadmapStructure): string {
  if (structure.kind === 'headings') return `read as level-${structure.itemLevel ?? '?'} headings: ${structure.reason}`;
  return structure.kind === 'table' ? 'read as table rows' : 'read as list items';
}

/**
 * A readable tree: file → how it was read → milestone → items (children indented), with each item's issue labels
 * and, for an item that gets no issue, why; then the issue count and the summary line.
 * `notes` are per-file lines (why a file gave no items), printed under the file.
 */
export function renderRoadmapTree(roadmap: Roadmap, config: Config, notes: ReadonlyMap<string, string> = new Map()): string {
  const lines: string[] = [];
  const byKey = new Map(roadmap.items.map((item) => [item.key, item]));
  for (const file of roadmap.files) {
    lines.push(`${file.path}`);
    if (file.structure && file.items.length > 0) lines.push(`  ${renderStructure(file.structure)}`);
    let milestone: string | null | undefined;
    const walk = (item: RoadmapItem, depth: number): void => {
      const labels = issueLabels(item, config).join(', ');
      const pad = '  '.repeat(depth + 2);
      const why = whyNoIssue(item, config);
      lines.push(`${pad}${BOX[item.checkbox]} ${item.title}  (${labels}; line ${item.line})${why === null ? '' : `  — no issue (${why})`}`);
      for (const child of item.children) {
        const c = byKey.get(child);
        if (c) walk(c, depth + 1);
      }
    };
    for (const item of file.items) {
      if (item.parent) continue;
      if (item.milestone !== milestone) {
        milestone = item.milestone;
        lines.push(`  ◆ ${milestone ?? '(no milestone)'}`);
      }
      walk(item, 0);
    }
    for (const p of file.problems) lines.push(`  ! line ${p.line ?? '?'}: ${p.message}`);
    const note = notes.get(file.path);
    if (note !== undefined) lines.push(`  ! ${note}`);
  }
  lines.push('');
  lines.push(renderIssueCountLine(roadmap, config));
  lines.push(renderSummaryLine(roadmap));
  return lines.join('\n');
}

/** "16 issues will be created; 18 checked items get none (checked: skip)". */
export function renderIssueCountLine(roadmap: Roadmap, config: Config): string {
  const skipped = roadmap.items.filter((item) => whyNoIssue(item, config) !== null).length;
  const created = roadmap.items.length - skipped;
  const closed = config.checked === 'create-closed' ? roadmap.items.filter((i) => i.checkbox === 'checked').length : 0;
  const head = `${created} issue${created === 1 ? '' : 's'} will be created${closed > 0 ? ` (${closed} closed, as checked: create-closed)` : ''}`;
  return skipped === 0 ? head : `${head}; ${skipped} checked item${skipped === 1 ? '' : 's'} get${skipped === 1 ? 's' : ''} none (checked: skip)`;
}

export function renderSummaryLine(roadmap: Roadmap): string {
  const checked = roadmap.items.filter((i) => i.checkbox === 'checked').length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    plural(roadmap.files.length, 'file'),
    `${plural(roadmap.items.length, 'item')} (${checked} checked)`,
    plural(roadmap.milestones.length, 'milestone'),
    plural(roadmap.labels.length, 'label'),
  ].join(' · ');
}
