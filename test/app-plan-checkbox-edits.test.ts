import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { planCheckboxEdits, type CheckboxAction, type CheckboxTarget } from '../src/core/checkboxes/plan-checkbox-edits.js';
import { renderCheckboxCommitMessage } from '../src/core/checkboxes/render-checkbox-commit-message.js';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';

const PATH = 'ROADMAP.md';

function keyOf(text: string, title: string): string {
  const item = parseRoadmapFile(PATH, text, DEFAULT_CONFIG).items.find((i) => i.title === title);
  if (!item) throw new Error(`no item ${title}`);
  return item.key;
}

function target(text: string, title: string, action: CheckboxAction, number = 1, issueTitle = title): CheckboxTarget {
  return { number, title: issueTitle, marker: { file: PATH, key: keyOf(text, title), checked: false }, action };
}

function apply(text: string, targets: CheckboxTarget[]): string {
  const plan = planCheckboxEdits([{ path: PATH, text }], DEFAULT_CONFIG, targets, []);
  return plan.files[0]?.text ?? text;
}

describe('planCheckboxEdits', () => {
  it('toggles only the state character, keeping CRLF and odd spacing', () => {
    const text = '# R\r\n\r\n-   [ ]  Ship it\r\n- [ ] Other\r\n';
    const checked = apply(text, [target(text, 'Ship it', 'check')]);
    expect(checked).toBe('# R\r\n\r\n-   [x]  Ship it\r\n- [ ] Other\r\n');
    expect(apply(checked, [target(checked, 'Ship it', 'uncheck')])).toBe(text);
  });

  it('gives a plain item an [X] box and takes it away again on uncheck', () => {
    const text = '# R\n\n1. **Auth**\n   - JWT tokens\n2. Caching\n';
    const checked = apply(text, [target(text, 'Auth', 'check', 1), target(text, 'JWT tokens', 'check', 2)]);
    expect(checked).toBe('# R\n\n1. [X] **Auth**\n   - [X] JWT tokens\n2. Caching\n');
    expect(apply(checked, [target(checked, 'JWT tokens', 'uncheck', 2), target(checked, 'Auth', 'uncheck', 1)])).toBe(text);
  });

  it('strikes a not-planned item through and restores it on reopen', () => {
    const text = '- [ ] Maybe later  \n- [ ] Sure\n';
    const struck = apply(text, [target(text, 'Maybe later', 'strike')]);
    expect(struck).toBe('- [x] ~~Maybe later~~  \n- [ ] Sure\n');
    expect(apply(struck, [target(struck, 'Maybe later', 'uncheck')])).toBe(text);
  });

  it('is idempotent: an item already in the wanted state is reported unchanged', () => {
    const text = '- [x] Done\n';
    const plan = planCheckboxEdits([{ path: PATH, text }], DEFAULT_CONFIG, [target(text, 'Done', 'check', 9)], []);
    expect(plan.files).toEqual([]);
    expect(plan.unchanged).toEqual([9]);
  });

  it('finds the item by an explicit reference when the marker key is stale', () => {
    const text = '- [ ] Rewritten completely (#42)\n- [ ] Other\n';
    const plan = planCheckboxEdits([{ path: PATH, text }], DEFAULT_CONFIG, [{ number: 42, title: 'Old words', marker: { file: PATH, key: 'stale', checked: false }, action: 'check' }], []);
    expect(plan.files[0]?.text).toBe('- [x] Rewritten completely (#42)\n- [ ] Other\n');
  });

  it('never takes an item that another issue holds by its reference; takes its own when the reference is only text', () => {
    const text = '- [ ] Ship it (#7)\n';
    const key = keyOf(text, 'Ship it (#7)');
    // #7 was bound by the reference (its marker names the item): the item is #7's, not #8's.
    const held = planCheckboxEdits([{ path: PATH, text }], DEFAULT_CONFIG, [target(text, 'Ship it (#7)', 'check', 8)], [{ file: PATH, key, checked: false, number: 7, title: 'Ship it' }]);
    expect(held.files).toEqual([]);
    // #7 holds nothing (it cites another tracker, or a pull request): the item kept #8 by its marker.
    const own = planCheckboxEdits([{ path: PATH, text }], DEFAULT_CONFIG, [target(text, 'Ship it (#7)', 'check', 8)], []);
    expect(own.files[0]?.text).toBe('- [x] Ship it (#7)\n');
    // Which of the two it is, only the markers tell: they are asked for.
    expect(planCheckboxEdits([{ path: PATH, text }], DEFAULT_CONFIG, [target(text, 'Ship it (#7)', 'check', 8)], null).needsMarkers).toBe(true);
  });

  it('falls back to a clearly similar title, but not to one that is ambiguous or owned by another issue', () => {
    const text = '- [ ] Add HTTPS support for the dashboard\n- [ ] Rate limiting\n';
    const stale = { file: PATH, key: 'stale', checked: false };
    const reworded: CheckboxTarget = { number: 1, title: 'Add HTTPS support for dashboard', marker: stale, action: 'check' };
    expect(planCheckboxEdits([{ path: PATH, text }], DEFAULT_CONFIG, [reworded], null).needsMarkers).toBe(true);
    expect(planCheckboxEdits([{ path: PATH, text }], DEFAULT_CONFIG, [reworded], [])).toMatchObject({ files: [{ text: text.replace('[ ] Add', '[x] Add') }] });

    const owned = [{ file: PATH, key: keyOf(text, 'Add HTTPS support for the dashboard'), checked: false }];
    expect(planCheckboxEdits([{ path: PATH, text }], DEFAULT_CONFIG, [reworded], owned).files).toEqual([]);

    const twins = '- [ ] Task number 2 of the plan\n- [ ] Task number 3 of the plan\n';
    const gone: CheckboxTarget = { number: 1, title: 'Task number 1 of the plan', marker: stale, action: 'check' };
    expect(planCheckboxEdits([{ path: PATH, text: twins }], DEFAULT_CONFIG, [gone], []).files).toEqual([]);
  });
});

