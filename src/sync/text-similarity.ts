/** Sørensen–Dice coefficient over character bigrams of normalized text: 1 identical, 0 nothing shared. */
export function textSimilarity(a: string, b: string): number {
  const x = normalizeForMatch(a);
  const y = normalizeForMatch(b);
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const counts = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i += 1) {
    const gram = x.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < y.length - 1; i += 1) {
    const gram = y.slice(i, i + 2);
    const n = counts.get(gram) ?? 0;
    if (n > 0) {
      counts.set(gram, n - 1);
      shared += 1;
    }
  }
  return (2 * shared) / (x.length - 1 + (y.length - 1));
}

/** Sørensen–Dice coefficient over the words of normalized text: tells "step 8" from "step 7" where bigrams barely can. */
export function wordSimilarity(a: string, b: string): number {
  const x = normalizeForMatch(a).split(' ').filter(Boolean);
  const y = normalizeForMatch(b).split(' ').filter(Boolean);
  if (x.length === 0 || y.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const word of x) counts.set(word, (counts.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of y) {
    const n = counts.get(word) ?? 0;
    if (n > 0) {
      counts.set(word, n - 1);
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
