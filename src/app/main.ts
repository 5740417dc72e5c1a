/**
 * `npm start`: the app under Probot's own runner and Probot's standard environment (APP_ID,
 * PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, LOG_LEVEL, GHE_HOST/GHE_PROTOCOL, …;
 * see .env.example). Without APP_ID, Probot's setup flow registers the app from app.yml.
 */
import { run } from 'probot';
import { APP_ENV_NAMES, EnvError, parseEnv } from '../core/config/env.js';
import { createRoadmapSyncApp } from './roadmap-sync-app.js';
import { createAppOctokit, createDeferredLogger } from './create-app-octokit.js';

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

const octokitLog = createDeferredLogger();
const roadmapSync = createRoadmapSyncApp({ env: process.env });
await run(
  (app, options) => {
    octokitLog.target = app.log.child({ name: 'github' });
    return roadmapSync.appFn(app, options);
  },
  { Octokit: createAppOctokit(octokitLog) },
);

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
