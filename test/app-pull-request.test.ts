/**
 * Pull requests that touch the roadmap get a `roadmap-sync` check run previewing the plan; nothing
 * is applied before the merge, whose push converges.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_PATH } from '../src/core/config/config.js';
import { startAppHarness, type AppHarness } from './helpers/app-harness.js';
import { checklist, createBranch, installRepo, managedIssues, requestsSince } from './helpers/app-fixtures.js';

let h: AppHarness;
beforeAll(async () => {
  h = await startAppHarness();
});
afterAll(async () => {
  await h?.close();
});

const ROADMAP = `${checklist(3)}- [ ] Add HTTPS support\n`;
const CHANGED = ROADMAP.replace('- [ ] Add HTTPS support\n', '- [ ] Add HTTPS support\n- [ ] Add a dark mode\n').replace('- [ ] Task number 3 of the plan\n', '');

describe('pull request preview', () => {
  it('previews the plan on the head commit and applies nothing until the merge', async () => {
    await installRepo(h, 'pr', 'app', { 'ROADMAP.md': ROADMAP });
    const issuesBefore = JSON.stringify(h.emulator.getIssues('pr', 'app'));
    await createBranch(h.emulator, 'pr', 'app', 'dark-mode');
    const head = h.emulator.pushCommit({ owner: 'pr', repo: 'app', branch: 'dark-mode', message: 'Plan dark mode', files: { 'ROADMAP.md': CHANGED } });
    await h.settle();
    const start = h.emulator.log.total();
    const pull = h.emulator.createPullRequest({ owner: 'pr', repo: 'app', head: 'dark-mode', base: 'main', title: 'Plan dark mode' });
    await h.settle();

    const runs = h.emulator.getCheckRuns('pr', 'app', head);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ name: 'roadmap-sync', status: 'completed', conclusion: 'success' });
    expect(runs[0]?.output.summary).toContain('| create | Add a dark mode |');
    expect(runs[0]?.output.summary).toMatch(/close \(removed\) \| #\d+ Task number 3 of the plan/);
    // Links in the previewed bodies point at the base branch: unchanged issues are not "updated".
    expect(runs[0]?.output.summary).not.toContain('body updated');
    const writes = requestsSince(h.emulator, start).filter((r) => r.write);
    expect(writes.map((w) => w.route)).toEqual(['POST /repos/{owner}/{repo}/check-runs']);
    expect(JSON.stringify(h.emulator.getIssues('pr', 'app'))).toBe(issuesBefore);

    // A new push to the branch: a preview for the new head.
    const head2 = h.emulator.pushCommit({ owner: 'pr', repo: 'app', branch: 'dark-mode', message: 'Also offline', files: { 'ROADMAP.md': `${CHANGED}- [ ] Work offline\n` } });
    await h.settle();
    expect(h.emulator.getCheckRuns('pr', 'app', head2)[0]?.output.summary).toContain('| create | Work offline |');

    // Redelivered: the same check run is updated, not a second one created.
    const event = [...h.emulator.events].reverse().find((e) => e.name === 'pull_request');
    await Promise.all([h.deliver(event!), h.deliver(event!)]);
    await h.settle();
    expect(h.emulator.getCheckRuns('pr', 'app', head2)).toHaveLength(1);

    h.emulator.mergePullRequest({ owner: 'pr', repo: 'app', number: pull.number });
    await h.settle();
    const titles = managedIssues(h.emulator, 'pr', 'app').filter((i) => i.state === 'open').map((i) => i.title);
    expect(titles).toEqual(expect.arrayContaining(['Add a dark mode', 'Work offline']));
    expect(titles).not.toContain('Task number 3 of the plan');
  });

  it('a pull request from a fork gets the preview and nothing else', async () => {
    await installRepo(h, 'upstream', 'app', { 'ROADMAP.md': ROADMAP });
    const issuesBefore = JSON.stringify(h.emulator.getIssues('upstream', 'app'));
    h.emulator.createRepo({ owner: 'contributor', name: 'app', parent: { owner: 'upstream', name: 'app' } });
    await createBranch(h.emulator, 'contributor', 'app', 'idea');
    const head = h.emulator.pushCommit({ owner: 'contributor', repo: 'app', branch: 'idea', message: 'An idea', files: { 'ROADMAP.md': CHANGED }, author: 'contributor' });
    await h.settle();
    const start = h.emulator.log.total();
    h.emulator.createPullRequest({ owner: 'upstream', repo: 'app', head: 'idea', base: 'main', title: 'An idea', fromFork: true, forkOwner: 'contributor' });
    await h.settle();

    const runs = h.emulator.getCheckRuns('upstream', 'app', head);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ conclusion: 'success' });
    expect(runs[0]?.output.summary).toContain('| create | Add a dark mode |');
    const writes = requestsSince(h.emulator, start).filter((r) => r.write);
    expect(writes.map((w) => `${w.route} ${w.path}`)).toEqual([`POST /repos/{owner}/{repo}/check-runs /repos/upstream/app/check-runs`]);
    expect(JSON.stringify(h.emulator.getIssues('upstream', 'app'))).toBe(issuesBefore);
    expect(h.emulator.getIssues('contributor', 'app')).toEqual([]);
  });

  it('a pull request that touches no roadmap file gets no check run', async () => {
    await installRepo(h, 'docs', 'app', { 'ROADMAP.md': ROADMAP, 'README.md': 'hi\n' });
    await createBranch(h.emulator, 'docs', 'app', 'typo');
    const head = h.emulator.pushCommit({ owner: 'docs', repo: 'app', branch: 'typo', message: 'Typo', files: { 'README.md': 'hello\n' } });
    h.emulator.createPullRequest({ owner: 'docs', repo: 'app', head: 'typo', base: 'main', title: 'Typo' });
    await h.settle();
    expect(h.emulator.getCheckRuns('docs', 'app', head)).toEqual([]);
  });

  it('a pull request with an invalid config gets a failing check run naming the problem', async () => {
    await installRepo(h, 'badpr', 'app', { 'ROADMAP.md': ROADMAP });
    await createBranch(h.emulator, 'badpr', 'app', 'tune');
    const head = h.emulator.pushCommit({ owner: 'badpr', repo: 'app', branch: 'tune', message: 'Tune', files: { [CONFIG_PATH]: 'files: ROADMAP.md\nlables: {}\n' } });
    const start = h.emulator.log.total();
    h.emulator.createPullRequest({ owner: 'badpr', repo: 'app', head: 'tune', base: 'main', title: 'Tune' });
    await h.settle();
    const [run] = h.emulator.getCheckRuns('badpr', 'app', head);
    expect(run).toMatchObject({ name: 'roadmap-sync', conclusion: 'failure' });
    expect(run?.output.summary).toContain(CONFIG_PATH);
    expect(run?.output.summary).toContain('files: expected array');
    expect(run?.output.summary).toContain('"lables"');
    expect(requestsSince(h.emulator, start).filter((r) => r.write).map((w) => w.route)).toEqual(['POST /repos/{owner}/{repo}/check-runs']);
  });

  it('an ambiguous rewording is flagged on the pull request, held on merge, and bound once the person names the issue', async () => {
    const steps = `# Roadmap\n\n## Speed\n\n${Array.from({ length: 9 }, (_, i) => `- [ ] Speed up step ${i + 1}`).join('\n')}\n`;
    await installRepo(h, 'vague', 'app', { 'ROADMAP.md': steps });
    const numberOf = (title: string): number => managedIssues(h.emulator, 'vague', 'app').find((i) => i.title === title)?.number ?? 0;
    const [seven, eight] = [numberOf('Speed up step 7'), numberOf('Speed up step 8')];
    const edited = steps.replace('- [ ] Speed up step 7\n', '').replace('Speed up step 8', 'Speed up the eighth step');
    await createBranch(h.emulator, 'vague', 'app', 'reword');
    const head = h.emulator.pushCommit({ owner: 'vague', repo: 'app', branch: 'reword', message: 'Reword', files: { 'ROADMAP.md': edited } });
    h.emulator.createPullRequest({ owner: 'vague', repo: 'app', head: 'reword', base: 'main', title: 'Reword' });
    await h.settle();
    const preview = h.emulator.getCheckRuns('vague', 'app', head)[0];
    expect(preview).toMatchObject({ conclusion: 'neutral' });
    expect(preview?.output.summary).toContain(`is equally close to #${seven} "Speed up step 7" and #${eight} "Speed up step 8"`);

    const issuesBefore = JSON.stringify(h.emulator.getIssues('vague', 'app'));
    const merge = h.emulator.pushCommit({ owner: 'vague', repo: 'app', branch: 'main', message: 'Merge reword', files: { 'ROADMAP.md': edited } });
    await h.settle();
    expect(JSON.stringify(h.emulator.getIssues('vague', 'app'))).toBe(issuesBefore);
    const held = h.emulator.getCheckRuns('vague', 'app', merge)[0];
    expect(held).toMatchObject({ conclusion: 'neutral', output: { title: 'Synced with a warning' } });
    expect(held?.output.summary).toContain(`Add the issue's reference, e.g. (#${seven})`);

    h.emulator.pushCommit({ owner: 'vague', repo: 'app', branch: 'main', message: 'Name it', files: { 'ROADMAP.md': edited.replace('eighth step', `eighth step (#${eight})`) } });
    await h.settle();
    const issues = h.emulator.getIssues('vague', 'app');
    expect(issues.find((i) => i.number === eight)).toMatchObject({ title: 'Speed up the eighth step', state: 'open' });
    expect(issues.find((i) => i.number === seven)).toMatchObject({ title: 'Speed up step 7', state: 'closed', state_reason: 'not_planned' });
    expect(managedIssues(h.emulator, 'vague', 'app')).toHaveLength(9);
  });

  it('used only routes GitHub has, and no background job failed', () => {
    expect(h.app.jobFailures).toBe(0);
    expect(h.emulator.specViolations).toEqual([]);
    expect(h.emulator.unimplemented).toEqual([]);
    expect(h.emulator.internalErrors).toEqual([]);
  });
});
