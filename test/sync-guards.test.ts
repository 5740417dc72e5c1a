/**
 * What stops a converge before it writes anything: the bulk guard (until confirmed), a bad config,
 * and a repository without roadmap files.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applied, issuesOf, push, startSyncHarness, stopSyncHarness, type SyncHarness } from './helpers/sync-harness.js';

const items = Array.from({ length: 30 }, (_, i) => `- [ ] Roadmap item number ${i + 1} with its own words`);
const ROADMAP = `# Roadmap\n\n## v1.0\n\n${items.join('\n')}\n`;

let h: SyncHarness | undefined;
afterEach(async () => {
  await stopSyncHarness(h);
  h = undefined;
});

describe('the bulk guard', () => {
  it('removing most items stops before writing and says why; --confirm-bulk goes ahead', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
    applied(await h.converge());
    push(h, { 'ROADMAP.md': `# Roadmap\n\n## v1.0\n\n${items.slice(0, 5).join('\n')}\n` });
    h.emulator.log.reset();

    const blocked = await h.converge();
    expect(blocked.status).toBe('blocked');
    if (blocked.status !== 'blocked') return;
    expect(blocked.plan.blocked).toMatch(/^stopped before writing: this would close 25 and retitle 0 of 30 managed issues/);
    expect(blocked.result).toBeNull();
    expect(h.emulator.log.writes()).toEqual([]);

    const confirmed = applied(await h.converge({ confirmBulk: true }));
    expect(confirmed.status).toBe('applied');
    expect(confirmed.result?.removed).toBe(25);
    expect(issuesOf(h).filter((i) => i.state === 'open')).toHaveLength(5);
    expect(issuesOf(h).filter((i) => i.stateReason === 'not_planned')).toHaveLength(25);
    expect(applied(await h.converge()).plan.ops).toEqual([]);
  });

  it('a few removals pass the guard', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP } });
    applied(await h.converge());
    push(h, { 'ROADMAP.md': `# Roadmap\n\n## v1.0\n\n${items.slice(0, 27).join('\n')}\n` });
    expect(applied(await h.converge()).result?.removed).toBe(3);
  });
});

describe('no writes', () => {
  it('a bad config: status config-error naming the problem, zero writes', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP, '.github/roadmap-sync.yml': 'files: [1, 2]\nremoved: maybe\n' } });
    const outcome = await h.converge();
    expect(outcome.status).toBe('config-error');
    if (outcome.status !== 'config-error') return;
    expect(outcome.error.message).toMatch(/files\[0\]/);
    expect(h.emulator.log.writes()).toEqual([]);
    expect(issuesOf(h)).toEqual([]);
  });

  it('a config that is not YAML: config-error, zero writes', async () => {
    h = await startSyncHarness({ files: { 'ROADMAP.md': ROADMAP, '.github/roadmap-sync.yml': 'files: [unclosed\n' } });
    expect((await h.converge()).status).toBe('config-error');
    expect(h.emulator.log.writes()).toEqual([]);
  });

  it('no roadmap files: status no-roadmap, zero writes', async () => {
    h = await startSyncHarness({ files: { 'README.md': '# Widgets\n\n- [ ] not a roadmap\n' } });
    const outcome = await h.converge();
    expect(outcome.status).toBe('no-roadmap');
    expect(h.emulator.log.writes()).toEqual([]);
    expect(h.emulator.log.total()).toBeLessThanOrEqual(2);
  });

  it('an empty repository (no commit yet): status no-roadmap, zero writes', async () => {
    h = await startSyncHarness({ files: {} });
    expect((await h.converge()).status).toBe('no-roadmap');
    expect(h.emulator.log.writes()).toEqual([]);
  });
});
