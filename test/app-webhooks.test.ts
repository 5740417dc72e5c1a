/**
 * The webhook surface of the app: signature checks, fast acknowledgement, which events converge
 * and which cost nothing, redelivery, and config errors — all over real HTTP against the emulator.
 */
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_PATH } from '../src/core/config/config.js';
import { readMarker } from '../src/core/sync/issue-body.js';
import { startAppHarness, WEBHOOK_SECRET, type AppHarness } from './helpers/app-harness.js';
import { checkboxCommits, checklist, createBranch, installRepo, managedIssues, requestsSince } from './helpers/app-fixtures.js';

let h: AppHarness;
beforeAll(async () => {
  h = await startAppHarness();
});
afterAll(async () => {
  await h?.close();
});

function lastEvent(name: string) {
  const event = [...h.emulator.events].reverse().find((e) => e.name === name);
  if (!event) throw new Error(`no ${name} event`);
  return event;
}

describe('webhook security', () => {
  it('rejects a bad signature, a missing signature and a malformed body with 4xx, does no work, and keeps serving', async () => {
    await installRepo(h, 'sec', 'app', { 'ROADMAP.md': checklist(2) });
    const [issue] = managedIssues(h.emulator, 'sec', 'app');
    h.forwarding = false;
    h.emulator.closeIssue({ owner: 'sec', repo: 'app', number: issue!.number });
    h.forwarding = true;
    const event = lastEvent('issues');
    const body = JSON.stringify(event.payload);
    const headers = { 'content-type': 'application/json', 'x-github-event': 'issues', 'x-github-delivery': event.id };
    const before = h.emulator.log.total();

    const badSignature = await h.post(body, { ...headers, 'x-hub-signature-256': await sign('not-the-secret', body) });
    const missingSignature = await h.post(body, headers);
    const malformed = '{"action": "closed", "issue": ';
    const malformedBody = await h.post(malformed, { ...headers, 'x-hub-signature-256': await sign(WEBHOOK_SECRET, malformed) });
    const tampered = await h.post(body.replace('"closed"', '"reopened"'), { ...headers, 'x-hub-signature-256': await sign(WEBHOOK_SECRET, body) });

    for (const response of [badSignature, missingSignature, malformedBody, tampered]) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    expect(h.app.busy).toBe(false);
    await h.settle();
    expect(h.emulator.log.total()).toBe(before);
    expect(checkboxCommits(h.emulator, 'sec', 'app')).toEqual([]);

    // Still serving: the genuine delivery is accepted and acted on.
    const genuine = await h.deliver(event);
    expect(genuine.status).toBe(200);
    await h.settle();
    expect(checkboxCommits(h.emulator, 'sec', 'app')).toHaveLength(1);
  });
});

describe('acknowledgement', () => {
  it('answers the webhook before the converge it triggers has finished', async () => {
    h.forwarding = false;
    h.emulator.createRepo({ owner: 'ack', name: 'app', files: { 'ROADMAP.md': checklist(30) } });
    h.emulator.installApp({ owner: 'ack', repos: ['app'] });
    h.forwarding = true;
    const delivery = await h.deliver(lastEvent('installation'));
    const issuesAtAck = h.emulator.getIssues('ack', 'app').length;
    const convergesAtAck = h.app.stats.converges;
    expect(delivery.status).toBe(200);
    expect(delivery.busyAtAck).toBe(true);
    expect(issuesAtAck).toBe(0);
    await h.settle();
    expect(h.app.stats.converges).toBe(convergesAtAck + 1);
    expect(managedIssues(h.emulator, 'ack', 'app')).toHaveLength(30);
    const latencies = h.deliveries.filter((d) => d.status === 200).map((d) => d.ms).sort((a, b) => a - b);
    console.info(
      `[figures] webhook ack latency over ${latencies.length} deliveries: median ${latencies[Math.floor(latencies.length / 2)]?.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms; this install converge: 30 issues`,
    );
  });
});

