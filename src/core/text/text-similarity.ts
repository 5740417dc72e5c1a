/** Sørensen–Dice coefficient over character bigrams of normalized text: 1 identical, 0 nothing shared. */
export function textSimilarity(a: string, b: string): number {
  const x = normalizeForMatch(a);
  const y = normalizeForMatch(b);
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  return dice(bigrams(x), bigrams(y));
}

/** Sørensen–Dice coefficient over the words of normalized text: tells "step 8" from "step 7" where bigrams barely can. */
export function wordSimilarity(a: string, b: string): number {
  const x = normalizeForMatch(a).split(' ').filter(Boolean);
  const y = normalizeForMatch(b).split(' ').filter(Boolean);
  if (x.length === 0 || y.length === 0) return 0;
  return dice(x, y);
}

function bigrams(text: string): string[] {
  return Array.from({ length: text.length - 1 }, (_, i) => text.slice(i, i + 2));
}

/** 2·|shared| / (|x| + |y|), counting each token as often as it occurs in both. */
function dice(x: readonly string[], y: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const token of x) counts.set(token, (counts.get(token) ?? 0) + 1);
  let shared = 0;
  for (const token of y) {
    const n = counts.get(token) ?? 0;
    if (n > 0) {
      counts.set(token, n - 1);
      shared += 1;
    }
  }
  return (2 * shared) / (x.length + y.length);
}

export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}
