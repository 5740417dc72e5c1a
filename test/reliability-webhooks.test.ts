/**
 * Webhooks as they really arrive: out of order, repeated, for installations and repositories the
 * app does not serve, and — fuzzed — with random, missing or truncated fields, all correctly
 * signed. The real app behind Probot's middleware on loopback; the emulator over HTTP.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config/config.js';
import type { EmulatorEvent } from '@roadmap-sync/github-emulator';
import { parseRoadmapFile } from '../src/core/roadmap/parse.js';
import { startAppHarness, WEBHOOK_SECRET, type AppHarness } from './helpers/app-harness.js';
import { checkboxCommits, checklist, installRepo, managedIssues, requestsSince } from './helpers/app-fixtures.js';
import { sign } from '@octokit/webhooks-methods';

let h: AppHarness;
beforeAll(async () => {
  h = await startAppHarness();
});
afterAll(async () => {
  await h?.close();
});

function boxes(owner: string, repo = 'app'): string[] {
  return parseRoadmapFile('ROADMAP.md', h.emulator.readFile(owner, repo, 'ROADMAP.md') ?? '', DEFAULT_CONFIG).items.map((i) => i.checkbox);
}

/** Deterministic shuffle (the seed is in the test name's loop). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('out-of-order and redelivered webhooks', () => {
  it('whatever the delivery order and repetition, every box ends in its issue’s real state', async () => {
    const owner = 'order';
    await installRepo(h, owner, 'app', { 'ROADMAP.md': checklist(6) });
    const issues = managedIssues(h.emulator, owner, 'app').sort((a, b) => a.number - b.number);
    for (const seed of [1, 2, 3]) {
      // A person toggles issues; the events are held back, then delivered shuffled, some twice.
      h.forwarding = false;
      const held: EmulatorEvent[] = [];
      const off = h.emulator.onEvent((e) => held.push(e));
      for (let step = 0; step < 12; step += 1) {
        const issue = issues[(step * seed + step) % issues.length];
        const current = h.emulator.getIssue(owner, 'app', issue?.number ?? 0);
        if (current?.state === 'open') h.emulator.closeIssue({ owner, repo: 'app', number: current.number, actor: 'alice' });
        else h.emulator.reopenIssue({ owner, repo: 'app', number: current?.number ?? 0, actor: 'alice' });
      }
      off();
      h.forwarding = true;
      const deliveries = shuffled([...held, ...held.filter((_, i) => i % 3 === 0)], seed);
      await Promise.all(deliveries.map((e) => h.deliver({ name: e.name, id: e.id, payload: e.payload })));
      await h.settle();
      const real = issues.map((i) => (h.emulator.getIssue(owner, 'app', i.number)?.state === 'closed' ? 'checked' : 'unchecked'));
      expect(boxes(owner)).toEqual(real);
      // The app never reverted a person: states are what alice left.
    }
    expect(h.app.jobFailures).toBe(0);
  });

  it('a quick reopen after the checkbox commit survives a converge that runs meanwhile', async () => {
    const owner = 'quick';
    await installRepo(h, owner, 'app', { 'ROADMAP.md': checklist(3) });
    const [issue] = managedIssues(h.emulator, owner, 'app').sort((a, b) => a.number - b.number);
    h.emulator.closeIssue({ owner, repo: 'app', number: issue?.number ?? 0, actor: 'alice' });
    await h.settle();
    expect(boxes(owner)[0]).toBe('checked');
    // The reopen's webhook is late: a converge (a reconcile) runs first and sees the issue open.
    h.forwarding = false;
    h.emulator.reopenIssue({ owner, repo: 'app', number: issue?.number ?? 0, actor: 'alice' });
    const late = h.emulator.events.at(-1);
    h.forwarding = true;
    await h.app.reconcile();
    await h.settle();
    expect(h.emulator.getIssue(owner, 'app', issue?.number ?? 0)?.state).toBe('open');
    if (late) await h.deliver(late);
    await h.settle();
    expect(h.emulator.getIssue(owner, 'app', issue?.number ?? 0)?.state).toBe('open');
    expect(boxes(owner)[0]).toBe('unchecked');
  });
});

describe('events the app does not serve', () => {
  it('an unknown installation or a repository outside the installation costs no write and the app keeps serving', async () => {
    const owner = 'served';
    await installRepo(h, owner, 'app', { 'ROADMAP.md': checklist(2) });
    h.emulator.createRepo({ owner: 'stranger', name: 'other', files: { 'ROADMAP.md': checklist(2) } });
    const [issue] = managedIssues(h.emulator, owner, 'app');
    h.forwarding = false;
    h.emulator.closeIssue({ owner, repo: 'app', number: issue?.number ?? 0 });
    h.forwarding = true;
    const close = h.emulator.events.at(-1);
    if (close?.name !== 'issues') throw new Error('expected an issues event');
    const payload = close.payload;
    const failuresBefore = h.app.jobFailures;
    const start = h.emulator.log.total();
    const unknownInstallation = await h.deliver({ name: 'issues', payload: { ...payload, installation: { id: 987_654, node_id: 'x' } } });
    const otherRepo = await h.deliver({
      name: 'issues',
      payload: { ...payload, repository: { ...payload.repository, name: 'other', full_name: 'stranger/other', owner: { ...payload.repository.owner, login: 'stranger' } } },
    });
    const noInstallation = await h.deliver({ name: 'push', payload: { ...payload, installation: undefined } });
    await h.settle();
    for (const d of [unknownInstallation, otherRepo, noInstallation]) expect(d.status).toBe(200);
    // Minting a token for the unknown installation is refused (404); nothing else is attempted.
    const writes = requestsSince(h.emulator, start).filter((r) => r.write && !r.route.endsWith('/access_tokens'));
    expect(writes.map((r) => `${r.route} ${r.path} ${r.status}`)).toEqual([]);
    expect(h.emulator.readFile('stranger', 'other', 'ROADMAP.md')).toBe(checklist(2));
    // The unknown installation's job is dropped with a warning, not counted as a failure; nothing
    // crashed; the genuine delivery works.
    expect(h.app.jobFailures - failuresBefore).toBe(0);
    await h.deliver(close);
    await h.settle();
    expect(checkboxCommits(h.emulator, owner, 'app')).toHaveLength(1);
  });
});

/** Every path to a value in a JSON tree, up to a depth. */
function pathsOf(value: unknown, depth = 6, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (depth === 0 || value === null || typeof value !== 'object') return [];
  const out: Array<Array<string | number>> = [];
  const entries: Array<[string | number, unknown]> = Object.entries(value);
  for (const [key, child] of entries) {
    out.push([...prefix, key]);
    out.push(...pathsOf(child, depth - 1, [...prefix, key]));
  }
  return out;
}