describe('installation', () => {
  it('converges each repository of a new installation and leaves one without a roadmap alone', async () => {
    h.emulator.createRepo({ owner: 'inst', name: 'with-roadmap', files: { 'TODO.md': checklist(3) } });
    h.emulator.createRepo({ owner: 'inst', name: 'plain', files: { 'README.md': '# Hello\n' } });
    const start = h.emulator.log.total();
    h.emulator.installApp({ owner: 'inst', repos: ['with-roadmap', 'plain'] });
    await h.settle();
    expect(managedIssues(h.emulator, 'inst', 'with-roadmap')).toHaveLength(3);
    expect(h.emulator.getIssues('inst', 'plain')).toEqual([]);
    const plainWrites = requestsSince(h.emulator, start).filter((r) => r.write && r.path.includes('/inst/plain'));
    expect(plainWrites).toEqual([]);
  });

  it('converges repositories added to an installation', async () => {
    h.emulator.createRepo({ owner: 'grow', name: 'first', files: { 'README.md': 'x\n' } });
    h.emulator.installApp({ owner: 'grow', repos: ['first'] });
    await h.settle();
    h.emulator.createRepo({ owner: 'grow', name: 'second', files: { 'ROADMAP.md': checklist(2) } });
    h.emulator.installApp({ owner: 'grow', repos: ['second'] });
    expect(lastEvent('installation_repositories').payload).toMatchObject({ action: 'added' });
    await h.settle();
    expect(managedIssues(h.emulator, 'grow', 'second')).toHaveLength(2);
  });
});

describe('push', () => {
  it('converges a push to the default branch that touches the roadmap', async () => {
    await installRepo(h, 'push', 'app', { 'ROADMAP.md': checklist(2) });
    h.emulator.pushCommit({ owner: 'push', repo: 'app', branch: 'main', message: 'Plan more', files: { 'ROADMAP.md': checklist(3) } });
    await h.settle();
    expect(managedIssues(h.emulator, 'push', 'app')).toHaveLength(3);
  });

  it('costs no request for other branches, tags, unrelated files and the app’s own commits', async () => {
    await installRepo(h, 'quiet', 'app', { 'ROADMAP.md': checklist(2) });
    // The app's own checkbox commit: its push is forwarded like any other.
    const [issue] = managedIssues(h.emulator, 'quiet', 'app');
    h.emulator.closeIssue({ owner: 'quiet', repo: 'app', number: issue!.number });
    await h.settle();
    const own = lastEvent('push');
    expect(own.payload).toMatchObject({ ref: 'refs/heads/main', head_commit: { message: expect.stringMatching(/^roadmap: check /) } });
    const converges = h.app.stats.converges;

    await createBranch(h.emulator, 'quiet', 'app', 'feature');
    await h.settle();
    const start = h.emulator.log.total();
    h.emulator.pushCommit({ owner: 'quiet', repo: 'app', branch: 'feature', message: 'Draft', files: { 'ROADMAP.md': checklist(5) } });
    h.emulator.pushCommit({ owner: 'quiet', repo: 'app', branch: 'main', message: 'Docs', files: { 'README.md': 'hello\n' } });
    const branchPush = lastEvent('push');
    await h.deliver({ name: 'push', payload: { ...branchPush.payload, ref: 'refs/tags/v1.0.0', base_ref: 'refs/heads/main' } });
    await h.deliver(own);
    await h.settle();
    expect(requestsSince(h.emulator, start)).toEqual([]);
    expect(h.app.stats.converges).toBe(converges);
  });

  it('converges when the config changes, even if no roadmap file does', async () => {
    await installRepo(h, 'cfg', 'app', { 'ROADMAP.md': checklist(2), 'plans.txt': '- [ ] From the text file\n' });
    expect(managedIssues(h.emulator, 'cfg', 'app')).toHaveLength(2);
    h.emulator.pushCommit({ owner: 'cfg', repo: 'app', branch: 'main', message: 'Read the text file too', files: { [CONFIG_PATH]: 'files: ["ROADMAP.md", "plans.txt"]\n' } });
    await h.settle();
    expect(managedIssues(h.emulator, 'cfg', 'app').map((i) => i.title)).toContain('From the text file');
  });
});

describe('issue edits', () => {
  it('edited: the markdown stays the source of the title', async () => {
    await installRepo(h, 'edit', 'app', { 'ROADMAP.md': checklist(2) });
    const [issue] = managedIssues(h.emulator, 'edit', 'app').sort((a, b) => a.number - b.number);
    h.emulator.editIssue({ owner: 'edit', repo: 'app', number: issue!.number, title: 'Someone renamed this' });
    await h.settle();
    expect(h.emulator.getIssue('edit', 'app', issue!.number)?.title).toBe('Task number 1 of the plan');
  });

  it('deleted or transferred: the item gets a new issue', async () => {
    await installRepo(h, 'del', 'app', { 'ROADMAP.md': checklist(2) });
    const [first, second] = managedIssues(h.emulator, 'del', 'app').sort((a, b) => a.number - b.number);
    h.emulator.deleteIssue({ owner: 'del', repo: 'app', number: first!.number });
    await h.settle();
    // A transfer: the issue leaves the repository; GitHub sends issues.transferred.
    h.forwarding = false;
    h.emulator.deleteIssue({ owner: 'del', repo: 'app', number: second!.number });
    h.forwarding = true;
    const gone = lastEvent('issues');
    if (gone.name !== 'issues') throw new Error('expected an issues event');
    await h.deliver({ name: 'issues', payload: { ...gone.payload, action: 'transferred', changes: { new_issue: gone.payload.issue, new_repository: gone.payload.repository } } });
    await h.settle();
    const now = managedIssues(h.emulator, 'del', 'app');
    expect(now.map((i) => i.title).sort()).toEqual(['Task number 1 of the plan', 'Task number 2 of the plan']);
    expect(now.every((i) => i.number > second!.number)).toBe(true);
  });
});

