/**
 * `npm start`: the app under Probot's own runner and Probot's standard environment (APP_ID,
 * PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, HOST, PORT, LOG_LEVEL, GHE_HOST/GHE_PROTOCOL,
 * WEBHOOK_PROXY_URL, …; see .env.example). Without APP_ID, Probot's setup flow registers the app
 * from app.yml.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { run, type Probot } from 'probot';
import { APP_ENV_NAMES, EnvError, parseEnv } from '../core/config/env.js';
import { createRoadmapSyncApp } from './roadmap-sync-app.js';
import { createAppOctokit, createDeferredLogger } from './create-app-octokit.js';
import { describeStartupFailure } from './describe-startup-failure.js';
import { checkSetupManifest } from './setup-manifest.js';
import type { Logger } from '../shell/client.js';

// Probot reads .env inside run(); read it here too, so the checks below see the same settings.
try {
  process.loadEnvFile('.env');
} catch {
  // no .env: the environment alone
}

const env = parseEnvOrExit();
if (env.APP_ID !== undefined && env.WEBHOOK_SECRET === undefined && env.NODE_ENV !== 'development') {
  console.error(
    'roadmap-sync: WEBHOOK_SECRET is not set. Without it Probot would accept webhooks signed with the public default secret "development".\n' +
      'Set WEBHOOK_SECRET to the secret of your GitHub App (Settings → Webhook secret), or NODE_ENV=development for local experiments.',
  );
  process.exit(1);
}

// Without APP_ID, Probot serves its setup page instead of the app.
const setupMode = env.APP_ID === undefined;
if (setupMode) {
  const problem = checkSetupManifest(process.cwd(), env.WEBHOOK_PROXY_URL);
  if (problem !== null) {
    console.error(`roadmap-sync: ${problem}`);
    process.exit(1);
  }
}

const octokitLog = createDeferredLogger();
const roadmapSync = createRoadmapSyncApp({ env: { ...process.env } });
// REDIS_URL is ours (clustered mode). Probot would also take it for its throttling plugin, which
// this app turns off, and would fetch ioredis with npx at run time to do so: it never sees it.
delete process.env.REDIS_URL;
let shuttingDown = false;
// Probot's logger once the app is loaded; stderr before.
let log: Pick<Logger, 'info' | 'error'> = { info: (obj, msg) => console.error(msg ?? obj), error: (obj, msg) => console.error(msg ?? obj) };
let server: Awaited<ReturnType<typeof run>>;
try {
  server = await run(
    async (app, options) => {
      octokitLog.target = app.log.child({ name: 'github' });
      log = app.log.child({ name: 'roadmap-sync' });
      options.addHandler(await createRootWebhookRoute(app));
      options.addHandler(healthRoutes);
      return roadmapSync.appFn(app, options);
    },
    { Octokit: createAppOctokit(octokitLog) },
  );
} catch (error) {
  console.error(`roadmap-sync: ${describeStartupFailure(error, env)}`);
  process.exit(1);
}

// Graceful shutdown (a rolling deploy, `docker stop`): no new deliveries, no new jobs; running jobs
// finish (clustered: or go back to the queue after the grace period); locks released; then exit.
process.once('SIGTERM', () => {
  shuttingDown = true;
  const graceMs = env.ROADMAP_SYNC_SHUTDOWN_GRACE_MS ?? 10_000;
  log.info({ graceMs }, `roadmap-sync: SIGTERM: stopping (running jobs get up to ${graceMs} ms)`);
  void (async () => {
    try {
      await server.stop();
      await roadmapSync.close(graceMs);
      log.info('roadmap-sync: stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'roadmap-sync: error while stopping');
      process.exit(1);
    }
  })();
});
// Probot's setup creates a smee.io channel (and writes it to .env) unless told not to; without one
// the manifest's webhook URL is the address the page is opened at.
if (setupMode && !process.env.WEBHOOK_PROXY_URL) {
  console.warn(
    'roadmap-sync: no WEBHOOK_PROXY_URL: the app registered from the setup page gets the address you open the page at as its webhook URL, ' +
      'which GitHub reaches only when it is public; for development set WEBHOOK_PROXY_URL to a channel from https://smee.io/new',
  );
}

/** Every variable the app and Probot's runner read, checked before either uses one. */
function parseEnvOrExit() {
  try {
    return parseEnv(process.env, APP_ENV_NAMES);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`roadmap-sync: ${error.message}`);
    process.exit(1);
  }
}

/**
 * GET /health: the process answers (liveness). GET /ready: it can take work — in clustered mode,
 * Redis answers — and is not shutting down (readiness: a load balancer sends deliveries elsewhere).
 */
async function healthRoutes(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const path = (req.url ?? '').split('?')[0];
  if (req.method !== 'GET' || (path !== '/health' && path !== '/ready')) return false;
  const mode = roadmapSync.mode;
  let status = 200;
  let body: Record<string, string> = { status: 'ok', mode };
  if (path === '/ready') {
    const ready = !shuttingDown && (await roadmapSync.ready());
    status = ready ? 200 : 503;
    body = { status: ready ? 'ready' : 'not ready', mode, ...(ready ? {} : { reason: shuttingDown ? 'shutting down' : 'Redis does not answer' }) };
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
  return true;
}

/**
 * Signed deliveries are accepted at `/` too: the manifest Probot's setup page submits (without
 * WEBHOOK_PROXY_URL) names the page's address + `/` as the webhook URL, while Probot 14 listens
 * for them at /api/github/webhooks only.
 */
async function createRootWebhookRoute(app: Probot): Promise<(req: IncomingMessage, res: ServerResponse) => Promise<boolean>> {
  const receive = await app.getNodeMiddleware({ path: '/' });
  return async (req, res) => (req.method === 'POST' && (req.url ?? '').split('?')[0] === '/' ? receive(req, res) : false);
}
