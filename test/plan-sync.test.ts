import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfigValue, type Config } from '../src/core/config/config.js';
import { parseRoadmap } from '../src/core/roadmap/parse.js';
import { readMarker, renderManagedSection, replaceManagedSection, withMarkerState } from '../src/core/sync/issue-body.js';
import type { Plan, RepoContext, Snapshot, SnapshotIssue } from '../src/core/sync/model.js';
import { parentsNeedingSubIssueRead, planSync } from '../src/core/sync/plan-sync.js';

const context: RepoContext = { owner: 'o', repo: 'r', ref: 'main', htmlUrl: 'https://github.com' };

const ROADMAP = `# Roadmap

## v1.0

- [ ] Add HTTPS support for the dashboard
- [ ] Rate limiting on API endpoints
  - [ ] Per-user limits
  - [ ] Per-IP limits
- [x] Ship the first release

## v2.0

- [ ] Plugin system
- [ ] Rate limiting on API endpoints
`;

function emptySnapshot(): Snapshot {
  return { issues: [], milestones: [], labels: [], subIssues: new Map(), unparsedFiles: new Set() };
}

/**
 * What GitHub holds after a plan is applied, computed here from the plan's own values (the
 * end-to-end tests do the same against the emulator over HTTP).
 */
function applyToSnapshot(snapshot: Snapshot, plan: Plan): Snapshot {
  const next: Snapshot = structuredClone({ ...snapshot, subIssues: new Map(), unparsedFiles: new Set() });
  next.subIssues = new Map(snapshot.subIssues);
  let number = Math.max(0, ...next.issues.map((i) => i.number));
  const keyToNumber = new Map(next.issues.flatMap((i) => (i.marker ? [[i.marker.key, i.number] as const] : [])));
  for (const op of plan.ops) {
    if (op.kind === 'create-label') next.labels.push({ ...op.label });
    if (op.kind === 'create-milestone') next.milestones.push({ number: next.milestones.length + 1, title: op.title, state: 'open', description: op.description });
    if (op.kind === 'create-issue') {
      number += 1;
      const m = next.milestones.find((x) => x.title === op.fields.milestone);
      next.issues.push({
        number,
        id: 1000 + number,
        title: op.fields.title,
        body: op.fields.body,
        state: op.closed ? 'closed' : 'open',
        stateReason: op.closed ? 'completed' : null,
        labels: op.fields.labels,
        milestone: m ? { number: m.number, title: m.title } : null,
        marker: readMarker(op.fields.body),
        subIssueCount: 0,
      });
      keyToNumber.set(op.key, number);
    }
    if (op.kind === 'update-issue') {
      const issue = next.issues.find((i) => i.number === op.number) as SnapshotIssue;
      const c = op.changes;
      if (c.title !== undefined) issue.title = c.title;
      if (c.body !== undefined) {
        issue.body = c.body;
        issue.marker = readMarker(c.body);
      }
      if (c.labels !== undefined) issue.labels = c.labels;
      if (c.milestone !== undefined) {
        const m = next.milestones.find((x) => x.title === c.milestone);
        issue.milestone = m ? { number: m.number, title: m.title } : null;
      }
      if (c.state !== undefined) {
        issue.state = c.state;
        issue.stateReason = c.stateReason ?? null;
      }
    }
    if (op.kind === 'remove-issue') {
      const issue = next.issues.find((i) => i.number === op.number) as SnapshotIssue;
      issue.state = 'closed';
      issue.stateReason = 'not_planned';
    }
  }
  for (const op of plan.ops) {
    if (op.kind !== 'link-sub-issue') continue;
    const parent = keyToNumber.get(op.parentKey) as number;
    const child = keyToNumber.get(op.childKey) as number;
    next.subIssues.set(parent, [...(next.subIssues.get(parent) ?? []), child]);
    const p = next.issues.find((i) => i.number === parent) as SnapshotIssue;
    p.subIssueCount = (p.subIssueCount ?? 0) + 1;
  }
  return next;
}

function plan(markdown: string, snapshot: Snapshot, config: Config = DEFAULT_CONFIG, confirmBulk = false): Plan {
  return planSync(parseRoadmap([{ path: 'ROADMAP.md', text: markdown }], config), snapshot, config, context, { confirmBulk });
}

const kinds = (p: Plan): Record<string, number> =>
  p.ops.reduce<Record<string, number>>((acc, op) => ({ ...acc, [op.kind]: (acc[op.kind] ?? 0) + 1 }), {});

