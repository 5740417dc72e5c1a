/**
 * The real app as a separate process — `node --import tsx src/app/main.ts`, Probot's own runner and
 * environment — talking to an emulator that lives in the test process (GHE_HOST points at it).
 * The emulator POSTs its events to the child as signed deliveries, so the child can be SIGKILLed
 * and started again mid-work: deliveries sent while it is down are lost, as on GitHub.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEmulator, deliverEvent, type Emulator, type EmulatorEvent } from '@roadmap-sync/github-emulator';
import { freePort } from './free-port.js';

export const PROCESS_SECRET = 'reliability-webhook-secret';
const MAIN = join(import.meta.dirname, '..', '..', 'src', 'app', 'main.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface AppProcess {
  readonly child: ChildProcess;
  readonly webhookUrl: string;
  /** stdout and stderr lines so far. */
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ProcessWorld {
  emulator: Emulator;
  privateKey: string;
  appId: number;
  /** Deliveries the emulator could not make (the app was down), and those answered non-2xx. */
  lost: number;
  failed: number;
  app: AppProcess | null;
  start(env?: Record<string, string>): Promise<AppProcess>;
  /** Waits until `done()` holds and the emulator saw no request for `quietMs`. */
  waitQuiet(done: () => boolean, options?: { quietMs?: number; timeoutMs?: number }): Promise<void>;
  close(): Promise<void>;
}

/**
 * Spawns src/app/main.ts with a clean environment (no inherited .env: its cwd is a temp dir, empty
 * but for `files`, like app.yml for Probot's setup page).
 */
export async function spawnApp(
  env: Record<string, string>,
  options: { waitReady?: boolean; files?: Record<string, string> } = {},
): Promise<AppProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const cwd = mkdtempSync(join(tmpdir(), 'roadmap-sync-app-'));
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(cwd, name), text);
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, signal });
    });
  });
  const webhookUrl = `http://127.0.0.1:${port}/api/github/webhooks`;
  const app: AppProcess = {
    child,
    webhookUrl,
    lines,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  if (options.waitReady ?? true) await waitReady(app, port);
  return app;
}

async function waitReady(app: AppProcess, port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  let exited = false;
  void app.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the app exited before listening:\n${app.lines.join('\n')}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ping`);
      await response.arrayBuffer();
      return;
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`the app did not listen within 30 s:\n${app.lines.join('\n')}`);
}

/**
 * Waits until `done()` holds, no delivery is in flight and the emulator saw no request for
 * `quietMs`: the app (or the cluster) has nothing left to do.
 */
export async function waitQuiet(
  emulator: Emulator,
  deliveriesInFlight: () => number,
  done: () => boolean,
  options: { quietMs: number; timeoutMs: number; pollMs: number; what?: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = emulator.log.total();
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(options.pollMs);
    const total = emulator.log.total();
    if (total !== last) {
      last = total;
      since = Date.now();
    } else if (deliveriesInFlight() === 0 && Date.now() - since >= options.quietMs && done()) return;
  }
  throw new Error(`${options.what ?? 'the app'} did not settle within ${options.timeoutMs} ms`);
}

/** What src/app/main.ts needs to run against the emulator: the app's identity, its secret, JSON logs. */
export function appEnv(emulator: Emulator, privateKey: string, appId: number): Record<string, string> {
  return {
    APP_ID: String(appId),
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: PROCESS_SECRET,
    GHE_HOST: emulator.host,
    GHE_PROTOCOL: 'http',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function generatePrivateKey(): string {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
}

export async function startProcessWorld(baseEnv: Record<string, string> = {}): Promise<ProcessWorld> {
  const privateKey = generatePrivateKey();
  const appId = 5150;
  const emulator = await createEmulator({ appId, appSlug: 'roadmap-sync', privateKey });
  const inflight = new Set<Promise<void>>();

  const world: ProcessWorld = {
    emulator,
    privateKey,
    appId,
    lost: 0,
    failed: 0,
    app: null,
    async start(env = {}) {
      world.app = await spawnApp({
        ...appEnv(emulator, privateKey, appId),
        ROADMAP_SYNC_WRITES_PER_MINUTE: '1000000',
        ROADMAP_SYNC_WRITES_PER_HOUR: '100000000',
        ROADMAP_SYNC_WRITE_INTERVAL_MS: '0',
        ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS: '100',
        ROADMAP_SYNC_RECONCILE_MINUTES: '0',
        ...baseEnv,
        ...env,
      });
      return world.app;
    },
    waitQuiet(done, options = {}) {
      return waitQuiet(emulator, () => inflight.size, done, { quietMs: 1_000, timeoutMs: 60_000, pollMs: 50, ...options });
    },
    async close() {
      unsubscribe();
      await world.app?.kill();
      await Promise.all([...inflight]);
      await emulator.close();
    },
  };

  const unsubscribe = emulator.onEvent((event: EmulatorEvent) => {
    const app = world.app;
    if (!app) {
      world.lost += 1;
      return;
    }
    const promise = deliverEvent(event, { url: app.webhookUrl, secret: PROCESS_SECRET, appId })
      .then((status) => {
        if (status < 200 || status > 299) world.failed += 1;
      })
      .catch(() => {
        world.lost += 1;
      })
      .finally(() => inflight.delete(promise));
    inflight.add(promise);
  });
  return world;
}
