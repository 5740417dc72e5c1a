/**
 * The environment module: every variable typed and validated in one place, a bad value stopping the
 * app at start and the CLI with exit 2, with one line naming each bad variable and what it expected.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_ENV_NAMES, CLI_SYNC_ENV_NAMES, ENV_NAMES, EnvError, parseEnv, type EnvName } from '../src/core/config/env.js';
import { pacingFromEnv } from '../src/shell/write-queue.js';
import { reconcileMinutesFromEnv } from '../src/app/reconcile.js';
import { createRoadmapSyncApp } from '../src/app/roadmap-sync-app.js';
import { main } from '../src/cli/main.js';
import { Capture } from './helpers/capture.js';
import { spawnApp } from './helpers/reliability-process.js';

function problemOf(env: Record<string, string>, names: readonly EnvName[] = ENV_NAMES): string {
  try {
    parseEnv(env, names);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('parseEnv', () => {
  it('types every variable', () => {
    const env = parseEnv(
      {
        APP_ID: '12345',
        PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----',
        PRIVATE_KEY_PATH: 'key.pem',
        WEBHOOK_SECRET: 's3cret',
        NODE_ENV: 'production',
        HOST: '0.0.0.0',
        PORT: '3000',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        GHE_HOST: 'github.example.com',
        GHE_PROTOCOL: 'http',
        WEBHOOK_PROXY_URL: 'https://smee.io/abc',
        NO_SMEE_SETUP: 'true',
        GITHUB_TOKEN: 'ghp_x',
        GH_TOKEN: 'gho_y',
        GITHUB_API_URL: 'http://127.0.0.1:4000',
        ROADMAP_SYNC_WRITES_PER_MINUTE: '40',
        ROADMAP_SYNC_WRITES_PER_HOUR: '300',
        ROADMAP_SYNC_RECONCILE_MINUTES: '0.5',
        ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS: '0',
        ROADMAP_SYNC_CLI: '1',
      },
      ENV_NAMES,
    );
    expect(env).toEqual({
      APP_ID: 12345,
      PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----',
      PRIVATE_KEY_PATH: 'key.pem',
      WEBHOOK_SECRET: 's3cret',
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: 3000,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      GHE_HOST: 'github.example.com',
      GHE_PROTOCOL: 'http',
      WEBHOOK_PROXY_URL: 'https://smee.io/abc',
      NO_SMEE_SETUP: true,
      GITHUB_TOKEN: 'ghp_x',
      GH_TOKEN: 'gho_y',
      GITHUB_API_URL: 'http://127.0.0.1:4000',
      ROADMAP_SYNC_WRITES_PER_MINUTE: 40,
      ROADMAP_SYNC_WRITES_PER_HOUR: 300,
      ROADMAP_SYNC_RECONCILE_MINUTES: 0.5,
      ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS: 0,
      ROADMAP_SYNC_CLI: true,
    });
  });

  it('leaves missing, empty and blank variables unset, as a .env file with `NAME=` lines means', () => {
    expect(parseEnv({}, ENV_NAMES)).toEqual({});
    expect(parseEnv({ PORT: '', ROADMAP_SYNC_RECONCILE_MINUTES: '  ', GITHUB_TOKEN: '' }, ENV_NAMES)).toEqual({});
  });

  it('reads only the variables asked for', () => {
    expect(parseEnv({ PORT: 'eighty', ROADMAP_SYNC_WRITES_PER_MINUTE: '7' }, ['ROADMAP_SYNC_WRITES_PER_MINUTE'])).toEqual({ ROADMAP_SYNC_WRITES_PER_MINUTE: 7 });
  });

  it('names each bad variable and what it expected, on one line', () => {
    const message = problemOf({ ROADMAP_SYNC_WRITES_PER_MINUTE: 'fast', LOG_LEVEL: 'verbose', GITHUB_API_URL: 'localhost:3000', PORT: '3000' });
    expect(message).toBe(
      'invalid environment: LOG_LEVEL must be "trace" or "debug" or "info" or "warn" or "error" or "fatal" or "silent", got "verbose"; ' +
        'GITHUB_API_URL must be an http(s) URL, like https://github.example.com/api/v3, got "localhost:3000"; ' +
        'ROADMAP_SYNC_WRITES_PER_MINUTE must be a positive integer (writes a minute per installation), got "fast"',
    );
    expect(message).not.toContain('\n');
  });

  it.each([
    ['GITHUB_API_URL', 'api.github.com'],
    ['GITHUB_API_URL', 'ftp://github.example.com'],
    ['GITHUB_API_URL', 'http://'],
    ['GITHUB_API_URL', 'http://127.0.0.1:9/api'],
    ['GITHUB_API_URL', 'https://github.example.com/api/v3?per_page=100'],
    ['WEBHOOK_PROXY_URL', 'smee.io/abc'],
    ['APP_ID', '0'],
    ['APP_ID', 'Iv1.abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['LOG_FORMAT', 'yaml'],
    ['GHE_HOST', 'https://github.example.com'],
    ['GHE_HOST', 'github.example.com/api/v3'],
    ['GHE_HOST', 'github.example.com:99999'],
    ['GHE_PROTOCOL', 'HTTPS://'],
    ['NO_SMEE_SETUP', '1'],
    ['ROADMAP_SYNC_WRITES_PER_MINUTE', '0'],
    ['ROADMAP_SYNC_WRITES_PER_MINUTE', '1.5'],
    ['ROADMAP_SYNC_WRITES_PER_HOUR', '1e3'],
    ['ROADMAP_SYNC_RECONCILE_MINUTES', '-1'],
    ['ROADMAP_SYNC_RECONCILE_MINUTES', 'hourly'],
    ['ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS', '500ms'],
    ['ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS', '-5'],
    ['ROADMAP_SYNC_CLI', 'yes'],
    ['REDIS_URL', 'localhost:6379'],
    ['REDIS_URL', 'http://redis.internal:6379'],
    ['ROADMAP_SYNC_REDIS_PREFIX', 'my prefix'],
    ['ROADMAP_SYNC_JOB_CONCURRENCY', '0'],
    ['ROADMAP_SYNC_LOCK_LEASE_MS', '500'],
    ['ROADMAP_SYNC_SHUTDOWN_GRACE_MS', '10s'],
  ] as const)('rejects %s=%s', (name, value) => {
    expect(problemOf({ [name]: value })).toMatch(new RegExp(`^invalid environment: ${name} must be .+, got ${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  it('never echoes the password of a URL it refuses', () => {
    expect(problemOf({ GITHUB_API_URL: 'https://me:secret@github.example.com/api/v3' })).toBe(
      'invalid environment: GITHUB_API_URL must be an http(s) URL without a user name or password in it, got "https://***@github.example.com/api/v3"',
    );
    const redis = problemOf({ REDIS_URL: 'http://:hunter2@redis.internal:6379' });
    expect(redis).toContain('REDIS_URL must be a redis:// or rediss:// URL');
    expect(redis).not.toContain('hunter2');
  });

  it('says what is wrong with a URL that parses but cannot be fetched', () => {
    expect(problemOf({ GITHUB_API_URL: 'http://127.0.0.1:9/api' })).toBe(
      'invalid environment: GITHUB_API_URL must be an http(s) URL on a port fetch connects to (it refuses port 9, one of the Fetch standard\'s blocked ports), got "http://127.0.0.1:9/api"',
    );
    expect(problemOf({ GITHUB_API_URL: 'https://me:secret@github.example.com' })).toMatch(/GITHUB_API_URL must be an http\(s\) URL without a user name or password in it, got/);
    expect(problemOf({ WEBHOOK_PROXY_URL: 'https://smee.io/abc#x' })).toMatch(/WEBHOOK_PROXY_URL must be an http\(s\) URL without a \?query or #fragment, got/);
  });

  it.each([
    ['GHE_HOST', '127.0.0.1:8080'],
    ['GHE_HOST', '[::1]:3000'],
    ['GHE_HOST', 'ghe'],
    ['GITHUB_API_URL', 'https://github.example.com/api/v3/'],
    ['ROADMAP_SYNC_RECONCILE_MINUTES', '0.03'],
    ['ROADMAP_SYNC_RECONCILE_MINUTES', '0'],
    ['PORT', '0'],
  ] as const)('accepts %s=%s', (name, value) => {
    expect(() => parseEnv({ [name]: value }, [name])).not.toThrow();
  });

  it('shortens a long bad value in its message', () => {
    expect(problemOf({ PORT: 'x'.repeat(500) })).toBe(`invalid environment: PORT must be a port number from 0 to 65535, got "${'x'.repeat(60)}…"`);
  });

  it('trims free-text values (a token pasted with its newline)', () => {
    expect(parseEnv({ GITHUB_TOKEN: 'ghp_x\n' }, ['GITHUB_TOKEN'])).toEqual({ GITHUB_TOKEN: 'ghp_x' });
  });

  it('reads every variable in the app, in `sync` or, for ROADMAP_SYNC_CLI, in the bin', () => {
    expect(new Set([...APP_ENV_NAMES, ...CLI_SYNC_ENV_NAMES, 'ROADMAP_SYNC_CLI'])).toEqual(new Set(ENV_NAMES));
  });
});

describe('readers of the environment', () => {
  it('pacing: GitHub limits by default, the variables when set, an EnvError when bad', () => {
    expect(pacingFromEnv({})).toEqual({ perMinute: 80, perHour: 500, minIntervalMs: 1_000 });
    expect(pacingFromEnv({ ROADMAP_SYNC_WRITES_PER_MINUTE: '20', ROADMAP_SYNC_WRITES_PER_HOUR: '' })).toEqual({ perMinute: 20, perHour: 500, minIntervalMs: 1_000 });
    expect(pacingFromEnv({ ROADMAP_SYNC_WRITE_INTERVAL_MS: '250' })).toEqual({ perMinute: 80, perHour: 500, minIntervalMs: 250 });
    expect(() => pacingFromEnv({ ROADMAP_SYNC_WRITES_PER_HOUR: 'lots' })).toThrow(EnvError);
    expect(() => pacingFromEnv({ ROADMAP_SYNC_WRITE_INTERVAL_MS: '1s' })).toThrow(/ROADMAP_SYNC_WRITE_INTERVAL_MS must be a whole number of milliseconds/);
  });

  it('reconcile: 60 minutes by default, fractions allowed, an EnvError when bad', () => {
    expect(reconcileMinutesFromEnv({})).toBe(60);
    expect(reconcileMinutesFromEnv({ ROADMAP_SYNC_RECONCILE_MINUTES: '0.25' })).toBe(0.25);
    expect(() => reconcileMinutesFromEnv({ ROADMAP_SYNC_RECONCILE_MINUTES: 'never' })).toThrow(EnvError);
  });

  it('the app refuses a bad checkbox debounce instead of ignoring it', () => {
    expect(() => createRoadmapSyncApp({ env: { ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS: 'soon' } })).toThrow(
      'invalid environment: ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS must be a whole number of milliseconds ≥ 0, got "soon"',
    );
    expect(() => createRoadmapSyncApp({ env: { ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS: '250' } }).stop()).not.toThrow();
  });
});

describe('roadmap-sync sync with a bad variable', () => {
  const names = ['GITHUB_TOKEN', 'GITHUB_API_URL', 'ROADMAP_SYNC_WRITES_PER_MINUTE'] as const;
  let saved: Partial<Record<(typeof names)[number], string>> = {};
  beforeEach(() => {
    saved = {};
    for (const name of names) saved[name] = process.env[name];
  });
  afterEach(() => {
    for (const name of names) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('exits 2 with one line naming it, before any request', async () => {
    Object.assign(process.env, { GITHUB_TOKEN: 'ghp_x', GITHUB_API_URL: 'github.example.com/api/v3', ROADMAP_SYNC_WRITES_PER_MINUTE: '80' });
    const out = new Capture();
    const err = new Capture();
    const code = await main(['sync', '--repo', 'acme/widgets', '--dry-run'], out, err);
    expect(code).toBe(2);
    expect(out.text).toBe('');
    expect(err.lines).toEqual(['roadmap-sync: invalid environment: GITHUB_API_URL must be an http(s) URL, like https://github.example.com/api/v3, got "github.example.com/api/v3"']);
  });
});

describe('npm start with a bad variable', () => {
  it('exits 1 at start with one line naming each bad variable', async () => {
    const app = await spawnApp({ APP_ID: '1', WEBHOOK_SECRET: 'secret', LOG_LEVEL: 'verbose', ROADMAP_SYNC_RECONCILE_MINUTES: 'hourly' }, { waitReady: false });
    const { code } = await app.exited;
    expect(code).toBe(1);
    expect(app.lines.filter((l) => l !== '')).toEqual([
      'roadmap-sync: invalid environment: LOG_LEVEL must be "trace" or "debug" or "info" or "warn" or "error" or "fatal" or "silent", got "verbose"; ' +
        'ROADMAP_SYNC_RECONCILE_MINUTES must be a number of minutes ≥ 0 (fractions allowed; 0 turns the reconcile off), got "hourly"',
    ]);
  });
});
