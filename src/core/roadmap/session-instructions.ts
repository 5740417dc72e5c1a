/**
 * Instructions for a working session are not work: `Start here`, `Golden rules`, `Decision tree`,
 * `Pre-flight`, `Quick reference` (SESSION_INSTRUCTIONS in vocabulary.ts, ten languages). Such a
 * heading is skipped like any non-work section.
 *
 * A top-level one (a second `#` beside the document's `#` title: `# 🚨 START HERE - PASTE AT
 * SESSION START`) is a banner over the instructions that follow it, not a part holding the rest of
 * the document: its block ends at the first thematic break (`---`) after some of its content, or at
 * the first heading under it that names a milestone (`## v1.0 Success Criteria`, `### Week 3`).
 * What follows is read as if the banner were not there, under the headings above it (the title).
 */
import type { Heading, RootContent } from 'mdast';
import { alternation, stripEmoji } from './char-classes.js';
import { SESSION_INSTRUCTIONS } from './vocabulary.js';


const PHRASES = alternation(SESSION_INSTRUCTIONS);
/** The phrase alone, or followed by a subtitle: `: …`, ` (…)`, ` - …`, ` — …`, ` | …`. */
const INSTRUCTIONS = new RegExp(`^(?:${PHRASES})(?:$|\\s*[:：(（.!]|\\s+[-–—|/]+(?:\\s|$))`, 'u');

/**
 * The start of a heading as the phrases are written: no leading marks, lowercase, and — only when
 * it holds other than ASCII — NFKC, no emoji, typographic apostrophes straightened. Every heading
 * passes here: the common case stays a slice, a test and a lowercase.
 */
function form(text: string): string {
  let s = text.slice(0, 64).replace(/^[\s\p{P}\p{S}]+/u, '');
  if (/[^\x20-\x7e]/u.test(s)) s = stripEmoji(s.normalize('NFKC').replace(/İ/gu, 'i')).replace(/[’ʼ]/gu, "'").replace(/\s+/gu, ' ');
  else if (s.includes('  ')) s = s.replace(/ +/gu, ' ');
  return s.toLowerCase();
}

/** A heading that names instructions for a working session (`Golden Rules`, `Decision Tree: WRAP vs CREATE`). */
export function isSessionInstructions(text: string): boolean {
  return INSTRUCTIONS.test(form(text));
}

/** An open banner: the headings to read the document under again once its instructions end. */
export interface InstructionsBanner<H extends OpenHeading = OpenHeading> {
  depth: number;
  resume: H[];
  content: boolean;
}

/** A heading of the parser's stack (classify.ts `SectionHeading`). */
interface OpenHeading {
  depth: number;
  isTitle: boolean;
}

/**
 * The banner a skipped heading opens, or null: an instructions heading at the document's top
 * heading level. `stack` is the heading stack before the banner (the title stays in it).
 */
export function openInstructionsBanner<H extends OpenHeading>(text: string, depth: number, topDepth: number, stack: readonly H[]): InstructionsBanner<H> | null {
  if (depth > topDepth || !isSessionInstructions(text)) return null;
  return { depth, resume: stack.filter((h) => h.depth < depth || h.isTitle), content: false };
}

/**
 * Whether `block`, met inside an open banner's skipped section, ends the banner's instructions: a
 * thematic break after some of its content, or a heading under the banner that names a milestone.
 */
export function endsInstructions(banner: InstructionsBanner, block: RootContent, kindOf: (heading: Heading) => { kind: string }): boolean {
  if (block.type === 'thematicBreak') {
    if (banner.content) return true;
  } else if (block.type === 'heading' && block.depth > banner.depth && kindOf(block).kind === 'release') {
    return true;
  }
  banner.content = true;
  return false;
}
