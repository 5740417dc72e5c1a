import { describe, expect, it } from 'vitest';
import { unifiedPatch } from '../src/unified-patch.js';

describe('unifiedPatch (a changed file’s patch field)', () => {
  it('gives one hunk per change without context, an empty side naming the line before it', () => {
    expect(unifiedPatch('a\nb\nc\n', 'a\nB\nc\n')).toEqual({ patch: '@@ -2,1 +2,1 @@\n-b\n+B', additions: 1, deletions: 1 });
    expect(unifiedPatch('a\nb\n', 'a\nX\nY\nb\n')).toEqual({ patch: '@@ -1,0 +2,2 @@\n+X\n+Y', additions: 2, deletions: 0 });
    expect(unifiedPatch('a\nb\nc\nd\n', 'A\nb\nc\n')).toEqual({ patch: '@@ -1,1 +1,1 @@\n-a\n+A\n@@ -4,1 +3,0 @@\n-d', additions: 1, deletions: 2 });
    expect(unifiedPatch('', 'n\n')).toEqual({ patch: '@@ -0,0 +1,1 @@\n+n', additions: 1, deletions: 0 });
  });

  it('takes a missing final newline as no change', () => {
    expect(unifiedPatch('a\nb', 'a\nb\n')).toEqual({ patch: '', additions: 0, deletions: 0 });
    expect(unifiedPatch('a\nb', 'a\nc')).toEqual({ patch: '@@ -2,1 +2,1 @@\n-b\n+c', additions: 1, deletions: 1 });
  });
});
