/**
 * Headings → milestone, priority and area labels. Pure functions of the heading texts and the config.
 *
 * Rules (per item, over the headings above it):
 * - the document title (a lone top-level heading that comes first) never classifies anything;
 * - a heading matching `skip.sections` removes its whole subtree (handled by the parser);
 * - a heading matching `headings.priority` gives a priority label, never a milestone or an area;
 * - the milestone is the NEAREST heading above the item that matches `headings.milestone`
 *   (so "Version Roadmap > v1.2" gives "v1.2"); without one, the heading at the milestone level
 *   (`headings.milestoneLevel`, or in `auto` the first level under the title);
 * - every other heading below the title becomes an area label (when `headings.areaLabels`).
 */
import type { Config } from '../config/config.js';
import { MAX_SCAN } from './plain-text.js';
import { MAX_PATTERN_INPUT } from './regex-hazard.js';
import { truncate } from '../text/truncate.js';
import { isSessionInstructions } from './session-instructions.js';
import { CHECK_MARK_CLASS, EMOJI_CLASS, stripEmoji } from './char-classes.js';
import { DONE_WORDS, ESTIMATE_UNITS, isStage, nonWorkSection, PRIORITY_WORDS, priorityOf } from './vocabulary.js';

export type HeadingKind =
  | { kind: 'skip' }
  | { kind: 'priority'; priority: string }
  | { kind: 'release' }
  | { kind: 'plain' };

export interface SectionHeading {
  /** Cleaned heading text (numbering and emoji prefixes dropped). */
  text: string;
  depth: number;
  kind: HeadingKind;
  /** The document title: kept in the heading path, never classified. */
  isTitle: boolean;
  /** The heading says its work is finished (`## Done`, `## v1.0 ✅`): plain items under it are checked. */
  done?: boolean;
}

export interface SectionClass {
  milestone: string | null;
  /** Priority labels then area labels, in heading order, unique. */
  labels: string[];
  priorityLabels: string[];
  areaLabels: string[];
}

export interface CompiledPatterns {
  milestone: RegExp[];
  priority: RegExp[];
  skipSections: RegExp[];
  context: RegExp[];
}

export const MAX_LABEL_LENGTH = 50;
export const MAX_MILESTONE_LENGTH = 255;

const compiled = new WeakMap<Config, CompiledPatterns>();

/** The config's pattern lists compiled once per config object; an invalid pattern is ignored, never thrown. */
export function compiledPatterns(config: Config): CompiledPatterns {
  let hit = compiled.get(config);
  if (!hit) {
    hit = {
      milestone: safeCompile(config.headings.milestone),
      priority: safeCompile(config.headings.priority),
      skipSections: safeCompile(config.skip.sections),
      context: safeCompile(config.skip.context),
    };
    compiled.set(config, hit);
  }
  return hit;
}

function safeCompile(patterns: readonly string[]): RegExp[] {
  const out: RegExp[] = [];
  for (const p of patterns) {
    try {
      out.push(new RegExp(p, 'iu'));
    } catch {
      // validated configs never get here; a hand-built one must not crash the parser
    }
  }
  return out;
}

const EMOJI = EMOJI_CLASS;
const LEADING_EMOJI = new RegExp(`^(?:${EMOJI}|\\s)+`, 'u');
const TRAILING_EMOJI = new RegExp(`(?:${EMOJI}|\\s)+$`, 'u');
/** A trailing status marker: "✅ COMPLETE", "🔄 WAITING ON USER", "✅". */
const TRAILING_STATUS = new RegExp(`\\s*(?:${EMOJI})+[\\p{Lu}\\p{Lo}\\s!-]*$`, 'u');
/** A trailing status with a date: "✅ COMPLETADA (01-nov-2025)", "✅ DONE (2025-03)". */
const TRAILING_DATED_STATUS = new RegExp(`\\s*(?:${EMOJI})+\\s*\\p{Lu}[\\p{Lu}\\s!-]*\\([^()]*\\d[^()]*\\)$`, 'u');
/** A trailing effort estimate: "(1 day)", "(2-3 hours)", "(1 week)", "(3 Tage)", "(2日)" (units: vocabulary.ts). */
const TRAILING_ESTIMATE = new RegExp(
  `\\s*\\(\\s*~?\\d[\\d.,\\s\\-–]*\\s*(?:${[...ESTIMATE_UNITS].sort((a, b) => b.length - a.length).join('|')})\\s*\\)\\s*$`,
  'iu',
);
/** A status emoji between the words and a trailing parenthesis: "Fixes ⚠️ (Week 1)" reads "Fixes (Week 1)". */
const EMOJI_BEFORE_PARENTHESIS = new RegExp(`(\\S)\\s+(?:${EMOJI})+\\s*(\\([^()]*\\))$`, 'u');
/** "1. ", "3.2. ", "1.2.1.", "1) " or "1.1 " (a multi-part number needs no trailing dot); not "2025 Q3". */
const NUMBERING = /^(?:\d{1,3}(?:\.\d{1,3})*[.)]|\d{1,3}(?:\.\d{1,3})+)(?:\s+|$)/u;

