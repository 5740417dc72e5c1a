/**
 * `roadmap-sync sync` failing before it can do anything: a bad GITHUB_API_URL, a server that
 * refuses the connection, a malformed --repo (network-errors.test.ts covers the other failures). The real CLI as a
 * child process (`node --import tsx src/cli/main.ts`, the environment a user would set), and
 * main() in-process where only the CLI's own time is measured. Durations are printed as figures.
 */
import { spawn } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { parseRepoOption } from '../src/cli/parse-repo-option.js';
import { Capture } from './helpers/capture.js';
import { freePort } from './helpers/free-port.js';

const MAIN = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const ENV_KEYS = ['GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_API_URL'] as const;

interface Run {
  code: number | null;
  stdout: string;
  stderrLines: string[];
  ms: number;
}

/** The CLI as a user runs it, with only these variables of the GitHub ones set. */
function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  const base = { ...process.env };
  for (const key of [...ENV_KEYS, 'ROADMAP_SYNC_CLI']) delete base[key];
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderrLines: stderr.split('\n').filter((l) => l !== ''), ms: performance.now() - started }));
  });
}

async function runMain(...argv: string[]): Promise<{ code: number; out: Capture; err: Capture; ms: number }> {
  const out = new Capture();
  const err = new Capture();
  const started = performance.now();
  const code = await main(argv, out, err);
  return { code, out, err, ms: performance.now() - started };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

// main() loads the client on the first sync that gets past the input checks: load it before timing one.
beforeAll(async () => {
  await import('../src/cli/run-sync.js');
});

let saved: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};
let server: Server | undefined;
beforeEach(() => {
  saved = {};
  for (const key of ENV_KEYS) saved[key] = process.env[key];
  delete process.env.GH_TOKEN;
  process.env.GITHUB_TOKEN = 'ghp_clierrors';
});
afterEach(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('a bad GITHUB_API_URL: exit 2, one line naming it, before any request', () => {
  const cases = [
    ['not-a-url', /^roadmap-sync: invalid environment: GITHUB_API_URL must be an http\(s\) URL, like https:\/\/github\.example\.com\/api\/v3, got "not-a-url"$/],
    ['http://127.0.0.1:9/api', /^roadmap-sync: invalid environment: GITHUB_API_URL must be an http\(s\) URL on a port fetch connects to \(it refuses port 9, one of the Fetch standard's blocked ports\), got "http:\/\/127\.0\.0\.1:9\/api"$/],
    ['ftp://github.example.com', /GITHUB_API_URL must be an http\(s\) URL, like/],
  ] as const;

  it('the real CLI', async () => {
    const runs = await Promise.all(cases.map(([url]) => runCli(['sync', '--repo', 'acme/widgets'], { GITHUB_TOKEN: 'ghp_x', GITHUB_API_URL: url })));
    runs.forEach((run, i) => {
      const [url, line] = cases[i] as (typeof cases)[number];
      expect(run.stderrLines, url).toEqual([expect.stringMatching(line)]);
      expect(run.stdout, url).toBe('');
      expect(run.code, url).toBe(2);
      console.info(`[figures] GITHUB_API_URL=${url}: exit ${run.code} after ${seconds(run.ms)} (process start included)`);
    });
  });

  it('in-process: well under 2 s, and the server named by a URL with credentials in it sees nothing', async () => {
    let requests = 0;
    server = createHttpServer((_req, res) => {
      requests += 1;
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = address !== null && typeof address === 'object' ? address.port : 0;
    for (const url of ['not-a-url', 'http://127.0.0.1:9/api', `http://me:secret@127.0.0.1:${port}/api`, `http://127.0.0.1:${port}/api?x=1`]) {
      process.env.GITHUB_API_URL = url;
      const { code, out, err, ms } = await runMain('sync', '--repo', 'acme/widgets');
      expect(err.lines, url).toEqual([expect.stringMatching(/^roadmap-sync: invalid environment: GITHUB_API_URL must be an http\(s\) URL/)]);
      expect(out.text).toBe('');
      expect(code).toBe(2);
      expect(ms).toBeLessThan(2_000);
      console.info(`[figures] in-process GITHUB_API_URL=${url}: exit 2 after ${ms.toFixed(0)} ms`);
    }
    expect(requests).toBe(0);
  });
});

describe('a server that cannot be reached: what failed, in bounded time', () => {
  it('connection refused: retried twice (1 s + 4 s), then one line, exit 1', async () => {
    const [childUrl, inProcessUrl] = [`http://127.0.0.1:${await freePort()}/api`, `http://127.0.0.1:${await freePort()}/api`];
    process.env.GITHUB_API_URL = inProcessUrl;
    const [child, inProcess] = await Promise.all([
      runCli(['sync', '--repo', 'acme/widgets'], { GITHUB_TOKEN: 'ghp_x', GITHUB_API_URL: childUrl }),
      runMain('sync', '--repo', 'acme/widgets'),
    ]);
    expect(child.stderrLines).toEqual([`roadmap-sync: cannot connect to ${childUrl}: connection refused (3 attempts)`]);
    expect(child.stdout).toBe('');
    expect(child.code).toBe(1);
    expect(inProcess.err.lines).toEqual([`roadmap-sync: cannot connect to ${inProcessUrl}: connection refused (3 attempts)`]);
    expect(inProcess.out.text).toBe('');
    expect(inProcess.code).toBe(1);
    // The CLI's own time: the backoff, not the 1 + 4 + 9 s it took before.
    expect(inProcess.ms).toBeGreaterThanOrEqual(5_000);
    expect(inProcess.ms).toBeLessThan(10_000);
    // A process start on a busy machine can take seconds: bounded, not timed.
    expect(child.ms).toBeLessThan(60_000);
    console.info(`[figures] connection refused: exit 1 after ${seconds(inProcess.ms)} in-process, ${seconds(child.ms)} as a process (start included)`);
  });
});

describe('--repo: exit 2 with what is wrong with the value', () => {
  const cases: Array<[string, string]> = [
    ['notarepo', '--repo must be OWNER/NAME (got "notarepo")'],
    ['acme/widgets/extra', '--repo must be OWNER/NAME (got "acme/widgets/extra": more than one "/")'],
    ['/widgets', '--repo must be OWNER/NAME (got "/widgets": the owner is empty)'],
    ['acme/', '--repo must be OWNER/NAME (got "acme/": the name is empty)'],
    ['ac--me/widgets', '--repo must be OWNER/NAME (got "ac--me/widgets": the owner "ac--me" may have only letters, digits and single hyphens, not first or last)'],
    ['acme-/widgets', '--repo must be OWNER/NAME (got "acme-/widgets": the owner "acme-" may have only letters, digits and single hyphens, not first or last)'],
    ['ac.me/widgets', '--repo must be OWNER/NAME (got "ac.me/widgets": the owner "ac.me" may have only letters, digits and single hyphens, not first or last)'],
    [`${'a'.repeat(40)}/widgets`, `--repo must be OWNER/NAME (got "${'a'.repeat(40)}/widgets": the owner has 40 characters; GitHub allows 39)`],
    ['acme/wid gets', '--repo must be OWNER/NAME (got "acme/wid gets": the name "wid gets" may have only letters, digits, ".", "-" and "_")'],
    ['acme/widgets!', '--repo must be OWNER/NAME (got "acme/widgets!": the name "widgets!" may have only letters, digits, ".", "-" and "_")'],
    [`acme/${'w'.repeat(101)}`, `--repo must be OWNER/NAME (got "acme/${'w'.repeat(101)}": the name has 101 characters; GitHub allows 100)`],
    ['acme/..', '--repo must be OWNER/NAME (got "acme/..": ".." is not a repository name)'],
    ['https://github.com/acme/widgets', '--repo must be OWNER/NAME (got "https://github.com/acme/widgets": a URL; use --repo acme/widgets)'],
    ['https://github.com/acme/widgets.git', '--repo must be OWNER/NAME (got "https://github.com/acme/widgets.git": a URL; use --repo acme/widgets)'],
    ['https://github.com/acme/widgets/issues/3', '--repo must be OWNER/NAME (got "https://github.com/acme/widgets/issues/3": a URL; use --repo acme/widgets)'],
    ['git@github.com:acme/widgets.git', '--repo must be OWNER/NAME (got "git@github.com:acme/widgets.git": a URL; use --repo acme/widgets)'],
    ['https://github.com', '--repo must be OWNER/NAME (got "https://github.com": a URL)'],
    ['', '--repo OWNER/NAME is required (for example --repo octo-org/octo-repo)'],
  ];

  it.each(cases)('--repo %j', async (value, message) => {
    // Nothing listens there: a value that passed would fail on the connection instead.
    process.env.GITHUB_API_URL = `http://127.0.0.1:${await freePort()}/api`;
    const { code, out, err } = await runMain('sync', `--repo=${value}`);
    expect(err.lines).toEqual([`roadmap-sync: ${message}`]);
    expect(out.text).toBe('');
    expect(code).toBe(2);
  });

  it('names GitHub allows are accepted', () => {
    for (const value of ['a/b', 'octo-org/octo-repo', 'A1-b2/.github', 'acme/my_repo.js', 'octocat_acme/widgets', `${'a'.repeat(39)}/${'w'.repeat(100)}`]) {
      const [owner, repo] = value.split('/');
      expect(parseRepoOption(value), value).toEqual({ owner, repo });
    }
  });

  it('the real CLI', async () => {
    const run = await runCli(['sync', '--repo', 'notarepo'], { GITHUB_TOKEN: 'ghp_x' });
    expect(run.stderrLines).toEqual(['roadmap-sync: --repo must be OWNER/NAME (got "notarepo")']);
    expect(run.code).toBe(2);
    console.info(`[figures] --repo notarepo: exit 2 after ${seconds(run.ms)} (process start included)`);
  });
});
