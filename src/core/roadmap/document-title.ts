/**
 * The document title beside top-level sections that are not work. A lone top heading that comes
 * first is the title (classify.ts `resolveLevels`); a first `#` heading stays the title when every
 * other `#` heading is a section that is not work (`# START HERE - PASTE AT SESSION START`,
 * `# License`) — such a heading is no sibling part of the roadmap — and when it reads as a title:
 * it names the document (`RipTide v1.0 - THE DEFINITIVE ROADMAP`, `Hoja de ruta`) or a subtitle
 * heading follows it right away (`# RipTide` / `## Single Source of Truth`). Several top headings
 * that are parts (`# Backend Systems`, `# UI Systems`) still leave no title.
 */
import type { Heading, RootContent } from 'mdast';
import type { Config } from '../config/config.js';
import { alternation, CJK_CHAR } from './char-classes.js';
import { classifyHeading, resolveLevels } from './classify.js';
import { DOCUMENT_NAMES } from './vocabulary.js';

/** Words in alphabets stand alone ("roadmap", not "roadmapping"); CJK words need no spaces around. */
const NAMES_DOCUMENT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${alternation(DOCUMENT_NAMES.filter((w) => !CJK_CHAR.test(w)))})(?![\\p{L}\\p{N}])|${alternation(DOCUMENT_NAMES.filter((w) => CJK_CHAR.test(w)))}`,
  'u',
);

/** A heading text that names the document ("… Roadmap", "Hoja de ruta 2026", "ロードマップ"). */
export function namesDocument(text: string): boolean {
  return NAMES_DOCUMENT.test(text.slice(0, 200).normalize('NFKC').toLowerCase());
}

/**
 * `resolveLevels` over the section headings, with a first top heading as the title when the other
 * top headings are all sections that are not work and it reads as a title.
 */
export function resolveTitleAndLevel(
  headings: readonly Heading[],
  blocks: readonly RootContent[],
  textOf: (heading: Heading) => string,
  config: Config,
  titleAllowed: boolean,
): { titleIndex: number | null; level: number | null } {
  const depths = headings.map((h) => h.depth);
  const resolved = resolveLevels(depths, config.headings.milestoneLevel, titleAllowed);
  const first = headings[0];
  if (resolved.titleIndex !== null || !titleAllowed || first === undefined) return resolved;
  const top = Math.min(...depths);
  if (first.depth !== top) return resolved;
  const others = headings.slice(1).filter((h) => h.depth === top);
  if (!others.every((h) => classifyHeading(textOf(h), config).kind === 'skip')) return resolved;
  const text = textOf(first);
  if (classifyHeading(text, config).kind !== 'plain') return resolved;
  const next = blocks[blocks.indexOf(first) + 1];
  const subtitled = next?.type === 'heading' && next.depth > first.depth;
  if (!subtitled && !namesDocument(text)) return resolved;
  const milestoneLevel = config.headings.milestoneLevel;
  const below = depths.slice(1);
  return { titleIndex: 0, level: typeof milestoneLevel === 'number' ? milestoneLevel : below.length > 0 ? Math.min(...below) : null };
}
