/**
 * The real app on a loopback port, the way it runs in production minus Probot's runner: Probot's
 * node middleware in a node:http server, authenticating as a GitHub App (JWT from the private
 * key, then installation tokens) against `baseUrl`, which can be the emulator's `apiUrl`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, Probot } from 'probot';
import { createRoadmapSyncApp, type RoadmapSyncApp } from '../app/roadmap-sync-app.js';
import type { AppTiming } from '../app/app-runtime.js';
import { createAppOctokit, createDeferredLogger } from '../app/create-app-octokit.js';
import type { PacingOptions } from '../shell/write-queue.js';

export const WEBHOOK_PATH = '/api/github/webhooks';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface AppServerOptions {
  /** The REST API base URL: an emulator's `apiUrl`, or https://HOST/api/v3 for GitHub Enterprise. */
  baseUrl: string;
  appId: number;
  /** The app's private key (PEM). */
  privateKey: string;
  /** The webhook secret deliveries are signed with. */
  secret: string;
  /** Write pacing; GitHub's limits (or ROADMAP_SYNC_WRITES_*) when omitted. */
  pacing?: PacingOptions;
  timing?: Partial<AppTiming>;
  /** Read for ROADMAP_SYNC_* settings (default: none). */
  env?: NodeJS.ProcessEnv;
  /** Probot's log level (default 'fatal': silent). */
  logLevel?: LogLevel;
  /** Default 0: a free port. */
  port?: number;
}

export interface AppServer {
  app: RoadmapSyncApp;
  probot: Probot;
  /** Where to POST deliveries: http://127.0.0.1:PORT/api/github/webhooks */
  webhookUrl: string;
  /** Changes the log level of the app's logger from now on. */
  setLogLevel(level: LogLevel): void;
  /** Drops pending background work, stops listening and closes open connections. */
  close(): Promise<void>;
}

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const octokitLog = createDeferredLogger();
  const probot = new Probot({
    appId: options.appId,
    privateKey: options.privateKey,
    secret: options.secret,
    baseUrl: options.baseUrl,
    Octokit: createAppOctokit(octokitLog),
    logLevel: options.logLevel ?? 'fatal',
  });
  const app = createRoadmapSyncApp({
    env: options.env ?? {},
    // The sandbox is one process with everything in memory, REDIS_URL or not.
    cluster: null,
    ...(options.pacing ? { pacing: options.pacing } : {}),
    ...(options.timing ? { timing: options.timing } : {}),
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    app,
    probot,
    webhookUrl: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
    setLogLevel(level) {
      probot.log.level = level;
    },
    async close() {
      app.stop();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
