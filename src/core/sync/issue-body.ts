/**
 * The bot's part of an issue body: a managed section between two HTML comments, the second of
 * which is the identity marker (file, key, last synced checkbox state). Everything outside the
 * section belongs to people and is kept as is.
 */
import type { RoadmapItem } from '../roadmap/model.js';
import type { ManagedMarker, RepoContext } from './model.js';
import { truncate } from '../text/truncate.js';

export const SECTION_START = '<!-- roadmap-sync:start -->';
const END_PREFIX = '<!-- roadmap-sync:end ';
const END_RE = /<!-- roadmap-sync:end file="([^"]*)" key="([0-9a-z-]{1,64})"(?: checked="(true|false)")?(?: blob="([0-9a-f]{40,64})")?( adopted="true")? -->/;

/** GitHub's limit on issue bodies. */
export const MAX_BODY = 65_536;
export const MAX_TITLE = 256;

export interface ChildLine {
  title: string;
  number: number | null;
  checked: boolean;
}

export interface SectionInput {
  item: RoadmapItem;
  context: RepoContext;
  checked: boolean;
  /** Task-list mode: the children listed in the body. */
  children?: ChildLine[];
  /** The blob sha of the roadmap version the issue is synced from (identity follows its history). */
  blob?: string | null;
  /**
   * A person's issue bound by a reference: the section only says where the item is (the title and
   * the body text stay the person's), and the marker remembers it so no later sync rewrites them.
   */
  adopted?: boolean;
}

