/**
 * A unified diff of two texts, by lines, for showing small edits (a checkbox commit, a pull
 * request): jsdiff's `structuredPatch`, with only changed lines and `context` lines around them.
 */
import { formatPatch, OMIT_HEADERS, structuredPatch } from 'diff';

export interface LineDiffOptions {
  /** Shown in the `---`/`+++` header. */
  path: string;
  /** Unchanged lines shown around each change (default 2). */
  context?: number;
}

export function renderLineDiff(before: string, after: string, options: LineDiffOptions): string {
  if (before === after) return '';
  // A CRLF file diffs like an LF one, and a missing final newline is no change.
  const patch = structuredPatch(options.path, options.path, withFinalNewline(before), withFinalNewline(after), undefined, undefined, {
    context: options.context ?? 2,
    stripTrailingCr: true,
  });
  const header = [`--- a/${options.path}`, `+++ b/${options.path}`];
  if (patch.hunks.length === 0) return header.join('\n');
  return [...header, formatPatch(patch, OMIT_HEADERS).slice(0, -1)].join('\n');
}

function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
