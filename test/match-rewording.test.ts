import { describe, expect, it } from 'vitest';
import { planCheckboxEdits, type CheckboxTarget, type OtherMarker } from '../src/core/checkboxes/plan-checkbox-edits.js';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import { parseRoadmap } from '../src/core/roadmap/parse.js';
import { readMarker } from '../src/core/sync/issue-body.js';
import { AMBIGUITY_MARGIN, matchRewording, pickRewording, rewordingScore } from '../src/core/sync/match-rewording.js';
import type { RepoContext, Snapshot, SnapshotIssue } from '../src/core/sync/model.js';
import { planSync } from '../src/core/sync/plan-sync.js';

const PATH = 'ROADMAP.md';
const context: RepoContext = { owner: 'o', repo: 'r', ref: 'main', htmlUrl: 'https://github.com' };

function plan(markdown: string, snapshot: Snapshot): ReturnType<typeof planSync> {
  return planSync(parseRoadmap([{ path: PATH, text: markdown }], DEFAULT_CONFIG), snapshot, DEFAULT_CONFIG, context);
}

/** GitHub after the first converge of `markdown`: one issue per item, numbered in roadmap order. */
function synced(markdown: string): Snapshot {
  const empty: Snapshot = { issues: [], milestones: [], labels: [], subIssues: new Map(), unparsedFiles: new Set() };
  const ops = plan(markdown, empty).ops;
  const issues: SnapshotIssue[] = [];
  for (const op of ops) {
    if (op.kind !== 'create-issue') continue;
    const number = issues.length + 1;
    const { title, body, labels } = op.fields;
    issues.push({ number, id: 1000 + number, title, body, state: 'open', stateReason: null, labels, milestone: null, marker: readMarker(body), subIssueCount: 0, parent: null });
  }
  return {
    ...empty,
    issues,
    labels: ops.flatMap((op) => (op.kind === 'create-label' ? [{ ...op.label }] : [])),
  };
}

/** What converge does to the issues: retitles, creates and removals, as [kind, number or title, new title]. */
function issueChanges(markdown: string, snapshot: Snapshot): Array<[string, number | string, string?]> {
  return plan(markdown, snapshot).ops.flatMap((op): Array<[string, number | string, string?]> => {
    if (op.kind === 'update-issue' && op.changes.title !== undefined) return [['retitle', op.number, op.changes.title]];
    if (op.kind === 'create-issue') return [['create', op.fields.title]];
    if (op.kind === 'remove-issue') return [['remove', op.number]];
    return [];
  });
}

/** Closing `numbers` before the next converge: the roadmap text the checkbox commit would write. */
function closeIssues(markdown: string, snapshot: Snapshot, numbers: number[]): { text: string; missing: number[] } {
  const byNumber = new Map(snapshot.issues.map((i) => [i.number, i]));
  const targets = numbers.map((n): CheckboxTarget => {
    const issue = byNumber.get(n) as SnapshotIssue;
    return { number: n, title: issue.title, marker: issue.marker, action: 'check' };
  });
  const others = snapshot.issues.flatMap((i): OtherMarker[] => (i.marker ? [{ ...i.marker, number: i.number, title: i.title }] : []));
  const result = planCheckboxEdits([{ path: PATH, text: markdown }], DEFAULT_CONFIG, targets, others);
  return { text: result.files[0]?.text ?? markdown, missing: result.missing.map((m) => m.number) };
}

