import type { Heading, Paragraph } from 'mdast';
import { plainText } from './plain-text.js';

/**
 * The issue an item explicitly binds itself to, or null. Conservative on purpose: a reference that
 * merely mentions an issue ("(see #859)", "fixes #3 and #4", "owner/repo#5") binds nothing. Binding:
 * - a trailing `(#42)` or ` #42` (not after a word like "see", "cf", "via", and not `(see #42)`);
 * - a trailing link to an issue URL (any host, `/issues/42`), or a link whose text is `#42`
 *   pointing at that issue — which covers an item that is entirely a link to its issue;
 * - a leading link whose text is `#42` and whose URL is that issue ("[#42](…/issues/42) Proposal: …").
 * Pull-request and discussion URLs never bind.
 */
export function findIssueRef(lead: Paragraph | Heading): number | null {
  const nodes = lead.children.filter((n) => !(n.type === 'text' && n.value.trim() === ''));
  // "Title ([#42](…))": the closing bracket after a link does not hide it
  if (nodes.length > 1) {
    const tail = nodes[nodes.length - 1];
    if (tail?.type === 'text' && /^[\s).,;!\]]+$/u.test(tail.value) && nodes[nodes.length - 2]?.type === 'link') nodes.pop();
  }
  const last = nodes[nodes.length - 1];
  if (!last) return null;
  if (last.type === 'link') {
    const n = issueFromLink(last.url, plainText(last));
    if (n !== null) return n;
  }
  if (last.type === 'text') {
    const n = trailingRef(last.value);
    if (n !== null) return n;
  }
  const first = nodes[0];
  if (first && first !== last && first.type === 'link' && /^#\d+$/u.test(plainText(first).trim())) {
    return issueFromLink(first.url, plainText(first));
  }
  return null;
}

const ISSUE_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/\s]+(?:\/[^/\s]+)*?\/issues\/(\d{1,9})\/?(?:[?#]\S*)?$/iu;
const REF_TEXT = /^#(\d{1,9})$/u;

function issueFromLink(url: string, text: string): number | null {
  const fromUrl = ISSUE_URL.exec(url.trim())?.[1];
  if (fromUrl) return toIssueNumber(fromUrl);
  const fromText = REF_TEXT.exec(text.trim())?.[1];
  // a `#42` link text binds only when the URL is not something else (a PR, a commit, a doc)
  if (fromText && (url === '' || url.startsWith('#'))) return toIssueNumber(fromText);
  return null;
}

const NOT_BINDING_BEFORE = new Set([
  'see', 'cf', 'cf.', 'ref', 'refs', 're', 'related', 'also', 'via', 'per', 'like', 'from', 'in', 'on', 'at', 'by',
  'of', 'to', 'after', 'before', 'and', 'or', 'fixes', 'fixed', 'closes', 'closed', 'resolves', 'resolved',
  'blocks', 'blocked', 'duplicate', 'dup', 'follow-up', 'followup', 'upstream',
]);

function trailingRef(value: string): number | null {
  const text = value.replace(/[\s.,;!]+$/u, '');
  const paren = /(?:^|[\s\-–—:])\(#(\d{1,9})\)$/u.exec(text);
  if (paren?.[1]) return toIssueNumber(paren[1]);
  const bare = /(^|[\s\-–—:])#(\d{1,9})$/u.exec(text);
  if (!bare?.[2]) return null;
  const before = text.slice(0, bare.index + (bare[1]?.length ?? 0)).trimEnd();
  const word = /([\p{L}.-]+)[\s:]*$/u.exec(before)?.[1]?.toLowerCase() ?? '';
  if (NOT_BINDING_BEFORE.has(word) || /[,&]$/u.test(before) || /#\d+[\s,]*$/u.test(before)) return null;
  return toIssueNumber(bare[2]);
}

function toIssueNumber(digits: string): number | null {
  const n = Number.parseInt(digits, 10);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
