/**
 * Operating clustered mode: health and readiness endpoints, a webhook refused (so GitHub can
 * redeliver it) while Redis is away, a graceful SIGTERM that hands a long job to another instance
 * at once (not after a lease), and the periodic reconcile run once per cluster, not per instance.
 */
import { createEmulator, deliverEvent, type Emulator, type EmulatorEvent } from '@roadmap-sync/github-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checklist, managedIssues } from './helpers/app-fixtures.js';
import { appEnv, generatePrivateKey, PROCESS_SECRET, sleep, spawnApp, type AppProcess } from './helpers/reliability-process.js';
import { startRedisServer, type RedisServer } from './helpers/redis-server.js';

const APP_ID = 5150;
let redis: RedisServer;
let emulator: Emulator;
let privateKey: string;
const apps: AppProcess[] = [];
/** Where the emulator's events go (one instance at a time here). */
let target: AppProcess | null = null;

beforeAll(async () => {
  redis = await startRedisServer();
  privateKey = generatePrivateKey();
  emulator = await createEmulator({ appId: APP_ID, appSlug: 'roadmap-sync', privateKey });
  emulator.onEvent((event: EmulatorEvent) => {
    if (target) void deliverEvent(event, { url: target.webhookUrl, secret: PROCESS_SECRET, appId: APP_ID }).catch(() => undefined);
  });
}, 120_000);
afterAll(async () => {
  await Promise.all(apps.map((app) => app.kill('SIGKILL')));
  await emulator?.close();
  await redis?.stop();
});

async function start(env: Record<string, string>): Promise<AppProcess> {
  const app = await spawnApp({
    ...appEnv(emulator, privateKey, APP_ID),
    ROADMAP_SYNC_RECONCILE_MINUTES: '0',
    ...env,
  });
  apps.push(app);
  return app;
}

function base(app: AppProcess): string {
  return app.webhookUrl.replace('/api/github/webhooks', '');
}

