/**
 * Every environment variable the app and the CLI read, validated in one place: `parseEnv` takes an
 * environment (process.env, or any record) and the names a caller reads, and returns their typed
 * values, or throws one EnvError naming each bad variable and what it expected. A variable that is
 * missing, empty or blank is unset (undefined): `.env` files list unset ones as `NAME=`; defaults
 * belong to the code that uses a value.
 *
 * Probot's runner reads its own variables (APP_ID … NO_SMEE_SETUP) from process.env itself and
 * quietly makes do with odd values (PORT=abc listens on 3000, LOG_FORMAT=jsno logs JSON); the app
 * validates them here at start so that a typo stops it with a message instead.
 */
import { z } from 'zod';

export type EnvSource = Readonly<Record<string, string | undefined>>;

/** What a bad value should have been: completes "NAME must be …". */
function fromString<T>(expected: string, read: (raw: string) => T | undefined) {
  return z.string().transform((raw, ctx) => {
    const value = read(raw.trim());
    if (value === undefined) {
      ctx.issues.push({ code: 'custom', message: expected, input: raw });
      return z.NEVER;
    }
    return value;
  });
}

const text = () => fromString('a string', (raw) => raw);

function integer(min: number, max = Number.MAX_SAFE_INTEGER): (raw: string) => number | undefined {
  return (raw) => {
    if (!/^\d+$/.test(raw)) return undefined;
    const value = Number(raw);
    return value >= min && value <= max ? value : undefined;
  };
}

function oneOf<const V extends string>(values: readonly V[]) {
  return fromString(values.map((v) => `"${v}"`).join(' or '), (raw) => values.find((v) => v === raw));
}

function flag(on: string, off: string) {
  return fromString(`"${on}" or "${off}"`, (raw) => (raw === on ? true : raw === off ? false : undefined));
}

/** fetch refuses these ports without connecting (https://fetch.spec.whatwg.org/#bad-port), so a request to one can never succeed. */
const FETCH_BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123,
  135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
  995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

/** What is wrong with a URL the process will fetch from, completing "NAME must be …"; null when it is usable. */
function httpUrlProblem(raw: string): string | null {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    return 'an http(s) URL, like https://github.example.com/api/v3';
  }
  if (url.username !== '' || url.password !== '') return 'an http(s) URL without a user name or password in it';
  if (url.search !== '' || url.hash !== '') return 'an http(s) URL without a ?query or #fragment';
  if (url.port !== '' && FETCH_BAD_PORTS.has(Number(url.port))) {
    return `an http(s) URL on a port fetch connects to (it refuses port ${url.port}, one of the Fetch standard's blocked ports)`;
  }
  return null;
}

const httpUrl = () =>
  z.string().transform((raw, ctx) => {
    const problem = httpUrlProblem(raw.trim());
    if (problem === null) return raw.trim();
    ctx.issues.push({ code: 'custom', message: problem, input: raw });
    return z.NEVER;
  });

const HOST_LABELS = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const hostWithPort = () =>
  fromString('a host name with an optional :port and no scheme or path, like github.example.com', (raw) => {
    const match = /^(\[[0-9A-Fa-f:.]+\]|[^:/]+)(?::(\d{1,5}))?$/.exec(raw);
    const host = match?.[1];
    const port = match?.[2];
    if (host === undefined || (!host.startsWith('[') && !HOST_LABELS.test(host))) return undefined;
    if (port !== undefined && integer(1, 65_535)(port) === undefined) return undefined;
    return raw;
  });

/** Where the server listens: a name or an address, bare (Node's `listen` takes no brackets, scheme or port). */
const listenHost = () =>
  fromString('a host name or IP address of this machine, like localhost, 127.0.0.1, 0.0.0.0 or :: (no scheme, brackets or port)', (raw) =>
    HOST_LABELS.test(raw) || /^[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:%[\w.-]+)?$/.test(raw) ? raw : undefined,
  );

