/** The reference that binds an item to its issue is not part of the issue's title or body. */
import { describe, expect, it } from 'vitest';
import { withoutIssueRef } from '../src/core/sync/issue-body.js';

describe('withoutIssueRef', () => {
  it.each([
    ['Work offline (#12)', 'Work offline'],
    ['Work offline #12', 'Work offline'],
    ['Work offline ([#12](https://github.com/o/r/issues/12))', 'Work offline'],
    ['Work **offline** [#12](https://github.com/o/r/issues/12)', 'Work **offline**'],
    ['Work offline https://github.com/o/r/issues/12', 'Work offline'],
    ['Work offline (<https://ghe.example.com/o/r/issues/12/>)', 'Work offline'],
    ['#12 Proposal: offline', 'Proposal: offline'],
  ])('%s → %s', (text, expected) => {
    expect(withoutIssueRef(text, 12)).toBe(expected);
  });

  it('keeps other numbers, mentions in the middle, and a text that is only the reference', () => {
    expect(withoutIssueRef('Fix #3 (#12)', 12)).toBe('Fix #3');
    expect(withoutIssueRef('Work on #12 soon', 12)).toBe('Work on #12 soon');
    expect(withoutIssueRef('Work offline (#13)', 12)).toBe('Work offline (#13)');
    expect(withoutIssueRef('#12', 12)).toBe('#12');
    expect(withoutIssueRef('Work offline (#12)', null)).toBe('Work offline (#12)');
  });
});
