import type { IssueSample } from './sandbox-report.js';

/** What a step of the story meant to do to the issues; anything else it did is a bug to report. */
export interface ExpectedChanges {
  /** Titles of the issues the step should create. */
  created?: readonly string[];
  retitled?: readonly number[];
  closed?: readonly number[];
  reopened?: readonly number[];
  moved?: readonly number[];
}

/**
 * The changes between two readings of the issues that the step did not mean: an issue created,
 * retitled, moved to another milestone, closed or reopened other than the ones it meant to change.
 */
export function findUnexpectedChanges(step: string, before: readonly IssueSample[], after: readonly IssueSample[], expected: ExpectedChanges): string[] {
  const was = new Map(before.map((i) => [i.number, i]));
  const out: string[] = [];
  const createdTitles = [...(expected.created ?? [])];
  for (const now of after) {
    const old = was.get(now.number);
    if (!old) {
      const at = createdTitles.indexOf(now.title);
      if (at >= 0) createdTitles.splice(at, 1);
      else out.push(`${step}: #${now.number} "${now.title}" was created`);
      continue;
    }
    if (old.title !== now.title && !expected.retitled?.includes(now.number)) out.push(`${step}: #${now.number} was retitled from "${old.title}" to "${now.title}"`);
    if (old.milestone !== now.milestone && !expected.moved?.includes(now.number)) out.push(`${step}: #${now.number} "${now.title}" moved from milestone ${old.milestone ?? 'none'} to ${now.milestone ?? 'none'}`);
    if (old.state === 'open' && now.state === 'closed' && !expected.closed?.includes(now.number)) out.push(`${step}: #${now.number} "${now.title}" was closed`);
    if (old.state === 'closed' && now.state === 'open' && !expected.reopened?.includes(now.number)) out.push(`${step}: #${now.number} "${now.title}" was reopened`);
  }
  for (const title of createdTitles) out.push(`${step}: no issue was created for "${title}"`);
  return out;
}