describe('renderCheckboxCommitMessage', () => {
  it('names one item, or counts several', () => {
    expect(renderCheckboxCommitMessage([{ number: 42, action: 'check', title: 'Add HTTPS support', line: 3 }])).toBe('roadmap: check "Add HTTPS support" (#42)');
    const several = renderCheckboxCommitMessage([
      { number: 42, action: 'check', title: 'A', line: 1 },
      { number: 43, action: 'check', title: 'B', line: 2 },
      { number: 44, action: 'check', title: 'C', line: 3 },
      { number: 45, action: 'uncheck', title: 'D', line: 4 },
    ]);
    expect(several.split('\n')[0]).toBe('roadmap: check 3 items, uncheck 1 (#42, #43, #44, #45)');
  });
});

describe('planCheckboxEdits follows the history, as converge does', () => {
  const before = '# R\n\n- [ ] Export work items to CSV\n- [ ] Import\n';
  const after = '# R\n\n- [ ] Export Work Items to CSV\n- [ ] Export work items to CSV\n- [ ] Import\n';
  const old = { text: before, items: parseRoadmapFile(PATH, before, DEFAULT_CONFIG).items };
  const marker = { file: PATH, key: keyOf(before, 'Export work items to CSV'), checked: false, blob: 'a'.repeat(40) };

  it('a close after an inserted near-duplicate ticks the old line, not the twin that took its key', () => {
    const plan = planCheckboxEdits([{ path: PATH, text: after, sha: 'b'.repeat(40) }], DEFAULT_CONFIG, [{ number: 1, title: 'Export work items to CSV', marker, action: 'check' }], [], new Map([[marker.blob, old]]));
    expect(plan.files[0]?.text).toBe('# R\n\n- [ ] Export Work Items to CSV\n- [x] Export work items to CSV\n- [ ] Import\n');
    // Without the old version, the key alone points at the twin: what history prevents.
    const blind = planCheckboxEdits([{ path: PATH, text: after }], DEFAULT_CONFIG, [{ number: 1, title: 'Export work items to CSV', marker, action: 'check' }], []);
    expect(blind.files[0]?.text).toBe('# R\n\n- [x] Export Work Items to CSV\n- [ ] Export work items to CSV\n- [ ] Import\n');
  });

  it('an item deleted since is missing, not guessed', () => {
    const deleted = '# R\n\n- [ ] Import\n- [ ] Export work items to Excel\n';
    const plan = planCheckboxEdits([{ path: PATH, text: deleted, sha: 'c'.repeat(40) }], DEFAULT_CONFIG, [{ number: 1, title: 'Export work items to CSV', marker, action: 'check' }], [], new Map([[marker.blob, old]]));
    expect(plan.files).toEqual([]);
    expect(plan.missing).toEqual([{ number: 1, reason: 'no roadmap item for the issue' }]);
  });
});
