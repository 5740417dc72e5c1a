/** Milestone due dates from headings reach GitHub, and only change when the roadmap's date does. */
import { afterEach, describe, expect, it } from 'vitest';
import { applied, push, startSyncHarness, stopSyncHarness, writeCounts, type SyncHarness } from './helpers/sync-harness.js';

let h: SyncHarness | undefined;
afterEach(async () => {
  await stopSyncHarness(h);
  h = undefined;
});

describe('milestone due dates', () => {
  it('Q3 2025 is due 2025-09-30; "Later" has no date; a re-converge writes nothing', async () => {
    const text = (quarter: string): string => `# Roadmap\n\n## ${quarter}\n\n- [ ] Parser\n\n## Later\n\n- [ ] Plugins\n`;
    h = await startSyncHarness({ files: { 'ROADMAP.md': text('Q3 2025') } });
    const first = applied(await h.converge());
    expect(first.plan.ops).toContainEqual(expect.objectContaining({ kind: 'create-milestone', title: 'Q3 2025', dueOn: '2025-09-30' }));
    const dates = () => Object.fromEntries(h?.emulator.getMilestones('acme', 'widgets').map((m) => [m.title, m.due_on?.slice(0, 10) ?? null]) ?? []);
    expect(dates()).toEqual({ 'Q3 2025': '2025-09-30', Later: null });

    h.emulator.log.reset();
    expect(applied(await h.converge()).plan.ops).toEqual([]);
    expect(writeCounts(h)).toEqual({});

  });

  it('a milestone a person made without a date gets the roadmap\'s date; one without a date in the roadmap keeps the person\'s', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': '# Roadmap\n\n## March 2026\n\n- [ ] Parser\n\n## Someday\n\n- [ ] Plugins\n' } });
    h.emulator.createMilestone({ owner: 'acme', repo: 'widgets', title: 'March 2026' });
    h.emulator.createMilestone({ owner: 'acme', repo: 'widgets', title: 'Someday', dueOn: '2027-01-01T00:00:00Z' });
    const first = applied(await h.converge());
    expect(first.plan.ops.filter((op) => op.kind.endsWith('milestone'))).toEqual([expect.objectContaining({ kind: 'update-milestone', title: 'March 2026', dueOn: '2026-03-31' })]);
    const dates = Object.fromEntries(h.emulator.getMilestones('acme', 'widgets').map((m) => [m.title, m.due_on?.slice(0, 10) ?? null]));
    expect(dates).toEqual({ 'March 2026': '2026-03-31', Someday: '2027-01-01' });
    expect(applied(await h.converge()).plan.ops).toEqual([]);
  });
});