/**
 * Heading text without numbering ("1. ", "3.2.") and without leading or trailing emoji.
 * `dropNumbering: false` keeps a leading number: the parser decides per document whether it is
 * outline numbering (1, 2, 3 / 3.1, 3.2) or a version ("1.0 Features", "2.0 Scenarios").
 */
export function cleanHeadingText(text: string, dropNumbering = true): string {
  let s = (text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text).replace(/\s+/gu, ' ').trim();
  for (let i = 0; i < 2; i += 1) {
    s = s.replace(LEADING_EMOJI, '');
    const numbered = dropNumbering ? s.replace(NUMBERING, '') : s;
    if (numbered.trim() !== '') s = numbered;
  }
  const bare = withoutTrailingMarks(s);
  if (bare.trim() !== '') s = bare;
  s = s.replace(/[\s:：]+$/u, '').replace(EMOJI_BEFORE_PARENTHESIS, '$1 $2');
  return s.trim();
}

function withoutTrailingMarks(s: string): string {
  return s.replace(TRAILING_DATED_STATUS, '').replace(TRAILING_STATUS, '').replace(TRAILING_ESTIMATE, '').replace(TRAILING_EMOJI, '');
}

/**
 * The marks `cleanHeadingText` drops from the end of a heading — a status ("✅ COMPLETE", "🔄
 * WAITING ON USER"), an estimate ("(1 day)"), emoji ("🆕") — as written, or '' when it has none.
 */
export function trailingMarks(text: string): string {
  const s = (text.length > MAX_SCAN ? text.slice(-MAX_SCAN) : text).replace(/\s+/gu, ' ').trim().replace(/[\s:：]+$/u, '');
  const bare = withoutTrailingMarks(s);
  return bare.trim() === '' ? '' : s.slice(bare.length).trim();
}

export { stripEmoji };

const doneWords = new Set(DONE_WORDS);
const CHECK_MARK = new RegExp(CHECK_MARK_CLASS, 'u');

/**
 * Whether a heading's trailing marks say the work is done: a check mark (`✅`, `✔`, `☑`) or a done
 * word after a status emoji (`🎉 DONE`, `✅ COMPLETADA (01-nov-2025)`).
 */
export function isDoneHeading(rawHeading: string): boolean {
  const marks = trailingMarks(rawHeading);
  if (marks === '') return false;
  if (CHECK_MARK.test(marks)) return true;
  const words = marks
    .replace(/\([^()]*\)/gu, ' ')
    .replace(/[^\p{L}\p{N}%\s]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
  return doneWords.has(words);
}

/** Classify one cleaned heading text. Order matters: skip, then priority, then release. */
export function classifyHeading(text: string, config: Config): HeadingKind {
  const p = compiledPatterns(config);
  if (text === '') return { kind: 'plain' };
  // Config patterns only ever see a bounded prefix: their backtracking is polynomial in its length.
  const probe = text.length > MAX_PATTERN_INPUT ? text.slice(0, MAX_PATTERN_INPUT) : text;
  if (p.skipSections.some((r) => r.test(probe)) || nonWorkSection(probe) !== null || isSessionInstructions(probe)) return { kind: 'skip' };
  const named = priorityOf(probe);
  if (named !== null) return { kind: 'priority', priority: named };
  if (p.priority.some((r) => r.test(probe))) return { kind: 'priority', priority: normalizePriority(text) };
  if (p.milestone.some((r) => r.test(probe)) || isStage(probe)) return { kind: 'release' };
  return { kind: 'plain' };
}

const PRIORITY_WORD = `(?:${[...PRIORITY_WORDS].sort((a, b) => b.length - a.length).join('|')})`;

/**
 * The priority a heading (or a "Priority: …" line) names, lowercased: "High Priority (Immediate
 * Impact)" → "high", "P0 (Critical)" → "p0", "Priority 1" → "p1", "Nice to Have" → "nice to have",
 * "Low Priority / Nice to Have" → "low".
 */
export function normalizePriority(text: string): string {
  const named = priorityOf(text, false);
  if (named !== null) return named;
  const s = stripEmoji(text).normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
  let m = /^p\s?(\d)\b/u.exec(s);
  if (m) return `p${m[1]}`;
  m = new RegExp(`^${PRIORITY_WORD}\\s*[:#\\-–]?\\s*p?(\\d)\\b`, 'u').exec(s);
  if (m) return `p${m[1]}`;
  m = new RegExp(`^${PRIORITY_WORD}\\s*[:\\-–]?\\s*(\\p{L}+)`, 'u').exec(s);
  if (m?.[1]) return m[1];
  m = /^(nice|must|should|could)[\s-]+(?:to[\s-]+)?have\b/u.exec(s);
  if (m) return m[1] === 'nice' ? 'nice to have' : `${m[1]} have`;
  const rest = s
    .replace(new RegExp(`\\b${PRIORITY_WORD}\\b`, 'gu'), ' ')
    .replace(/\([^)]*\)/gu, ' ')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return truncate(rest || 'unspecified', 30, { atWord: true });
}