const VARIABLES = {
  // Probot's runner (`npm start`)
  APP_ID: fromString('a positive integer (the GitHub App ID)', integer(1)),
  PRIVATE_KEY: text(),
  PRIVATE_KEY_PATH: text(),
  WEBHOOK_SECRET: text(),
  NODE_ENV: text(),
  HOST: listenHost(),
  PORT: fromString('a port number from 0 to 65535', integer(0, 65_535)),
  LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
  LOG_FORMAT: oneOf(['pretty', 'json']),
  GHE_HOST: hostWithPort(),
  GHE_PROTOCOL: oneOf(['https', 'http']),
  WEBHOOK_PROXY_URL: httpUrl(),
  NO_SMEE_SETUP: flag('true', 'false'),
  // The CLI's `sync`
  GITHUB_TOKEN: text(),
  GH_TOKEN: text(),
  GITHUB_API_URL: httpUrl(),
  // roadmap-sync's own
  ROADMAP_SYNC_WRITES_PER_MINUTE: fromString('a positive integer (writes a minute per installation)', integer(1)),
  ROADMAP_SYNC_WRITES_PER_HOUR: fromString('a positive integer (writes an hour per installation)', integer(1)),
  ROADMAP_SYNC_WRITE_INTERVAL_MS: fromString('a whole number of milliseconds ≥ 0 (between the starts of two writes per installation)', integer(0, 3_600_000)),
  ROADMAP_SYNC_RECONCILE_MINUTES: fromString('a number of minutes ≥ 0 (fractions allowed; 0 turns the reconcile off)', (raw) =>
    /^(?:\d+(?:\.\d*)?|\.\d+)$/.test(raw) ? Number(raw) : undefined,
  ),
  ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS: fromString('a whole number of milliseconds ≥ 0', integer(0)),
  ROADMAP_SYNC_CLI: flag('1', '0'),
  // Clustered mode (REDIS_URL set)
  REDIS_URL: fromString('a redis:// or rediss:// URL, like redis://localhost:6379 or redis://:password@redis.internal:6379/0', (raw) => {
    const url = URL.canParse(raw) ? new URL(raw) : null;
    return url !== null && (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '' ? raw : undefined;
  }),
  ROADMAP_SYNC_REDIS_PREFIX: fromString('letters, digits and . _ : - (the Redis key prefix)', (raw) => (/^[\w.:-]{1,64}$/.test(raw) ? raw : undefined)),
  ROADMAP_SYNC_JOB_CONCURRENCY: fromString('an integer from 1 to 64 (jobs one instance runs at once)', integer(1, 64)),
  ROADMAP_SYNC_LOCK_LEASE_MS: fromString('a whole number of milliseconds from 1000 to 600000 (how long a dead instance holds a repository)', integer(1_000, 600_000)),
  ROADMAP_SYNC_SHUTDOWN_GRACE_MS: fromString('a whole number of milliseconds from 0 to 600000 (how long SIGTERM waits for running jobs)', integer(0, 600_000)),
} as const;

export type EnvName = keyof typeof VARIABLES;
export type EnvSettings = { [K in EnvName]: z.output<(typeof VARIABLES)[K]> | undefined };

export const ENV_NAMES = Object.keys(VARIABLES) as EnvName[];

/** Variables `npm start` reads (Probot's and the app's). */
export const APP_ENV_NAMES = [
  'APP_ID',
  'PRIVATE_KEY',
  'PRIVATE_KEY_PATH',
  'WEBHOOK_SECRET',
  'NODE_ENV',
  'HOST',
  'PORT',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'GHE_HOST',
  'GHE_PROTOCOL',
  'WEBHOOK_PROXY_URL',
  'NO_SMEE_SETUP',
  'ROADMAP_SYNC_WRITES_PER_MINUTE',
  'ROADMAP_SYNC_WRITES_PER_HOUR',
  'ROADMAP_SYNC_WRITE_INTERVAL_MS',
  'ROADMAP_SYNC_RECONCILE_MINUTES',
  'ROADMAP_SYNC_CHECKBOX_DEBOUNCE_MS',
  'REDIS_URL',
  'ROADMAP_SYNC_REDIS_PREFIX',
  'ROADMAP_SYNC_JOB_CONCURRENCY',
  'ROADMAP_SYNC_LOCK_LEASE_MS',
  'ROADMAP_SYNC_SHUTDOWN_GRACE_MS',
] as const satisfies readonly EnvName[];

/** Variables `roadmap-sync sync` reads. */
export const CLI_SYNC_ENV_NAMES = [
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'GITHUB_API_URL',
  'ROADMAP_SYNC_WRITES_PER_MINUTE',
  'ROADMAP_SYNC_WRITES_PER_HOUR',
  'ROADMAP_SYNC_WRITE_INTERVAL_MS',
] as const satisfies readonly EnvName[];

const MAX_ECHO = 60;

export class EnvError extends Error {
  constructor(readonly problems: ReadonlyArray<{ name: EnvName; expected: string; got: string }>) {
    super(`invalid environment: ${problems.map(describeProblem).join('; ')}`);
    this.name = 'EnvError';
  }
}

function describeProblem({ name, expected, got }: { name: EnvName; expected: string; got: string }): string {
  // A URL's password (REDIS_URL=redis://:secret@host) never reaches a log.
  const safe = got.replace(/\/\/[^/@\s]*@/, '//***@');
  const shown = safe.length > MAX_ECHO ? `${safe.slice(0, MAX_ECHO)}…` : safe;
  return `${name} must be ${expected}, got ${JSON.stringify(shown)}`;
}

/** The named variables of `env`, typed and validated; throws an EnvError listing every bad one. */
export function parseEnv<N extends EnvName>(env: EnvSource, names: readonly N[]): Pick<EnvSettings, N> {
  const settings: Partial<Record<EnvName, unknown>> = {};
  const problems: Array<{ name: EnvName; expected: string; got: string }> = [];
  for (const name of names) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const result = VARIABLES[name].safeParse(raw);
    if (result.success) settings[name] = result.data;
    else problems.push({ name, expected: result.error.issues[0]?.message ?? 'valid', got: raw });
  }
  if (problems.length > 0) throw new EnvError(problems);
  return settings as Pick<EnvSettings, N>;
}