describe('planSync on an empty repository', () => {
  const first = plan(ROADMAP, emptySnapshot());

  it('creates one issue per unchecked item, skips the checked one, and links children', () => {
    // 2 + 2 children in v1.0 (the checked "Ship" is skipped by default), 2 in v2.0.
    expect(kinds(first)).toEqual({ 'create-label': 1, 'create-milestone': 2, 'create-issue': 6, 'link-sub-issue': 2 });
    expect(first.notes.map((n) => n.message).join('\n')).toMatch(/1 checked item/);
  });

  it('gives the two identical items in different sections different issues', () => {
    const rate = first.ops.filter((op) => op.kind === 'create-issue' && op.fields.title === 'Rate limiting on API endpoints');
    expect(rate).toHaveLength(2);
    expect(new Set(rate.map((op) => (op.kind === 'create-issue' ? op.key : '')))).toHaveProperty('size', 2);
  });

  it('puts labels, milestone and the hidden marker in the create request itself', () => {
    const op = first.ops.find((o) => o.kind === 'create-issue' && o.fields.title.startsWith('Add HTTPS'));
    expect(op?.kind).toBe('create-issue');
    if (op?.kind !== 'create-issue') return;
    expect(op.fields.labels).toEqual(['roadmap']);
    expect(op.fields.milestone).toBe('v1.0');
    expect(readMarker(op.fields.body)).toEqual({ file: 'ROADMAP.md', key: op.key, checked: false });
  });

  it('makes no change the second time', () => {
    const second = plan(ROADMAP, applyToSnapshot(emptySnapshot(), first));
    expect(second.ops).toEqual([]);
    expect(second.unchanged).toBe(6);
  });
});

