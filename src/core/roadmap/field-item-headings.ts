/**
 * Headings described by repeated fields: a roadmap that writes each piece of work as a heading
 * followed by the same labelled fields (`### 2. Trace analysis` / `**What:** …` / `**Implementation:**`
 * then bullets / `**Effort:** Medium`). The headings are the items; the fields and their bullets are
 * the issue body, not items of their own.
 *
 * Pure functions of the mdast and the config; the parser (parse.ts) reads the result.
 */
import type { Heading, List, Paragraph, Root, RootContent } from 'mdast';
import type { Config } from '../config/config.js';
import { classifyHeading } from './classify.js';
import { collapseWhitespace, plainText } from './plain-text.js';

export interface FieldItemHeadings {
  level: number;
  reason: string;
  bulletsInBody: true;
}

/** Share of a level's sections that must be described by fields, and of those that must carry a shared field. */
const MOST = 0.6;
const MIN_SECTIONS = 3;

/** The labels of a paragraph's fields: `**What:** …`, `**Effort:** M` and `**Value:** High` on the next line. */
function fieldLabels(p: Paragraph): string[] {
  const labels: string[] = [];
  p.children.forEach((child, i) => {
    if (child.type !== 'strong') return;
    const before = p.children[i - 1];
    const atLineStart = before === undefined || before.type === 'break' || (before.type === 'text' && /\n\s*$/u.test(before.value));
    if (!atLineStart) return;
    const text = collapseWhitespace(plainText(child));
    const next = p.children[i + 1];
    const colonAfter = next?.type === 'text' && /^\s*[:：]/u.test(next.value);
    if (!/[:：]$/u.test(text) && !colonAfter) return;
    const label = text.replace(/[:：]$/u, '').trim().toLowerCase();
    if (label !== '' && label.split(/\s+/u).length <= 4) labels.push(label);
  });
  return labels;
}

interface Section {
  labels: Set<string>;
  tasks: boolean;
  leaf: boolean;
}

/**
 * The heading level whose headings are pieces of work described by fields, or null. A level
 * qualifies when, among its headings that are plain (not a release, a priority or a non-work
 * section, not a question): at least three (and 60 %) have no heading under them, hold no task
 * list and carry two fields or more; and two field labels at least come back in 60 % of those
 * (`What`, `Implementation`, `Effort`). Deepest level first.
 */
export function detectFieldItemHeadings(root: Root, config: Config, textOf: (heading: Heading) => string, isTaskList: (list: List) => boolean): FieldItemHeadings | null {
  const blocks = root.children;
  const depths = [...new Set(blocks.flatMap((b) => (b.type === 'heading' ? [b.depth] : [])))].sort((a, b) => b - a);
  for (const level of depths) {
    const sections: Section[] = [];
    blocks.forEach((b, i) => {
      if (b.type !== 'heading' || b.depth !== level) return;
      const text = textOf(b);
      if (/[?？]$/u.test(text) || classifyHeading(text, config).kind !== 'plain') return;
      const section: Section = { labels: new Set(), tasks: false, leaf: true };
      for (let j = i + 1; j < blocks.length; j += 1) {
        const next = blocks[j] as RootContent;
        if (next.type === 'heading') {
          if (next.depth <= level) break;
          section.leaf = false;
        }
        if (next.type === 'paragraph') for (const l of fieldLabels(next)) section.labels.add(l);
        if (next.type === 'list' && isTaskList(next)) section.tasks = true;
      }
      sections.push(section);
    });
    const described = sections.filter((s) => s.leaf && !s.tasks && s.labels.size >= 2);
    if (described.length < MIN_SECTIONS || described.length < MOST * sections.length) continue;
    const counts = new Map<string, number>();
    for (const s of described) for (const l of s.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    const shared = [...counts].filter(([, n]) => n >= MOST * described.length).map(([l]) => l);
    if (shared.length < 2) continue;
    const names = shared.slice(0, 3).map((l) => `${l[0]?.toUpperCase() ?? ''}${l.slice(1)}:`).join(', ');
    return {
      level,
      reason: `level-${level} headings are pieces of work described by the same fields (${names} in ${described.length} of ${sections.length}): their bullets go in the body`,
      bulletsInBody: true,
    };
  }
  return null;
}
