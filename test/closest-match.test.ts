import { describe, expect, it } from 'vitest';
import { closestMatch } from '../src/core/text/closest-match.js';

describe('closestMatch', () => {
  const keys = ['maxCount', 'maxShare', 'confirm'];

  it('ignores case, "-", "_" and spaces', () => {
    expect(closestMatch('maxcount', keys)).toBe('maxCount');
    expect(closestMatch('max_count', keys)).toBe('maxCount');
    expect(closestMatch('MAX-SHARE', keys)).toBe('maxShare');
  });

  it('allows a few edits, more for longer words; a swap of neighbours is one', () => {
    expect(closestMatch('confrim', keys)).toBe('confirm');
    expect(closestMatch('maxCont', keys)).toBe('maxCount');
    expect(closestMatch('ab', ['abc'])).toBe('abc');
    expect(closestMatch('ab', ['xyz'])).toBeNull();
    expect(closestMatch('priorityPrefx', ['priorityPrefix', 'areaPrefix'])).toBe('priorityPrefix');
  });

  it('nothing when no candidate is close, the word is empty, or two are equally close', () => {
    expect(closestMatch('limit', keys)).toBeNull();
    expect(closestMatch('', keys)).toBeNull();
    expect(closestMatch('-_', keys)).toBeNull();
    expect(closestMatch('area', ['areas', 'areb'])).toBeNull();
    expect(closestMatch('x', [])).toBeNull();
  });

  it('maxEdits: 0 matches only the same name, case and separators aside', () => {
    expect(closestMatch('max_count', keys, { maxEdits: 0 })).toBe('maxCount');
    expect(closestMatch('maxcont', keys, { maxEdits: 0 })).toBeNull();
  });
});
