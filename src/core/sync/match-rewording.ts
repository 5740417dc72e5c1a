/**
 * The one rule for rewordings, shared by converge (which issue an edited item keeps) and by the
 * checkbox planner (which item a closed issue ticks), so that both read the same edit the same way.
 */
import { textSimilarity, wordSimilarity } from '../text/text-similarity.js';

/** Minimum bigram similarity of two titles for one to be a candidate rewording of the other. */
export const RENAME_SIMILARITY = 0.6;
/** The best candidate must beat every other by more than this (in rewordingScore) to be trusted. */
export const AMBIGUITY_MARGIN = 0.05;

export interface ScoredCandidate<T> {
  candidate: T;
  score: number;
}

export type RewordingMatch<T> =
  | { kind: 'match'; candidate: T; score: number }
  /** Candidates within AMBIGUITY_MARGIN of the best, best first. */
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'none' };

/**
 * How close `b` is as a rewording of `a`, or null when it is no candidate. Candidates by spelling;
 * ranked by spelling and words together, so that one differing word ("step 7" / "step 8") weighs
 * as much as it does to a reader.
 */
export function rewordingScore(a: string, b: string): number | null {
  const chars = textSimilarity(a, b);
  if (chars < RENAME_SIMILARITY) return null;
  return (chars + wordSimilarity(a, b)) / 2;
}

/**
 * The candidate that stands out, from scores computed by rewordingScore. Near-ties are ambiguous:
 * picking one would be a coin toss that can hand an issue and its discussion to the wrong item.
 * Ties keep the order given.
 */
export function pickRewording<T>(scored: ReadonlyArray<ScoredCandidate<T>>): RewordingMatch<T> {
  const ranked = [...scored].sort((a, b) => b.score - a.score);
  const best = ranked[0];
  if (!best) return { kind: 'none' };
  const close = ranked.filter((s) => s.score >= best.score - AMBIGUITY_MARGIN);
  if (close.length === 1) return { kind: 'match', candidate: best.candidate, score: best.score };
  return { kind: 'ambiguous', candidates: close.map((s) => s.candidate) };
}

/**
 * Which of `candidates` `title` was reworded from or to: the unique clearly closest, or ambiguous,
 * or none. Callers pass the candidates nothing stronger (a marker key, a reference, an earlier
 * match) has claimed. A trusted rewording also holds the other way round: the chosen candidate's
 * own best, among its unclaimed rivals, is `title`.
 */
export function matchRewording<T>(title: string, candidates: readonly T[], titleOf: (candidate: T) => string): RewordingMatch<T> {
  const scored: Array<ScoredCandidate<T>> = [];
  for (const candidate of candidates) {
    const score = rewordingScore(title, titleOf(candidate));
    if (score !== null) scored.push({ candidate, score });
  }
  return pickRewording(scored);
}