async function getJson(url: string): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms; the instances logged:\n${apps.map((a, i) => `#${i}\n${a.lines.slice(-25).map((l) => l.slice(0, 400)).join('\n')}`).join('\n')}`);
    await sleep(50);
  }
}

describe('health and readiness', () => {
  it('embedded mode: /health and /ready answer 200 without Redis', async () => {
    const app = await start({});
    expect(await getJson(`${base(app)}/health`)).toEqual({ status: 200, body: { status: 'ok', mode: 'embedded' } });
    expect(await getJson(`${base(app)}/ready`)).toEqual({ status: 200, body: { status: 'ready', mode: 'embedded' } });
    await app.kill('SIGTERM');
  });

  it('clustered mode: /ready is 503 and a webhook is refused with 5xx while Redis is away; both recover', { timeout: 60_000 }, async () => {
    const own = await startRedisServer();
    const app = await start({ REDIS_URL: own.url, ROADMAP_SYNC_REDIS_PREFIX: 'ready-test' });
    try {
      expect(await getJson(`${base(app)}/ready`)).toEqual({ status: 200, body: { status: 'ready', mode: 'clustered' } });
      await own.stop();
      expect(await getJson(`${base(app)}/health`)).toEqual({ status: 200, body: { status: 'ok', mode: 'clustered' } });
      expect(await getJson(`${base(app)}/ready`)).toEqual({ status: 503, body: { status: 'not ready', mode: 'clustered', reason: 'Redis does not answer' } });

      emulator.createRepo({ owner: 'away', name: 'app', files: { 'ROADMAP.md': checklist(2) } });
      let refused = 0;
      const unsubscribe = emulator.onEvent((event) => {
        void deliverEvent(event, { url: app.webhookUrl, secret: PROCESS_SECRET, appId: APP_ID }).then((status) => {
          if (status >= 500) refused += 1;
        });
      });
      emulator.installApp({ owner: 'away', repos: ['app'] });
      await until(() => refused > 0, 20_000, 'the delivery refused');
      unsubscribe();
      // The child's log reaches this process after its answer did: wait for the line to arrive.
      await until(() => app.lines.some((l) => l.includes('could not queue the work of installation delivery')), 10_000, 'the log line of the refused delivery');

      // Redis is back (same address): the app reconnects by itself and takes deliveries again.
      const back = await startRedisServer({ port: own.port });
      try {
        await until(() => app.lines.some((l) => l.includes('is reachable again')), 20_000, 'the reconnection');
        expect(await getJson(`${base(app)}/ready`)).toEqual({ status: 200, body: { status: 'ready', mode: 'clustered' } });
        target = app;
        emulator.pushCommit({ owner: 'away', repo: 'app', branch: 'main', message: 'More', files: { 'ROADMAP.md': checklist(3) } });
        await until(() => managedIssues(emulator, 'away', 'app').length === 3, 30_000, 'the converge after the reconnection');
      } finally {
        target = null;
        await back.stop();
      }
    } finally {
      await app.kill('SIGKILL');
    }
  });
});

describe('graceful shutdown', () => {
  it('SIGTERM mid-converge: the instance exits 0 within its grace period and another instance finishes the job at once, without duplicates', { timeout: 120_000 }, async () => {
    const env = {
      REDIS_URL: redis.url,
      ROADMAP_SYNC_REDIS_PREFIX: 'sigterm-test',
      ROADMAP_SYNC_WRITE_INTERVAL_MS: '150',
      ROADMAP_SYNC_SHUTDOWN_GRACE_MS: '500',
      // The default lease: the takeover below is quicker than it, so it comes from the release, not an expiry.
      ROADMAP_SYNC_LOCK_LEASE_MS: '30000',
    };
    const first = await start(env);
    const second = await start(env);
    target = first;
    emulator.createRepo({ owner: 'term', name: 'app', files: { 'ROADMAP.md': checklist(30) } });
    emulator.installApp({ owner: 'term', repos: ['app'] });
    await until(() => managedIssues(emulator, 'term', 'app').length >= 5, 30_000, 'the first issues');
    await until(() => first.lines.some((l) => l.includes('converge term/app') && l.includes('started on this instance')), 10_000, 'the first instance running the converge');

    const stopping = Date.now();
    first.child.kill('SIGTERM');
    const { code } = await first.exited;
    const stoppedMs = Date.now() - stopping;
    expect(code).toBe(0);
    expect(stoppedMs).toBeLessThan(10_000);
    // 'exit' can come before the last of its output has been read.
    await until(() => first.lines.some((l) => l.includes('handing them back to the queue')), 10_000, 'the shutdown log line');
    const createdAtStop = managedIssues(emulator, 'term', 'app').length;
    expect(createdAtStop).toBeLessThan(30);

    target = second;
    await until(() => managedIssues(emulator, 'term', 'app').length >= 30, 60_000, 'the second instance finishing the install');
    const takeover = second.lines.find((l) => l.includes('converge term/app') && l.includes('started on this instance'));
    expect(takeover).toBeDefined();
    const takeoverMs = (JSON.parse(takeover ?? '{}') as { time: number }).time - stopping;
    expect(takeoverMs).toBeLessThan(15_000);
    await sleep(1_000);
    const issues = managedIssues(emulator, 'term', 'app');
    expect(issues).toHaveLength(30);
    expect(new Set(issues.map((i) => i.title)).size).toBe(30);
    console.info(`[figures] SIGTERM: exited 0 in ${stoppedMs} ms with ${createdAtStop}/30 issues made; the other instance took the job over ${takeoverMs} ms after the signal (lease 30 s)`);
    await second.kill('SIGKILL');
    target = null;
  });
});

describe('the periodic reconcile', () => {
  it('runs once per cluster per interval, not once per instance', { timeout: 60_000 }, async () => {
    const env = { REDIS_URL: redis.url, ROADMAP_SYNC_REDIS_PREFIX: 'reconcile-test', ROADMAP_SYNC_RECONCILE_MINUTES: '0.025' };
    const started = Date.now();
    const pair = [await start(env), await start(env)];
    await sleep(8_000);
    const elapsed = Date.now() - started;
    const passes = pair.map((app) => app.lines.filter((l) => l.includes('reconcile: converging')).length);
    const total = passes[0]! + passes[1]!;
    console.info(`[figures] reconcile every 1.5 s for ${(elapsed / 1000).toFixed(1)} s on two instances: ${total} passes (${passes.join(' + ')})`);
    expect(total).toBeGreaterThanOrEqual(2);
    expect(total).toBeLessThanOrEqual(Math.floor(elapsed / 1_500) + 1);
    await Promise.all(pair.map((app) => app.kill('SIGKILL')));
  });
});
