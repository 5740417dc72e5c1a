/**
 * GitHub's `patch` field of a changed file: the hunks of a unified diff (jsdiff), without file
 * headers. Hunks carry no context lines, and a missing final newline is no change.
 */
import { formatPatch, OMIT_HEADERS, structuredPatch } from 'diff';

export interface UnifiedPatch {
  readonly patch: string;
  readonly additions: number;
  readonly deletions: number;
}

export function unifiedPatch(before: string, after: string): UnifiedPatch {
  const diff = structuredPatch('', '', withFinalNewline(before), withFinalNewline(after), undefined, undefined, { context: 0 });
  const lines = diff.hunks.flatMap((h) => h.lines);
  return {
    patch: diff.hunks.length === 0 ? '' : formatPatch(diff, OMIT_HEADERS).slice(0, -1),
    additions: lines.filter((l) => l.startsWith('+')).length,
    deletions: lines.filter((l) => l.startsWith('-')).length,
  };
}

function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
