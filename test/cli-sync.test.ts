/**
 * `roadmap-sync sync` end to end: main() in-process (and once the real bin/ through a child
 * process) against the emulator over HTTP, configured the way a user would: GITHUB_TOKEN and
 * GITHUB_API_URL in the environment.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { createEmulator, type Emulator } from '@roadmap-sync/github-emulator';
import { Capture } from './helpers/capture.js';
import { SMALL_ROADMAP as ROADMAP } from './fixtures/small-roadmap.js';

const TOKEN = 'ghp_clitest';
const ENV_KEYS = ['GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_API_URL', 'ROADMAP_SYNC_WRITES_PER_MINUTE', 'ROADMAP_SYNC_WRITES_PER_HOUR', 'ROADMAP_SYNC_WRITE_INTERVAL_MS'] as const;

let gh: Emulator;
let saved: Partial<Record<(typeof ENV_KEYS)[number], string>>;
let repoCount = 0;

beforeAll(async () => {
  gh = await createEmulator();
  gh.addToken(TOKEN);
});
afterAll(async () => {
  expect(gh.specViolations).toEqual([]);
  expect(gh.unimplemented).toEqual([]);
  expect(gh.internalErrors).toEqual([]);
  await gh.close();
});
beforeEach(() => {
  saved = {};
  for (const key of ENV_KEYS) saved[key] = process.env[key];
  Object.assign(process.env, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh.url, ROADMAP_SYNC_WRITES_PER_MINUTE: '100000', ROADMAP_SYNC_WRITES_PER_HOUR: '100000', ROADMAP_SYNC_WRITE_INTERVAL_MS: '0' });
  delete process.env.GH_TOKEN;
});
afterEach(() => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

function newRepo(files: Record<string, string>): string {
  repoCount += 1;
  const name = `widgets-${repoCount}`;
  gh.createRepo({ owner: 'acme', name, files });
  return `acme/${name}`;
}

async function run(...argv: string[]): Promise<{ code: number; out: Capture; err: Capture }> {
  const out = new Capture();
  const err = new Capture();
  const code = await main(argv, out, err);
  return { code, out, err };
}

const writesTo = (full: string): number => gh.log.writes().filter((w) => w.path.startsWith(`/repos/${full}/`)).length;

describe('roadmap-sync sync', () => {
  it('--dry-run prints the plan and writes nothing', async () => {
    const repo = newRepo({ 'ROADMAP.md': ROADMAP });
    const { code, out, err } = await run('sync', '--repo', repo, '--dry-run');
    expect(code).toBe(0);
    expect(out.text).toContain('create issue "Add HTTPS support for the dashboard" in "v1.0"');
    expect(out.lines.at(-1)).toBe('Plan: 4 to create, 0 to update (0 retitled, 0 moved, 0 closed, 0 reopened), 0 removed, 1 labels, 1 milestones, 1 sub-issue links, 0 unchanged.');
    expect(err.text).toBe('');
    expect(writesTo(repo)).toBe(0);
  });

  it('prints the plan, progress and the result; a second run has nothing to do', async () => {
    const repo = newRepo({ 'ROADMAP.md': ROADMAP });
    const first = await run('sync', '--repo', repo);
    expect(first.code).toBe(0);
    expect(first.out.text).toContain('Plan: 4 to create');
    expect(first.err.lines).toEqual(['progress: 7/7 changes']);
    expect(first.out.lines.at(-1)).toMatch(/^Done in \d+\.\d s: 4 created, 0 updated, .* 1 linked, 1 milestones and 1 labels created, 0 unchanged; 7 writes, 0 rate-limit waits, 0 errors$/);
    expect(gh.getIssues('acme', repo.split('/')[1] as string)).toHaveLength(4);

    const second = await run('sync', '--repo', repo);
    expect(second.code).toBe(0);
    expect(second.out.lines[0]).toBe('Nothing to change: the issues match the roadmap.');
    expect(second.out.lines.at(-1)).toMatch(/4 unchanged; 0 writes/);
  });

  it('--json prints one JSON document: status, plan, result', async () => {
    const repo = newRepo({ 'ROADMAP.md': ROADMAP });
    const dry = await run('sync', '--repo', repo, '--json', '--dry-run');
    expect(dry.code).toBe(0);
    const planned = JSON.parse(dry.out.text) as { status: string; repo: string; plan: { ops: Array<{ kind: string }>; blocked: string | null }; result: unknown };
    expect(planned).toMatchObject({ status: 'dry-run', repo, result: null, plan: { blocked: null } });
    expect(planned.plan.ops.map((op) => op.kind).sort()).toEqual(['create-issue', 'create-issue', 'create-issue', 'create-issue', 'create-label', 'create-milestone', 'link-sub-issue']);

    const done = await run('sync', '--repo', repo, '--json');
    expect(done.code).toBe(0);
    expect(done.err.text).toBe('');
    const result = JSON.parse(done.out.text) as { status: string; result: { created: number; writes: number; errors: unknown[] }; durationMs: number };
    expect(result).toMatchObject({ status: 'applied', result: { created: 4, writes: 7, errors: [] } });
    expect(typeof result.durationMs).toBe('number');
  });

  it('the bulk guard: exit 1 with the reason; --confirm-bulk goes ahead', async () => {
    const items = Array.from({ length: 15 }, (_, i) => `- [ ] Roadmap item number ${i + 1}`);
    const repo = newRepo({ 'ROADMAP.md': `# Roadmap\n\n${items.join('\n')}\n` });
    expect((await run('sync', '--repo', repo)).code).toBe(0);
    gh.pushCommit({ owner: 'acme', repo: repo.split('/')[1] as string, branch: 'main', files: { 'ROADMAP.md': `# Roadmap\n\n${items[0]}\n` }, message: 'Trim' });
    const before = writesTo(repo);
    const blocked = await run('sync', '--repo', repo);
    expect(blocked.code).toBe(1);
    expect(blocked.err.lines).toEqual([expect.stringMatching(/^roadmap-sync: stopped before writing: this would close 14 and retitle 0 of 15 managed issues/)]);
    expect(blocked.out.text).toContain('STOPPED:');
    expect(writesTo(repo)).toBe(before);
    const confirmed = await run('sync', '--repo', repo, '--confirm-bulk');
    expect(confirmed.code).toBe(0);
    expect(confirmed.out.lines.at(-1)).toMatch(/14 removed/);
  });

  describe('one clear line on stderr and a non-zero exit', () => {
    const failsWith = async (argv: string[], code: number, line: RegExp): Promise<void> => {
      const { code: actual, out, err } = await run(...argv);
      expect(err.lines).toEqual([expect.stringMatching(line)]);
      expect(out.text).toBe('');
      expect(actual).toBe(code);
    };

    it('without GITHUB_TOKEN', async () => {
      delete process.env.GITHUB_TOKEN;
      await failsWith(['sync', '--repo', 'acme/anything'], 2, /^roadmap-sync: GITHUB_TOKEN is not set/);
    });

    it('without --repo, or with a malformed one', async () => {
      await failsWith(['sync'], 2, /^roadmap-sync: --repo OWNER\/NAME is required/);
      await failsWith(['sync', '--repo', 'not a repo'], 2, /^roadmap-sync: --repo must be OWNER\/NAME \(got "not a repo"\)$/);
    });

    it('for an unknown repository (404)', async () => {
      await failsWith(['sync', '--repo', 'acme/no-such-repo'], 2, /^roadmap-sync: acme\/no-such-repo: repository not found, or the token cannot see it$/);
    });

    it('for a token GitHub rejects (401)', async () => {
      process.env.GITHUB_TOKEN = 'ghs_expired_or_unknown';
      await failsWith(['sync', '--repo', newRepo({ 'ROADMAP.md': ROADMAP })], 2, /^roadmap-sync: GitHub rejected the token/);
    });

    it('for a repository without roadmap files', async () => {
      const repo = newRepo({ 'README.md': '# Widgets\n' });
      await failsWith(['sync', '--repo', repo], 2, new RegExp(`^roadmap-sync: ${repo}: no roadmap files on main`));
      expect(writesTo(repo)).toBe(0);
    });

    it('for a bad config', async () => {
      const repo = newRepo({ 'ROADMAP.md': ROADMAP, '.github/roadmap-sync.yml': 'files: 3\n' });
      await failsWith(['sync', '--repo', repo], 2, /^roadmap-sync: \.github\/roadmap-sync\.yml: files: /);
      expect(writesTo(repo)).toBe(0);
    });

    it('for an unknown option', async () => {
      await failsWith(['sync', '--repo', 'acme/x', '--force'], 2, /^roadmap-sync: .*--force.*\(try: roadmap-sync --help\)$/);
    });
  });

  it('the real binary: node bin/roadmap-sync.js sync --dry-run with the environment', async () => {
    const repo = newRepo({ 'ROADMAP.md': ROADMAP });
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['bin/roadmap-sync.js', 'sync', '--repo', repo, '--dry-run'], {
      env: { ...process.env, GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh.url },
    });
    expect(stdout).toContain('Plan: 4 to create');
    expect(stderr).toBe('');
    expect(writesTo(repo)).toBe(0);
  });
});
