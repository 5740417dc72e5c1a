/**
 * 1,000 ignored webhooks a second (signed `issues.labeled` and pushes to another branch) for a few
 * seconds against the real app in a child process (src/app/main.ts), while it runs the first sync of
 * a 500-item roadmap. Prints acknowledgement latency (p50, p99, max), the app's peak RSS, and the
 * sync's duration with and without the flood. Minutes, not CI: `npx tsx bench/reliability-flood.ts`.
 */
import { readFileSync } from 'node:fs';
import { sign } from '@octokit/webhooks-methods';
import type { EmulatorEvent } from '@roadmap-sync/github-emulator';
import { checklist } from '../test/helpers/app-fixtures.js';
import { PROCESS_SECRET, sleep, startProcessWorld, type ProcessWorld } from '../test/helpers/reliability-process.js';

const RATE = Number(process.env.FLOOD_RATE ?? 1000);
const SECONDS = Number(process.env.FLOOD_SECONDS ?? 5);
const ITEMS = 500;

function peakRssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return Number.NaN;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Run {
  syncMs: number;
  acks: number[];
  failed: number;
  rssMb: number;
  sentPerSecond: number;
}

async function sync(w: ProcessWorld, owner: string, flood: boolean): Promise<Run> {
  w.emulator.createRepo({ owner, name: 'app', files: { 'ROADMAP.md': checklist(ITEMS) } });
  // Payloads to replay, captured from the emulator.
  w.emulator.createRepo({ owner, name: 'probe', files: { 'README.md': 'x\n' } });
  const issue = w.emulator.createIssue({ owner, repo: 'probe', title: 'probe' });
  w.emulator.pushCommit({ owner, repo: 'probe', branch: 'feature', message: 'wip', files: { 'notes.md': 'x\n' } });
  const events = [...w.emulator.events];
  const issueEvent = events.reverse().find((e): e is Extract<EmulatorEvent, { name: 'issues' }> => e.name === 'issues' && e.payload.issue.number === issue.number);
  const pushEvent = events.find((e): e is Extract<EmulatorEvent, { name: 'push' }> => e.name === 'push');
  if (!issueEvent || !pushEvent) throw new Error('no payloads');
  const bodies = [
    { name: 'issues', body: JSON.stringify({ ...issueEvent.payload, action: 'labeled', label: { id: 1, node_id: 'L', url: '', name: 'bug', color: 'd73a4a', default: true, description: null } }) },
    { name: 'push', body: JSON.stringify(pushEvent.payload) },
  ];
  const signatures = await Promise.all(bodies.map((b) => sign(PROCESS_SECRET, b.body)));

  const started = performance.now();
  w.emulator.installApp({ owner, repos: ['app', 'probe'] });
  const acks: number[] = [];
  let failed = 0;
  let sentMs = 0;
  if (flood) {
    const sends: Array<Promise<void>> = [];
    const total = RATE * SECONDS;
    const floodStart = performance.now();
    for (let i = 0; i < total; i += 1) {
      const which = i % 2;
      const sent = performance.now();
      sends.push(
        fetch(w.app?.webhookUrl ?? '', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-github-event': bodies[which]?.name ?? '',
            'x-github-delivery': `flood-${i}`,
            'x-hub-signature-256': signatures[which] ?? '',
          },
          body: bodies[which]?.body ?? '',
        })
          .then(async (r) => {
            await r.arrayBuffer();
            if (r.status !== 200) failed += 1;
            acks.push(performance.now() - sent);
          })
          .catch(() => {
            failed += 1;
          }),
      );
      if (i % 20 === 19) await sleep(Math.max(0, floodStart + ((i + 1) * 1000) / RATE - performance.now()));
    }
    sentMs = performance.now() - floodStart;
    await Promise.all(sends);
  }
  await w.waitQuiet(() => w.emulator.getIssues(owner, 'app').length === ITEMS, { quietMs: 1_000, timeoutMs: 600_000 });
  const syncMs = performance.now() - started - 1_000;
  return { syncMs, acks: acks.sort((a, b) => a - b), failed, rssMb: peakRssMb(w.app?.child.pid), sentPerSecond: sentMs > 0 ? (RATE * SECONDS * 1000) / sentMs : 0 };
}

const quiet = await startProcessWorld();
await quiet.start();
const base = await sync(quiet, 'calm', false);
await quiet.close();

const busy = await startProcessWorld();
await busy.start();
const flooded = await sync(busy, 'flood', true);
await busy.close();

console.log(`roadmap-sync: ${RATE * SECONDS} ignored webhooks at ${RATE}/s for ${SECONDS} s during the first sync of ${ITEMS} items (Node ${process.version})`);
console.log(`  sent at ${flooded.sentPerSecond.toFixed(0)}/s (latencies are measured in the sender, which also hosts the emulator)`);
console.log(`  acks: p50 ${percentile(flooded.acks, 50).toFixed(1)} ms, p99 ${percentile(flooded.acks, 99).toFixed(1)} ms, max ${flooded.acks.at(-1)?.toFixed(1)} ms; non-200 or failed: ${flooded.failed}`);
console.log(`  app peak RSS: ${flooded.rssMb.toFixed(0)} MB with the flood, ${base.rssMb.toFixed(0)} MB without`);
console.log(`  sync: ${(flooded.syncMs / 1000).toFixed(1)} s with the flood, ${(base.syncMs / 1000).toFixed(1)} s without`);
