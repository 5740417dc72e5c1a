/**
 * The real app on a loopback port, wired to the GitHub emulator over HTTP: Probot's node
 * middleware in a node:http server, a real RSA key (the emulator verifies the app's JWTs with
 * its public half), and webhooks signed with the secret and POSTed like GitHub does. Events the
 * emulator emits (pushes, issue changes, pull requests — the app's own included) are forwarded
 * to the app as deliveries, so a test plays out the whole loop.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign } from '@octokit/webhooks-methods';
import { createNodeMiddleware, Probot } from 'probot';
import { createRoadmapSyncApp, type RoadmapSyncApp } from '../../src/app/roadmap-sync-app.js';
import type { AppTiming } from '../../src/app/app-runtime.js';
import { createAppOctokit, createDeferredLogger } from '../../src/app/create-app-octokit.js';
import { createEmulator, type Emulator, type EmulatorEvent } from '@roadmap-sync/github-emulator';
import type { Logger } from '../../src/shell/client.js';
import { EtagCache } from '../../src/shell/etag-cache.js';
import type { PacingOptions } from '../../src/shell/write-queue.js';

export const WEBHOOK_SECRET = 'test-webhook-secret';
export const WEBHOOK_PATH = '/api/github/webhooks';

export interface Delivery {
  name: string;
  id: string;
  status: number;
  body: string;
  /** Milliseconds from sending the request to the response's end. */
  ms: number;
  /** Whether background work was pending or running when the response arrived. */
  busyAtAck: boolean;
}

export interface HarnessOptions {
  /** Forward every emulator event to the app (default true). */
  forward?: boolean;
  timing?: Partial<AppTiming>;
  appId?: number;
  /** Write pacing (default: so generous it never waits). */
  pacing?: PacingOptions;
  /** Receives the Octokit-level log lines (rate-limit waits); Probot's own log is not captured. */
  octokitLog?: Logger;
  /** Seconds → ms for retry-after and the 5xx backoff (default 1000, as on GitHub). */
  retryAfterBaseValue?: number;
  /** Each request attempt is abandoned after this long (default 30 s). */
  requestTimeoutMs?: number;
}

export interface AppHarness {
  emulator: Emulator;
  app: RoadmapSyncApp;
  /** The webhook endpoint. */
  webhookUrl: string;
  deliveries: Delivery[];
  /** Signs and POSTs an event; resolves with the response. */
  deliver(event: { name: string; id?: string; payload: unknown }): Promise<Delivery>;
  /** POSTs raw bytes with the given headers (for bad signatures and malformed bodies). */
  post(body: string, headers: Record<string, string>): Promise<{ status: number; body: string }>;
  /** Stops or resumes forwarding emulator events. */
  forwarding: boolean;
  /** Waits until every forwarded delivery is answered and the app has no background work, repeatedly. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startAppHarness(options: HarnessOptions = {}): Promise<AppHarness> {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const appId = options.appId ?? 4242;
  const emulator = await createEmulator({ appId, appSlug: 'roadmap-sync', privateKey });

  const octokitLog = createDeferredLogger();
  const probot = new Probot({
    appId,
    privateKey,
    secret: WEBHOOK_SECRET,
    baseUrl: emulator.apiUrl,
    Octokit: createAppOctokit(options.octokitLog ?? octokitLog, { waits: [] }, new EtagCache(), {
      ...(options.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: options.retryAfterBaseValue } : {}),
      ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    }),
    // Rejected signatures are logged as errors by Probot; LOG_LEVEL=info shows the app's lines.
    logLevel: (process.env.LOG_LEVEL as 'info' | 'warn' | 'error' | 'debug' | 'fatal' | undefined) ?? 'fatal',
  });
  const app = createRoadmapSyncApp({
    env: {},
    pacing: options.pacing ?? { perMinute: 1_000_000, perHour: 10_000_000 },
    timing: { checkboxDebounceMs: 250, checkboxMaxDelayMs: 2_000, markerDelayMs: 0, ...options.timing },
  });
  const middleware = await createNodeMiddleware(
    (p, o) => {
      octokitLog.target = p.log;
      return app.appFn(p, o);
    },
    { probot },
  );
  const server: Server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404).end();
    });
  });
  // Idle connections are closed by the client only: a server that closes an idle one itself races
  // a delivery sent on it once a long synchronous parse has held the event loop (ECONNRESET).
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}`;

  const deliveries: Delivery[] = [];
  const inflight = new Set<Promise<unknown>>();

  const post = async (body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> => {
    const response = await fetch(webhookUrl, { method: 'POST', headers, body });
    return { status: response.status, body: await response.text() };
  };

  const deliver = async (event: { name: string; id?: string; payload: unknown }): Promise<Delivery> => {
    const body = JSON.stringify(event.payload);
    const id = event.id ?? randomUUID();
    const started = performance.now();
    const response = await post(body, {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/emulator',
      'x-github-event': event.name,
      'x-github-delivery': id,
      'x-github-hook-id': '1',
      'x-hub-signature-256': await sign(WEBHOOK_SECRET, body),
    });
    const delivery: Delivery = { name: event.name, id, status: response.status, body: response.body, ms: performance.now() - started, busyAtAck: app.busy };
    deliveries.push(delivery);
    return delivery;
  };

  const harness: AppHarness = {
    emulator,
    app,
    webhookUrl,
    deliveries,
    deliver,
    post,
    forwarding: options.forward ?? true,
    async settle() {
      for (let round = 0; round < 100; round += 1) {
        await Promise.all([...inflight]);
        await app.onIdle();
        if (inflight.size === 0 && !app.busy) return;
      }
      throw new Error('the app did not settle');
    },
    async close() {
      unsubscribe();
      app.stop();
      await Promise.all([...inflight]);
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await emulator.close();
    },
  };

  const unsubscribe = emulator.onEvent((event: EmulatorEvent) => {
    if (!harness.forwarding) return;
    const promise = deliver({ name: event.name, id: event.id, payload: event.payload }).finally(() => inflight.delete(promise));
    inflight.add(promise);
  });
  return harness;
}