type Mutation = { at: number; kind: 'delete' | 'set' | 'truncate'; value: unknown };

function mutate(payload: unknown, mutations: readonly Mutation[]): unknown {
  const copy: unknown = structuredClone(payload);
  for (const m of mutations) {
    const paths = pathsOf(copy);
    if (paths.length === 0) break;
    const path = paths[m.at % paths.length] ?? [];
    let parent: unknown = copy;
    for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
    const last = path.at(-1);
    if (last === undefined || parent === null || typeof parent !== 'object') continue;
    const record = parent as Record<string | number, unknown>;
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete record[last];
    }
    else if (m.kind === 'set') record[last] = m.value;
    else if (typeof record[last] === 'string') record[last] = (record[last] as string).slice(0, Math.floor((record[last] as string).length / 2));
  }
  return copy;
}

describe('fuzzed deliveries', () => {
  it('random, missing or truncated fields on correctly signed deliveries never take the server down', { timeout: 60_000 }, async () => {
    const owner = 'fuzz';
    await installRepo(h, owner, 'app', { 'ROADMAP.md': checklist(4) });
    const [issue] = managedIssues(h.emulator, owner, 'app');
    // Real payloads of every event the app subscribes to, captured without delivering them.
    h.forwarding = false;
    const mark = h.emulator.events.length;
    h.emulator.closeIssue({ owner, repo: 'app', number: issue?.number ?? 0 });
    h.emulator.reopenIssue({ owner, repo: 'app', number: issue?.number ?? 0 });
    h.emulator.editIssue({ owner, repo: 'app', number: issue?.number ?? 0, title: 'Edited' });
    h.emulator.pushCommit({ owner, repo: 'app', branch: 'main', message: 'More', files: { 'ROADMAP.md': checklist(5) } });
    h.emulator.pushCommit({ owner, repo: 'app', branch: 'idea', message: 'Idea', files: { 'ROADMAP.md': checklist(6) } });
    h.emulator.createPullRequest({ owner, repo: 'app', head: 'idea', base: 'main', title: 'Idea' });
    h.emulator.createRepo({ owner, name: 'second', files: { 'ROADMAP.md': checklist(1) } });
    h.emulator.installApp({ owner, repos: ['second'] });
    h.emulator.createRepo({ owner: 'fuzz-org', name: 'x', files: {} });
    h.emulator.installApp({ owner: 'fuzz-org', repos: ['x'] });
    const samples = h.emulator.events.slice(mark).filter((e) => e.name !== 'label' && e.name !== 'milestone');
    h.forwarding = true;
    expect(new Set(samples.map((e) => e.name))).toEqual(new Set(['issues', 'push', 'pull_request', 'installation_repositories', 'installation']));

    const statuses = new Map<number, number>();
    const mutation = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom<Mutation['kind']>('delete', 'set', 'truncate'),
      value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined), fc.string({ maxLength: 300 }), fc.integer(), fc.constant({})),
    });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: samples.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.option(fc.nat(), { nil: null }), async (which, mutations, cut) => {
        const sample = samples[which] as EmulatorEvent;
        const payload = mutate(sample.payload, mutations);
        let body = JSON.stringify(payload) ?? 'null';
        if (cut !== null && cut % 4 === 0) body = body.slice(0, 1 + (cut % Math.max(1, body.length - 1)));
        const response = await h.post(body, {
          'content-type': 'application/json',
          'x-github-event': sample.name,
          'x-github-delivery': `fuzz-${which}-${cut ?? 'x'}`,
          'x-hub-signature-256': await sign(WEBHOOK_SECRET, body),
        });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        // Probot authenticates the event before any handler runs; an `installation` object without
        // an `id` (GitHub never sends one) fails there with a 500. Nothing of ours may.
        if (response.status >= 500) expect(response.body, sample.name).toContain('installationId option is required');
      }),
      { numRuns: 400, seed: 5150 },
    );
    await h.settle();

    // Still serving: the next genuine delivery is acted on.
    const before = checkboxCommits(h.emulator, owner, 'app').length;
    const fresh = managedIssues(h.emulator, owner, 'app').find((i) => i.state === 'open');
    h.emulator.closeIssue({ owner, repo: 'app', number: fresh?.number ?? 0, actor: 'alice' });
    await h.settle();
    expect(checkboxCommits(h.emulator, owner, 'app').length).toBe(before + 1);
    console.info(`[figures] 400 fuzzed signed deliveries (seed 5150): statuses ${JSON.stringify(Object.fromEntries(statuses))}; background jobs failed and logged: ${h.app.jobFailures}; next genuine delivery acted on`);
  });
});
