/**
 * The candidate a mistyped word most likely meant, or null when none is close: "maxcount" →
 * "maxCount", "roadmapp" → "roadmap", "priority_prefix" → "priorityPrefix". Case, "-", "_" and
 * spaces are ignored; beyond that a candidate must be within a small edit distance (adjacent
 * swaps count as one edit; `maxEdits` overrides the default bound, which grows with the word's
 * length), and a tie between two candidates suggests neither.
 */
export function closestMatch(word: string, candidates: readonly string[], { maxEdits }: { maxEdits?: number } = {}): string | null {
  const target = fold(word);
  if (target === '') return null;
  const limit = maxEdits ?? (target.length <= 3 ? 1 : target.length <= 7 ? 2 : 3);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const candidate of candidates) {
    const distance = editDistance(target, fold(candidate));
    if (distance > limit || distance > bestDistance) continue;
    if (distance === bestDistance) {
      tied = tied || best !== candidate;
      continue;
    }
    best = candidate;
    bestDistance = distance;
    tied = false;
  }
  return tied ? null : best;
}

function fold(text: string): string {
  return text.toLowerCase().replace(/[-_\s]/g, '');
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i += 1) {
    const row = rows[i] as number[];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, at(i - 2, j - 2) + 1);
      row[j] = value;
    }
  }
  return at(a.length, b.length);
}