describe('redelivery', () => {
  it('the same webhook delivered three times ends as delivered once', async () => {
    h.forwarding = false;
    h.emulator.createRepo({ owner: 'redo', name: 'app', files: { 'ROADMAP.md': checklist(4) } });
    h.emulator.installApp({ owner: 'redo', repos: ['app'] });
    h.forwarding = true;
    const install = lastEvent('installation');
    await Promise.all([h.deliver(install), h.deliver(install), h.deliver(install)]);
    await h.settle();
    expect(h.emulator.getIssues('redo', 'app')).toHaveLength(4);

    const [issue] = managedIssues(h.emulator, 'redo', 'app').sort((a, b) => a.number - b.number);
    h.forwarding = false;
    h.emulator.closeIssue({ owner: 'redo', repo: 'app', number: issue!.number });
    h.forwarding = true;
    const close = lastEvent('issues');
    await h.deliver(close);
    await h.settle();
    await Promise.all([h.deliver(close), h.deliver(close)]);
    await h.settle();
    expect(checkboxCommits(h.emulator, 'redo', 'app')).toHaveLength(1);
    expect(h.emulator.getIssues('redo', 'app')).toHaveLength(4);
    expect(h.emulator.readFile('redo', 'app', 'ROADMAP.md')).toBe(checklist(4).replace('- [ ] Task number 1', '- [x] Task number 1'));
  });
});

describe('invalid config', () => {
  it('a push with a bad config gets a failing check run naming the problem, and nothing else is written', async () => {
    await installRepo(h, 'bad', 'app', { 'ROADMAP.md': checklist(2) });
    const issuesBefore = JSON.stringify(h.emulator.getIssues('bad', 'app'));
    const start = h.emulator.log.total();
    const sha = h.emulator.pushCommit({
      owner: 'bad',
      repo: 'app',
      branch: 'main',
      message: 'Tune the sync',
      files: { [CONFIG_PATH]: 'notPlanned: maybe\nfiles: ["ROADMAP.md"]\n', 'ROADMAP.md': checklist(3) },
    });
    await h.settle();
    const runs = h.emulator.getCheckRuns('bad', 'app', sha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ name: 'roadmap-sync', status: 'completed', conclusion: 'failure' });
    expect(runs[0]?.output.title).toContain(CONFIG_PATH);
    expect(runs[0]?.output.summary).toContain('notPlanned');
    const writes = requestsSince(h.emulator, start).filter((r) => r.write);
    expect(writes.map((w) => w.route)).toEqual(['POST /repos/{owner}/{repo}/check-runs']);
    expect(JSON.stringify(h.emulator.getIssues('bad', 'app'))).toBe(issuesBefore);

    // Broken YAML is reported with its line.
    const sha2 = h.emulator.pushCommit({ owner: 'bad', repo: 'app', branch: 'main', message: 'Oops', files: { [CONFIG_PATH]: 'files: [ROADMAP.md\n' } });
    await h.settle();
    const [run2] = h.emulator.getCheckRuns('bad', 'app', sha2);
    expect(run2).toMatchObject({ conclusion: 'failure' });
    expect(run2?.output.summary).toMatch(/invalid YAML/);
  });
});

describe('emulator fidelity', () => {
  it('the app used only routes GitHub has, with valid bodies, and no background job failed', () => {
    expect(h.app.jobFailures).toBe(0);
    expect(h.emulator.specViolations).toEqual([]);
    expect(h.emulator.unimplemented).toEqual([]);
    expect(h.emulator.internalErrors).toEqual([]);
    // Every managed issue the app made carries a marker.
    for (const owner of ['push', 'edit', 'redo']) expect(managedIssues(h.emulator, owner, 'app').every((i) => readMarker(i.body) !== null)).toBe(true);
  });
});