describe('planSync after changes to the roadmap', () => {
  const synced = applyToSnapshot(emptySnapshot(), plan(ROADMAP, emptySnapshot()));
  const numberOf = (title: string): number => (synced.issues.find((i) => i.title === title) as SnapshotIssue).number;

  it('retitles a slightly reworded item instead of creating a new issue', () => {
    const p = plan(ROADMAP.replace('Add HTTPS support for the dashboard', 'Add HTTPS support for the admin dashboard'), synced);
    expect(kinds(p)).toEqual({ 'update-issue': 1 });
    const op = p.ops[0];
    expect(op?.kind === 'update-issue' && op.number).toBe(numberOf('Add HTTPS support for the dashboard'));
    expect(op?.kind === 'update-issue' && op.changes.title).toBe('Add HTTPS support for the admin dashboard');
  });

  describe('a rewording that is as close to two issues (one item reworded, a similar one removed)', () => {
    const STEPS = `# Roadmap\n\n## Speed\n\n${Array.from({ length: 9 }, (_, i) => `- [ ] Speed up step ${i + 1}`).join('\n')}\n`;
    const before = applyToSnapshot(emptySnapshot(), plan(STEPS, emptySnapshot()));
    const n = (title: string): number => (before.issues.find((i) => i.title === title) as SnapshotIssue).number;
    const edited = STEPS.replace('- [ ] Speed up step 7\n', '').replace('Speed up step 8', 'Speed up the eighth step');

    it('does not guess: no issue is retitled, created or closed, and a warning says how to decide', () => {
      const p = plan(edited, before);
      expect(p.ops).toEqual([]);
      const warning = p.notes.find((note) => note.level === 'warning')?.message ?? '';
      expect(warning).toContain(`"Speed up the eighth step" (ROADMAP.md:11) is equally close to #${n('Speed up step 7')} "Speed up step 7" and #${n('Speed up step 8')} "Speed up step 8"`);
      expect(warning).toContain(`(#${n('Speed up step 7')})`);
    });

    it('binds the item to the issue the person names, and closes the other as removed', () => {
      const p = plan(edited.replace('Speed up the eighth step', `Speed up the eighth step (#${n('Speed up step 8')})`), before);
      expect(p.notes.filter((note) => note.level === 'warning')).toEqual([]);
      const retitle = p.ops.find((op) => op.kind === 'update-issue');
      expect(retitle?.kind === 'update-issue' && [retitle.number, retitle.changes.title]).toEqual([n('Speed up step 8'), 'Speed up the eighth step']);
      expect(p.ops.filter((op) => op.kind === 'remove-issue').map((op) => op.kind === 'remove-issue' && op.number)).toEqual([n('Speed up step 7')]);
      expect(kinds(p)).toEqual({ 'update-issue': 1, 'remove-issue': 1 });
    });

    it('still takes a rewording that clearly stands out from the other candidates', () => {
      const clear = STEPS.replace('- [ ] Speed up step 7\n', '').replace('Speed up step 8', 'Speed up step 8 on big repos');
      const p = plan(clear, before);
      expect(p.notes.filter((note) => note.level === 'warning')).toEqual([]);
      const retitle = p.ops.find((op) => op.kind === 'update-issue');
      expect(retitle?.kind === 'update-issue' && retitle.number).toBe(n('Speed up step 8'));
      expect(p.ops.filter((op) => op.kind === 'remove-issue').map((op) => op.kind === 'remove-issue' && op.number)).toEqual([n('Speed up step 7')]);
    });

    it('two reworded items equally close to one issue: neither takes it', () => {
      const two = STEPS.replace('- [ ] Speed up step 7\n', '- [ ] Speed up step 7a\n- [ ] Speed up step 7b\n');
      const p = plan(two, before);
      expect(p.ops.filter((op) => op.kind === 'update-issue' || op.kind === 'remove-issue' || op.kind === 'create-issue')).toEqual([]);
      expect(p.notes.find((note) => note.level === 'warning')?.message).toContain(`are equally close to #${n('Speed up step 7')}`);
    });
  });

  it('un-nesting without parent_issue_url (an older GitHub): the parent is read, then the child unlinked', () => {
    // The snapshot built here has no `parent` field, as when GitHub does not report parent_issue_url.
    const linked = structuredClone({ ...synced, subIssues: new Map(), unparsedFiles: new Set<string>() });
    const parent = numberOf('Rate limiting on API endpoints');
    const flat = ROADMAP.replace('  - [ ] Per-user limits', '- [ ] Per-user limits').replace('  - [ ] Per-IP limits', '- [ ] Per-IP limits');
    const roadmap = parseRoadmap([{ path: 'ROADMAP.md', text: flat }], DEFAULT_CONFIG);
    expect(parentsNeedingSubIssueRead(roadmap, linked)).toContain(parent);
    linked.subIssues.set(parent, [numberOf('Per-user limits'), numberOf('Per-IP limits')]);
    const p = planSync(roadmap, linked, DEFAULT_CONFIG, context);
    expect(p.ops.filter((op) => op.kind === 'unlink-sub-issue').map((op) => op.kind === 'unlink-sub-issue' && [op.parentNumber, op.childNumber])).toEqual([
      [parent, numberOf('Per-user limits')],
      [parent, numberOf('Per-IP limits')],
    ]);
    // With parent_issue_url reported for every issue, nothing needs reading.
    const reported = { ...linked, issues: linked.issues.map((i) => ({ ...i, parent: null })) };
    expect(parentsNeedingSubIssueRead(roadmap, reported)).toEqual([]);
  });

  it('moves an item to another section: the same issue follows to the new milestone', () => {
    const moved = ROADMAP.replace('- [ ] Add HTTPS support for the dashboard\n', '').replace('- [ ] Plugin system\n', '- [ ] Plugin system\n- [ ] Add HTTPS support for the dashboard\n');
    const p = plan(moved, synced);
    expect(kinds(p)).toEqual({ 'update-issue': 1 });
    const op = p.ops[0];
    expect(op?.kind === 'update-issue' && op.changes.milestone).toBe('v2.0');
  });

  it('closes the issue of a checked item and reopens it when unchecked again', () => {
    const checked = ROADMAP.replace('- [ ] Plugin system', '- [x] Plugin system');
    const p = plan(checked, synced);
    expect(p.ops).toHaveLength(1);
    expect(p.ops[0]?.kind === 'update-issue' && p.ops[0].changes.state).toBe('closed');
    const closed = applyToSnapshot(synced, p);
    const back = plan(ROADMAP, closed);
    expect(back.ops[0]?.kind === 'update-issue' && back.ops[0].changes.state).toBe('open');
  });

  it('does not reopen an issue a person closed while the roadmap stayed unchecked: it reports drift', () => {
    const closedByHand = structuredClone(synced);
    closedByHand.subIssues = synced.subIssues;
    closedByHand.unparsedFiles = new Set();
    const issue = closedByHand.issues.find((i) => i.title === 'Plugin system') as SnapshotIssue;
    issue.state = 'closed';
    issue.stateReason = 'completed';
    const p = plan(ROADMAP, closedByHand);
    expect(p.ops).toEqual([]);
    expect(p.checkboxDrift).toEqual([expect.objectContaining({ number: issue.number, checked: true })]);
  });

  it('closes as not planned an issue whose item was removed, with a comment', () => {
    const p = plan(ROADMAP.replace('- [ ] Plugin system\n', ''), synced);
    expect(kinds(p)).toEqual({ 'remove-issue': 1 });
    expect(p.ops[0]?.kind === 'remove-issue' && p.ops[0].comment).toMatch(/no longer in `ROADMAP.md`/);
  });

  it('never treats a file that was not read as removed', () => {
    const roadmap = parseRoadmap([{ path: 'OTHER.md', text: '- [ ] Something else\n' }], DEFAULT_CONFIG);
    const p = planSync(roadmap, synced, DEFAULT_CONFIG, context);
    expect(p.ops.filter((op) => op.kind === 'remove-issue')).toEqual([]);
    expect(p.notes.map((n) => n.message).join()).toMatch(/kept open/);
  });

  it('keeps an item that moved to another file on its issue', () => {
    const roadmap = parseRoadmap(
      [
        { path: 'ROADMAP.md', text: ROADMAP.replace('- [ ] Plugin system\n', '') },
        { path: 'docs/roadmap-next.md', text: '## v2.0\n\n- [ ] Plugin system\n' },
      ],
      DEFAULT_CONFIG,
    );
    const p = planSync(roadmap, synced, DEFAULT_CONFIG, context);
    expect(p.ops.filter((op) => op.kind === 'create-issue' || op.kind === 'remove-issue')).toEqual([]);
    expect(p.ops.find((op) => op.kind === 'update-issue')).toMatchObject({ number: numberOf('Plugin system') });
  });

  it('keeps what people wrote below the managed section, and their labels', () => {
    const edited = structuredClone(synced);
    edited.subIssues = synced.subIssues;
    edited.unparsedFiles = new Set();
    const issue = edited.issues.find((i) => i.title === 'Plugin system') as SnapshotIssue;
    issue.body += '\n\nDesign notes from @alice: see the RFC.';
    issue.labels.push('needs-design');
    const p = plan(ROADMAP.replace('Plugin system', 'Plugin system with hooks'), edited);
    const op = p.ops.find((o) => o.kind === 'update-issue');
    expect(op?.kind === 'update-issue' && op.changes.body).toContain('Design notes from @alice: see the RFC.');
    expect(op?.kind === 'update-issue' && op.changes.labels).toBeUndefined();
  });

  it('stops before writing when it would close or retitle too many issues at once', () => {
    const many = Array.from({ length: 30 }, (_, i) => `- [ ] Feature number ${i + 1} of the big plan`).join('\n');
    const bigSynced = applyToSnapshot(emptySnapshot(), plan(`## v1\n\n${many}\n`, emptySnapshot()));
    const p = plan('## v1\n\n- [ ] Something entirely different\n', bigSynced);
    expect(p.blocked).toMatch(/stopped before writing: this would close 30/);
    const confirmed = plan('## v1\n\n- [ ] Something entirely different\n', bigSynced, DEFAULT_CONFIG, true);
    expect(confirmed.blocked).toBeNull();
  });

  it('creates checked items closed when configured', () => {
    const config = parseConfigValue({ checked: 'create-closed' });
    const p = plan(ROADMAP, emptySnapshot(), config);
    const op = p.ops.find((o) => o.kind === 'create-issue' && o.fields.title === 'Ship the first release');
    expect(op?.kind === 'create-issue' && op.closed).toBe(true);
  });

  it('binds an item to the issue its text references', () => {
    const snapshot = emptySnapshot();
    snapshot.issues.push({ number: 42, id: 4200, title: 'Old wording', body: 'Written by a person.', state: 'open', stateReason: null, labels: [], milestone: null, marker: null, subIssueCount: null });
    const p = plan('## v1.0\n\n- [ ] Add HTTPS support (#42)\n', snapshot);
    expect(p.ops.some((op) => op.kind === 'create-issue')).toBe(false);
    const op = p.ops.find((o) => o.kind === 'update-issue');
    expect(op).toMatchObject({ number: 42 });
    expect(op?.kind === 'update-issue' && op.changes.body).toContain('Written by a person.');
  });
});