describe('matchRewording', () => {
  const titles = (list: string[]) => (title: string) => matchRewording(title, list, (t) => t);

  it('takes the one clearly closest title', () => {
    expect(titles(['Add HTTPS support for the admin dashboard', 'Rate limiting'])('Add HTTPS support for the dashboard')).toMatchObject({
      kind: 'match',
      candidate: 'Add HTTPS support for the admin dashboard',
    });
  });

  it('is ambiguous between near-equal candidates, best first, and finds none below the similarity floor', () => {
    expect(titles(['Task number 2 of the plan', 'Task number 3 of the plan'])('Task number 1 of the plan')).toEqual({
      kind: 'ambiguous',
      candidates: ['Task number 2 of the plan', 'Task number 3 of the plan'],
    });
    expect(titles(['Rate limiting', 'Plugin API'])('Add HTTPS support for the dashboard')).toEqual({ kind: 'none' });
    expect(rewordingScore('Plugin system', 'Plugin API')).toBeNull();
  });

  it('ranks by spelling and words together: one changed number weighs as a changed word', () => {
    const eight = rewordingScore('Speed up step 8', 'Speed up step 8 on big repos') as number;
    const seven = rewordingScore('Speed up step 7', 'Speed up step 8 on big repos') as number;
    expect(eight - seven).toBeGreaterThan(AMBIGUITY_MARGIN);
  });

  it('needs the best to beat the runner-up by more than the margin', () => {
    const best = { candidate: 'a', score: 0.9 };
    expect(pickRewording([best, { candidate: 'b', score: 0.9 - AMBIGUITY_MARGIN / 2 }])).toEqual({ kind: 'ambiguous', candidates: ['a', 'b'] });
    expect(pickRewording([{ candidate: 'b', score: 0.9 - AMBIGUITY_MARGIN * 2 }, best])).toEqual({ kind: 'match', candidate: 'a', score: 0.9 });
    expect(pickRewording([])).toEqual({ kind: 'none' });
  });
});

describe('converge and the checkbox planner read a rewording the same way', () => {
  it('a reworded item next to a new, similar one: both give the issue the reworded item', () => {
    // By spelling alone the new "HTTP/2" item is the closer one (0.928 against 0.919), so the
    // checkbox planner's former rule (bigrams only, 0.15 margin) ticked nothing while converge
    // retitled the issue to the reworded item.
    const before = '# Roadmap\n\n- [ ] Add HTTPS support for the dashboard\n- [ ] Rate limiting on API endpoints\n';
    const snapshot = synced(before);
    const after = `${before.replace('for the dashboard', 'for the admin dashboard')}- [ ] Add HTTP/2 support for the dashboard\n`;

    expect(issueChanges(after, snapshot)).toEqual([
      ['retitle', 1, 'Add HTTPS support for the admin dashboard'],
      ['create', 'Add HTTP/2 support for the dashboard'],
    ]);
    expect(closeIssues(after, snapshot, [1]).text).toBe(after.replace('[ ] Add HTTPS support for the admin', '[x] Add HTTPS support for the admin'));
  });

  describe('one item reworded and a similar one removed', () => {
    const before = `# Roadmap\n\n${Array.from({ length: 9 }, (_, i) => `- [ ] Speed up step ${i + 1}`).join('\n')}\n`;
    const snapshot = synced(before);

    it('the reworded item goes to its own issue, never to the removed one', () => {
      const after = before.replace('- [ ] Speed up step 7\n', '').replace('Speed up step 8', 'Speed up step 8 on big repos');
      expect(issueChanges(after, snapshot)).toEqual([
        ['retitle', 8, 'Speed up step 8 on big repos'],
        ['remove', 7],
      ]);
      const ticked = after.replace('[ ] Speed up step 8', '[x] Speed up step 8');
      expect(closeIssues(after, snapshot, [8]).text).toBe(ticked);
      // #7's item is gone: the reworded item is as close to it by spelling, but closer to #8,
      // which lost its item too. Formerly the checkbox planner ticked it for #7.
      expect(closeIssues(after, snapshot, [7])).toEqual({ text: after, missing: [7] });
      expect(closeIssues(after, snapshot, [7, 8])).toEqual({ text: ticked, missing: [7] });
    });

    it('a rewording as close to both is held by converge and ticked for neither', () => {
      const after = before.replace('- [ ] Speed up step 7\n', '').replace('Speed up step 8', 'Speed up the eighth step');
      expect(issueChanges(after, snapshot)).toEqual([]);
      expect(closeIssues(after, snapshot, [7])).toEqual({ text: after, missing: [7] });
      expect(closeIssues(after, snapshot, [8])).toEqual({ text: after, missing: [8] });
    });
  });
});