/** The priority named by a context line like "**Priority:** High", or null when it names none clearly. */
export function priorityFromContext(plain: string): string | null {
  const m = new RegExp(`^${PRIORITY_WORD}\\s*[:：]\\s*(.{1,40})$`, 'iu').exec(plain.trim());
  if (!m?.[1]) return null;
  return priorityOf(m[1], false);
}

/**
 * The milestone level in `auto` mode from the document's section headings (depths in document order):
 * a lone shallowest heading that comes first is the title and the next level down is the milestone
 * level; several shallowest headings make that level the milestone level.
 */
export function resolveLevels(
  depths: readonly number[],
  milestoneLevel: Config['headings']['milestoneLevel'],
  allowTitle = true,
): { titleIndex: number | null; level: number | null } {
  if (depths.length === 0) return { titleIndex: null, level: typeof milestoneLevel === 'number' ? milestoneLevel : null };
  const min = Math.min(...depths);
  const atMin = depths.filter((d) => d === min).length;
  const titleIndex = allowTitle && atMin === 1 && depths[0] === min ? 0 : null;
  if (typeof milestoneLevel === 'number') return { titleIndex, level: milestoneLevel };
  if (titleIndex === null) return { titleIndex, level: min };
  const below = depths.slice(1);
  return { titleIndex, level: below.length > 0 ? Math.min(...below) : null };
}

/** Milestone and labels for items under `path` (top-down headings, skipped sections never reach here). */
export function classifySection(path: readonly SectionHeading[], level: number | null, config: Config): SectionClass {
  let milestoneIndex = -1;
  for (let i = path.length - 1; i >= 0; i -= 1) {
    const h = path[i];
    if (h && !h.isTitle && h.kind.kind === 'release' && h.text !== '') {
      milestoneIndex = i;
      break;
    }
  }
  if (milestoneIndex < 0 && level !== null) {
    milestoneIndex = path.findIndex((h) => !h.isTitle && h.depth === level && h.kind.kind === 'plain' && h.text !== '');
  }
  const priorityLabels: string[] = [];
  const areaLabels: string[] = [];
  const roadmap = config.labels.roadmap.toLowerCase();
  const add = (into: string[], label: string): void => {
    if (label !== '' && !into.includes(label) && label.toLowerCase() !== roadmap) into.push(label);
  };
  path.forEach((h, i) => {
    if (h.isTitle || i === milestoneIndex || h.text === '') return;
    if (h.kind.kind === 'priority') add(priorityLabels, priorityLabel(h.kind.priority, config));
    else if (h.kind.kind === 'plain' && config.headings.areaLabels) add(areaLabels, areaLabel(h.text, config));
  });
  const milestone = milestoneIndex >= 0 ? milestoneTitle(path[milestoneIndex]?.text ?? '') : null;
  const labels = [...priorityLabels, ...areaLabels.filter((l) => !priorityLabels.includes(l))];
  return { milestone: milestone || null, labels, priorityLabels, areaLabels };
}

export function priorityLabel(priority: string, config: Config): string {
  return fitLabel(`${config.labels.priorityPrefix}${priority}`);
}

export function areaLabel(heading: string, config: Config): string {
  return fitLabel(`${config.labels.areaPrefix}${shortArea(heading, MAX_LABEL_LENGTH - config.labels.areaPrefix.length)}`);
}

/** A heading too long for a label, reduced to its head: "Search: ranking, facets and …" → "Search". */
function shortArea(heading: string, max: number): string {
  if (heading.length <= max) return heading;
  const cuts = [' — ', ' – ', ': ', ' - ', ' (', ', '].map((sep) => heading.indexOf(sep)).filter((at) => at >= 3 && at <= max);
  return cuts.length > 0 ? heading.slice(0, Math.min(...cuts)) : heading;
}

/** GitHub label names are at most 50 characters. */
export function fitLabel(name: string): string {
  return truncate(name.replace(/\s+/gu, ' ').trim(), MAX_LABEL_LENGTH, { atWord: true });
}

export function milestoneTitle(heading: string): string {
  return truncate(heading.replace(/\s+/gu, ' ').trim(), MAX_MILESTONE_LENGTH, { atWord: true });
}
