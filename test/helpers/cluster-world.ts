/**
 * N app processes in clustered mode (`src/app/main.ts` with REDIS_URL) sharing one real
 * redis-server and one emulator in the test process. Each event goes to the instances round
 * robin and is then redelivered (same delivery id) to the next one, as a load balancer and
 * GitHub's "Redeliver" would (unless `redeliver: false`); an instance that is down loses its copy.
 */
import { createEmulator, deliverEvent, type Emulator, type EmulatorEvent } from '@roadmap-sync/github-emulator';
import { appEnv, generatePrivateKey, PROCESS_SECRET, spawnApp, waitQuiet, type AppProcess } from './reliability-process.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

export interface ClusterWorld {
  emulator: Emulator;
  redis: RedisServer;
  /** Index → the running process, or null while it is down. */
  apps: Array<AppProcess | null>;
  deliveries: { sent: number; lost: number; failed: number };
  start(index: number): Promise<AppProcess>;
  kill(index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Every line each instance logged, the dead ones' included. */
  lines(index: number): string[];
  waitFor(done: () => boolean, options?: { quietMs?: number; timeoutMs?: number; what?: string }): Promise<void>;
  close(): Promise<void>;
}

export interface ClusterWorldOptions {
  /** Also deliver each event to the next instance (default true); a benchmark counting converges turns it off. */
  redeliver?: boolean;
  /** Round robin over the instances that are up, as a load balancer's health check would (default false: a down instance loses its turn's copy). */
  skipDown?: boolean;
}

export async function startClusterWorld(size: number, env: Record<string, string> = {}, options: ClusterWorldOptions = {}): Promise<ClusterWorld> {
  const redis = await startRedisServer();
  const privateKey = generatePrivateKey();
  const appId = 5150;
  const emulator = await createEmulator({ appId, appSlug: 'roadmap-sync', privateKey });
  const inflight = new Set<Promise<void>>();
  const logs: string[][] = Array.from({ length: size }, () => []);
  let next = 0;

  const world: ClusterWorld = {
    emulator,
    redis,
    apps: Array.from({ length: size }, () => null),
    deliveries: { sent: 0, lost: 0, failed: 0 },
    async start(index) {
      const app = await spawnApp({
        ...appEnv(emulator, privateKey, appId),
        REDIS_URL: redis.url,
        ROADMAP_SYNC_RECONCILE_MINUTES: '0',
        ...env,
      });
      // spawnApp's `lines` is per process; one log per instance is kept across restarts.
      const own = logs[index] as string[];
      const tail = setInterval(() => {
        own.push(...app.lines.splice(0));
      }, 100);
      void app.exited.then(() => {
        clearInterval(tail);
        own.push(...app.lines.splice(0));
        if (world.apps[index] === app) world.apps[index] = null;
      });
      world.apps[index] = app;
      return app;
    },
    async kill(index, signal = 'SIGKILL') {
      await world.apps[index]?.kill(signal);
      world.apps[index] = null;
    },
    lines(index) {
      return [...(logs[index] ?? []), ...(world.apps[index]?.lines ?? [])];
    },
    waitFor(done, options = {}) {
      return waitQuiet(emulator, () => inflight.size, done, { quietMs: 1_500, timeoutMs: 120_000, pollMs: 100, what: 'the cluster', ...options });
    },
    async close() {
      unsubscribe();
      await Promise.all(world.apps.map((app) => app?.kill('SIGKILL')));
      await Promise.all([...inflight]);
      await emulator.close();
      await redis.stop();
    },
  };

  const deliver = (event: EmulatorEvent, index: number): void => {
    const app = world.apps[index];
    world.deliveries.sent += 1;
    if (!app) {
      world.deliveries.lost += 1;
      return;
    }
    const promise = deliverEvent(event, { url: app.webhookUrl, secret: PROCESS_SECRET, appId })
      .then((status) => {
        if (status < 200 || status > 299) world.deliveries.failed += 1;
      })
      .catch(() => {
        world.deliveries.lost += 1;
      })
      .finally(() => inflight.delete(promise));
    inflight.add(promise);
  };
  const nextIndex = (): number => {
    for (let tries = 0; tries < size; tries += 1) {
      const index = next % size;
      next += 1;
      if (!options.skipDown || world.apps[index]) return index;
    }
    return next % size;
  };
  const unsubscribe = emulator.onEvent((event: EmulatorEvent) => {
    const first = nextIndex();
    deliver(event, first);
    if (options.redeliver ?? true) deliver(event, (first + 1) % size);
  });
  return world;
}
