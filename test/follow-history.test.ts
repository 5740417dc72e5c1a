/** traceItems: what became of each item of an old version, as git blame would say. */
import { describe, expect, it } from 'vitest';
import { traceItems, type ItemTrace } from '../src/core/sync/follow-history.js';
import { fates, version } from './helpers/trace-fates.js';

describe('traceItems', () => {
  it('an inserted near-duplicate is new; the old line keeps its item', () => {
    const before = '# R\n\n- [ ] Export work items to CSV\n- [ ] Import\n';
    const after = '# R\n\n- [ ] Export Work Items to CSV\n- [ ] Export work items to CSV\n- [ ] Import\n';
    expect(fates(before, after)).toEqual({ 'Export work items to CSV': 'kept: Export work items to CSV', Import: 'kept: Import' });
    const a = version(after);
    const traced = new Set([...(traceItems(version(before), a) as Map<string, ItemTrace>).values()].flatMap((t) => ('key' in t ? [t.key] : [])));
    // the inserted line is the only item no old item became
    expect(a.items.filter((i) => !traced.has(i.key)).map((i) => i.line)).toEqual([3]);
  });

  it('a line changed in place is a rewording, even beside similar checked items', () => {
    const before = '- [x] Speed up step 7\n- [ ] Speed up step 8\n- [x] Speed up step 9\n';
    const after = '- [x] Speed up step 7\n- [ ] Speed up the eighth step\n- [x] Speed up step 9\n';
    expect(fates(before, after)).toEqual({
      'Speed up step 7': 'kept: Speed up step 7',
      'Speed up step 8': 'reworded: Speed up the eighth step',
      'Speed up step 9': 'kept: Speed up step 9',
    });
  });

  it('a block moved to another section keeps its items; a deleted line is a removal', () => {
    const before = '## A\n\n- [ ] One\n- [ ] Two\n\n## B\n\n- [ ] Three\n- [ ] Four\n';
    const after = '## A\n\n- [ ] Two\n\n## B\n\n- [ ] Three\n- [ ] One\n';
    expect(fates(before, after)).toEqual({ One: 'kept: One', Two: 'kept: Two', Three: 'kept: Three', Four: 'deleted' });
  });

  it('a hunk that deletes one item and rewords another leaves the choice to the texts', () => {
    const before = '- [ ] Speed up step 7\n- [ ] Speed up step 8\n- [ ] Other\n';
    const after = '- [ ] Speed up the eighth step\n- [ ] Other\n';
    expect(fates(before, after)).toEqual({
      'Speed up step 7': 'candidates: Speed up the eighth step',
      'Speed up step 8': 'candidates: Speed up the eighth step',
      Other: 'kept: Other',
    });
    expect(fates('- [ ] Alpha parser\n- [ ] Zebra crossing\n', '- [ ] Alpha parsers\n')).toEqual({ 'Alpha parser': 'candidates: Alpha parsers', 'Zebra crossing': 'deleted' });
  });

  it('CRLF and a missing final newline are no change', () => {
    expect(fates('- a\r\n- b\r\n', '- a\n- b')).toEqual({ a: 'kept: a', b: 'kept: b' });
  });
});