export function renderManagedSection({ item, context, checked, children, blob, adopted }: SectionInput): string {
  const link = `${context.htmlUrl}/${context.owner}/${context.repo}/blob/${encodePath(context.ref)}/${encodePath(item.file)}#L${item.line}`;
  const end = `${END_PREFIX}file="${encodeURIComponent(item.file)}" key="${item.key}" checked="${checked}"${blob ? ` blob="${blob}"` : ''}${adopted ? ' adopted="true"' : ''} -->`;
  if (adopted) {
    return `${SECTION_START}\n<sub>Tracked in the roadmap: [${escapeLinkText(item.file)} line ${item.line}](${link}) · roadmap-sync keeps this note, the labels and the milestone in step; the rest of the issue is yours.</sub>\n${end}`;
  }
  const parts: string[] = [];
  parts.push(neutralizeMarkdown(withoutIssueRef(item.text, item.issueRef)));
  if (item.details.trim()) parts.push(neutralizeMarkdown(item.details.trim()));
  if (children && children.length > 0) {
    parts.push(
      children
        .map((c) => `- [${c.checked ? 'x' : ' '}] ${c.number ? `#${c.number} ` : ''}${neutralizeMarkdown(c.title)}`)
        .join('\n'),
    );
  }
  const where = item.headingPath.length > 0 ? ` · ${neutralizeMarkdown(item.headingPath.join(' › '))}` : '';
  parts.push(`<sub>From [${escapeLinkText(item.file)} line ${item.line}](${link})${where} · managed by roadmap-sync: edit the roadmap, not this section.</sub>`);
  const content = truncate(parts.join('\n\n'), MAX_BODY - SECTION_START.length - end.length - 200);
  return `${SECTION_START}\n${content}\n${end}`;
}

/** The marker of a body, or null: the first end marker after the first start marker. */
export function readMarker(body: string | null | undefined): ManagedMarker | null {
  if (!body) return null;
  const start = body.indexOf(SECTION_START);
  const match = END_RE.exec(start >= 0 ? body.slice(start) : body);
  if (!match) return null;
  let file: string;
  try {
    file = decodeURIComponent(match[1] ?? '');
  } catch {
    return null;
  }
  const checked = match[3] === undefined ? null : match[3] === 'true';
  return { file, key: match[2] ?? '', checked, ...(match[4] ? { blob: match[4] } : {}), ...(match[5] ? { adopted: true } : {}) };
}

/**
 * The body with its marker's recorded checkbox state set to `checked` (after the bot committed that
 * checkbox itself), or null when the body has no marker or already records it.
 */
export function withMarkerState(body: string | null | undefined, checked: boolean): string | null {
  const text = body ?? '';
  const bounds = findSection(text);
  if (!bounds) return null;
  const section = text.slice(bounds.start, bounds.end);
  const marker = END_RE.exec(section);
  if (!marker || marker[3] === String(checked)) return null;
  const end = `${END_PREFIX}file="${marker[1] ?? ''}" key="${marker[2] ?? ''}" checked="${checked}"${marker[4] ? ` blob="${marker[4]}"` : ''}${marker[5] ?? ''} -->`;
  const at = bounds.start + marker.index;
  return text.slice(0, at) + end + text.slice(at + marker[0].length);
}

/**
 * The body with its marker's version set to `blob` (the issue's item is gone from that version:
 * history is followed from there on, so a line inserted later where it was is a new item, not it),
 * or null when the body has no marker or already names that version.
 */
export function withMarkerBlob(body: string | null | undefined, blob: string): string | null {
  const text = body ?? '';
  const bounds = findSection(text);
  if (!bounds) return null;
  const marker = END_RE.exec(text.slice(bounds.start, bounds.end));
  if (!marker || marker[4] === blob) return null;
  const end = `${END_PREFIX}file="${marker[1] ?? ''}" key="${marker[2] ?? ''}"${marker[3] !== undefined ? ` checked="${marker[3]}"` : ''} blob="${blob}"${marker[5] ?? ''} -->`;
  const at = bounds.start + marker.index;
  return text.slice(0, at) + end + text.slice(at + marker[0].length);
}

/**
 * The body with its managed section replaced; a body without one gets it first, or last for a
 * person's issue (`at: 'end'`), whose own text comes first. The rest is kept.
 */
export function replaceManagedSection(body: string | null | undefined, section: string, at: 'start' | 'end' = 'start'): string {
  const text = body ?? '';
  const bounds = findSection(text);
  if (!bounds && at === 'end') return text.trim() ? `${truncate(text.trimEnd(), MAX_BODY - section.length - 2)}\n\n${section}` : section;
  if (!bounds) return truncate(text.trim() ? `${section}\n\n${text}` : section, MAX_BODY);
  return truncate(text.slice(0, bounds.start) + section + text.slice(bounds.end), MAX_BODY);
}

/** The managed section of a body without line numbers, which move with every edit above an item. */
export function comparableSection(body: string | null | undefined): string | null {
  const text = body ?? '';
  const bounds = findSection(text);
  if (!bounds) return null;
  return text
    .slice(bounds.start, bounds.end)
    .replace(/#L\d+\)/g, '#L)')
    .replace(/ line \d+\]/g, ' line]')
    .replace(/ blob="[0-9a-f]+"/g, '')
    .replace(/\r\n/g, '\n');
}

function findSection(text: string): { start: number; end: number } | null {
  const start = text.indexOf(SECTION_START);
  if (start < 0) return null;
  const match = END_RE.exec(text.slice(start));
  if (!match) return null;
  return { start, end: start + match.index + match[0].length };
}

/**
 * Roadmap text must not ping people, cross-link unrelated issues, or forge our markers: `@name`
 * and `#123` outside code are wrapped in backticks, and HTML comment openers are escaped.
 */
export function neutralizeMarkdown(markdown: string): string {
  return splitCodeSpans(markdown)
    .map(({ code, text }) =>
      code
        ? text.replace(/<!--/g, '&lt;!--')
        : text
            .replace(/<!--/g, '&lt;!--')
            .replace(/(^|[^\w`/])@([A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\/[A-Za-z0-9._-]+)?)/g, '$1`@$2`')
            .replace(/(^|[^\w`&/])#(\d{1,9})\b/g, '$1`#$2`'),
    )
    .join('');
}

/**
 * An item's title or first paragraph without the reference that binds it to its issue:
 * `Parser (#42)`, `Parser #42`, `Parser ([#42](…))` or a trailing issue URL is the issue `Parser`.
 * Otherwise writing the links back into the markdown (`links: true`) would retitle, and rewrite
 * the body of, every issue.
 */
export function withoutIssueRef(text: string, ref: number | null): string {
  if (ref === null) return text;
  const n = String(ref);
  const tails = [
    `\\s*\\(\\s*\\[#${n}\\]\\([^)\\s]*\\)\\s*\\)`, // ([#42](url))
    `\\s*\\[#${n}\\]\\([^)\\s]*\\)`, // [#42](url)
    `\\s*\\(\\s*#${n}\\s*\\)`, // (#42)
    `\\s+#${n}`, // #42
    `\\s*\\(?\\s*<?[a-z][a-z0-9+.-]*://\\S+/issues/${n}/?>?\\s*\\)?`, // a bare issue URL
  ];
  const stripped = text.replace(new RegExp(`(?:${tails.join('|')})$`, 'iu'), '').replace(new RegExp(`^#${n}\\s+`, 'u'), '').trim();
  return stripped || text;
}

/** A title safe to send: plain text, no mention pings (a zero-width joiner after `@`), within 256. */
export function sanitizeTitle(title: string): string {
  const clean = title.replace(/[\r\n]+/g, ' ').replace(/@(?=[A-Za-z0-9])/g, '@\u200d').trim();
  return truncate(clean || 'Untitled roadmap item', MAX_TITLE);
}

function splitCodeSpans(markdown: string): Array<{ code: boolean; text: string }> {
  const out: Array<{ code: boolean; text: string }> = [];
  const re = /(`+)[\s\S]*?\1/g;
  let last = 0;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) {
    if (m.index > last) out.push({ code: false, text: markdown.slice(last, m.index) });
    out.push({ code: true, text: m[0] });
    last = m.index + m[0].length;
  }
  if (last < markdown.length) out.push({ code: false, text: markdown.slice(last) });
  return out;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, '\\$&');
}
