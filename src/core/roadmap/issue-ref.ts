import type { Heading, Paragraph } from 'mdast';
import { plainText } from './plain-text.js';

/**
 * The issue an item explicitly binds itself to, or null. Conservative on purpose: a reference that
 * merely mentions an issue ("(see #859)", "fixes #3 and #4", "owner/repo#5", "support via
 * [CelRun](…/issues/3149)") binds nothing. Binding:
 * - the item starts with a link to an issue URL (any host, `/issues/42`): "[Pipelines in Pipelines](…/issues/2134)",
 *   "[#38043](…/issues/38043) Proposal: …" — the item is that issue, whatever follows;
 * - the item ends with `(#42)` or ` #42` (not after "see", "cf", "via", …, and not `(see #42)`);
 * - the item ends with a link whose text is `#42`, or with a bare issue URL.
 * Pull-request and discussion URLs never bind. With `repository` ("owner/name"), URLs into another
 * github.com-style repository never bind either.
 */
export function findIssueRef(lead: Paragraph | Heading, repository?: string): number | null {
  const nodes = lead.children.filter((n) => !(n.type === 'text' && n.value.trim() === ''));
  const first = nodes[0];
  if (first?.type === 'link') {
    const n = issueFromUrl(first.url, repository);
    if (n !== null) return n;
  }
  // "Title ([#42](…))": the closing bracket after a link does not hide it
  if (nodes.length > 1) {
    const tail = nodes[nodes.length - 1];
    if (tail?.type === 'text' && /^[\s).,;!\]]+$/u.test(tail.value) && nodes[nodes.length - 2]?.type === 'link') nodes.pop();
  }
  const last = nodes[nodes.length - 1];
  if (!last) return null;
  if (last.type === 'link') {
    const text = plainText(last).trim();
    const ref = REF_TEXT.exec(text)?.[1];
    if (ref) {
      if (last.url === '' || last.url.startsWith('#')) return toIssueNumber(ref);
      return issueFromUrl(last.url, repository);
    }
    if (text === last.url.trim()) return issueFromUrl(last.url, repository);
    return null;
  }
  if (last.type === 'text') return trailingRef(last.value);
  return null;
}

const ISSUE_URL = /^[a-z][a-z0-9+.-]*:\/\/[^/\s]+((?:\/[^/\s]+)*?)\/issues\/(\d{1,9})\/?(?:[?#]\S*)?$/iu;
const REF_TEXT = /^#(\d{1,9})$/u;

function issueFromUrl(url: string, repository: string | undefined): number | null {
  const m = ISSUE_URL.exec(url.trim());
  if (!m?.[2]) return null;
  if (repository) {
    const repoPath = (m[1] ?? '').replace(/^\/+/u, '').toLowerCase();
    const segments = repoPath.split('/');
    // github.com/owner/repo/issues/N or a GHE host with the same shape; other shapes are not judged
    if (segments.length === 2 && repoPath !== repository.toLowerCase()) return null;
  }
  return toIssueNumber(m[2]);
}

const NOT_BINDING_BEFORE = new Set([
  'see', 'cf', 'cf.', 'ref', 'refs', 're', 'related', 'also', 'via', 'per', 'like', 'from', 'in', 'on', 'at', 'by',
  'of', 'to', 'after', 'before', 'and', 'or', 'fixes', 'fixed', 'closes', 'closed', 'resolves', 'resolved',
  'blocks', 'blocked', 'duplicate', 'dup', 'follow-up', 'followup', 'upstream',
]);

function trailingRef(value: string): number | null {
  // the reference sits at the very end: the last few dozen characters are all that matter
  const text = value.slice(-80).replace(/[\s.,;!]+$/u, '');
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
