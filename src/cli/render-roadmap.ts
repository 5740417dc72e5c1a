import type { Roadmap, RoadmapItem } from '../core/roadmap/model.js';

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
  }>;
  milestones: Array<{ title: string; description: string }>;
  labels: Array<{ name: string; color: string; description: string }>;
  problems: Array<{ file: string; line: number | null; message: string }>;
}

/** The `plan --json` document: what the app would create on an empty repository. */
export function renderRoadmapJson(roadmap: Roadmap): RoadmapJson {
  return {
    items: roadmap.items.map((item) => ({
      key: item.key,
      file: item.file,
      line: item.line,
      title: item.title,
      checked: item.checkbox === 'checked',
      milestone: item.milestone,
      labels: item.labels,
      parent: item.parent,
    })),
    milestones: roadmap.milestones.map(({ title, description }) => ({ title, description })),
    labels: roadmap.labels.map(({ name, color, description }) => ({ name, color, description })),
    problems: roadmap.problems,
  };
}

const BOX: Record<RoadmapItem['checkbox'], string> = { checked: '[x]', unchecked: '[ ]', none: '[ ]' };

/** A readable tree: file → milestone → items (children indented), then a summary line. */
export function renderRoadmapTree(roadmap: Roadmap, roadmapLabel: string): string {
  const lines: string[] = [];
  const byKey = new Map(roadmap.items.map((item) => [item.key, item]));
  for (const file of roadmap.files) {
    lines.push(`${file.path}`);
    let milestone: string | null | undefined;
    const walk = (item: RoadmapItem, depth: number): void => {
      const labels = [roadmapLabel, ...item.labels].join(', ');
      const pad = '  '.repeat(depth + 2);
      lines.push(`${pad}${BOX[item.checkbox]} ${item.title}  (${labels}; line ${item.line})`);
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
  }
  lines.push('');
  lines.push(renderSummaryLine(roadmap));
  return lines.join('\n');
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