describe('issue bodies', () => {
  const roadmap = parseRoadmap([{ path: 'ROADMAP.md', text: '- [ ] Ping @octocat about #12 <!-- roadmap-sync:end file="x" key="deadbeef" -->\n' }], DEFAULT_CONFIG);
  const item = roadmap.items[0];

  it('neutralizes mentions, cross-references and forged markers in item text', () => {
    expect(item).toBeDefined();
    if (!item) return;
    const section = renderManagedSection({ item, context, checked: false });
    expect(section).toContain('`@octocat`');
    expect(section).toContain('`#12`');
    expect(readMarker(section)).toEqual({ file: 'ROADMAP.md', key: item.key, checked: false });
  });

  it('replaces only the managed section', () => {
    if (!item) return;
    const section = renderManagedSection({ item, context, checked: false });
    const body = replaceManagedSection(`${section}\n\nhuman text`, section.replace('checked="false"', 'checked="true"'));
    expect(body.endsWith('\n\nhuman text')).toBe(true);
    expect(readMarker(body)?.checked).toBe(true);
  });

  it('records a checkbox state the bot committed, touching nothing else', () => {
    if (!item) return;
    const body = `intro\n${renderManagedSection({ item, context, checked: false })}\n\nhuman text`;
    const updated = withMarkerState(body, true);
    expect(readMarker(updated)).toEqual({ file: 'ROADMAP.md', key: item.key, checked: true });
    expect(updated?.replace('checked="true"', 'checked="false"')).toBe(body);
    expect(withMarkerState(updated, true)).toBeNull();
    expect(withMarkerState('no marker here', true)).toBeNull();
  });
});
