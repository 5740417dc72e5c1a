/**
 * The package as a user gets it: `npm pack` (which builds dist/ in its prepack script) in a copy of
 * the checkout, the tarball installed into an empty folder from the npm cache, and the installed
 * `roadmap-sync` run by Node alone — no tsx, no TypeScript, no dev dependency: --version, an offline
 * plan, and a dry-run sync against the emulator. The copy keeps the checkout's own dist/, which
 * other tests run through bin/, untouched while the pack rebuilds.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '@roadmap-sync/github-emulator';
import { main } from '../src/cli/main.js';
import { Capture } from './helpers/capture.js';
import { SMALL_ROADMAP as ROADMAP } from './fixtures/small-roadmap.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SEED = join(ROOT, 'seeds', '004_b8f00627e447448f.txt');
/** Not needed to pack: the tests, benchmarks and the emulator's package stay behind. */
const NOT_COPIED = /^(test|bench|packages)\//;
const TOKEN = 'ghp_packagetest';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const childEnv = { ...process.env, ...env };
    delete childEnv.ROADMAP_SYNC_CLI;
    execFile(command, args, { cwd, env: childEnv, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The checkout's files as git sees them (tracked, and new ones not ignored): no .env, keys, dist/ or node_modules/. */
async function copyCheckout(to: string): Promise<void> {
  const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT);
  expect(listed.code, listed.stderr).toBe(0);
  for (const path of listed.stdout.split('\0')) {
    if (path === '' || NOT_COPIED.test(path) || !existsSync(join(ROOT, path))) continue;
    mkdirSync(dirname(join(to, path)), { recursive: true });
    copyFileSync(join(ROOT, path), join(to, path));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(to, 'node_modules'), 'dir');
}

let work: string;
let packed: string[];
let installed: string;
let gh: Emulator;
const bin = (): string => join(installed, 'node_modules', '.bin', 'roadmap-sync');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'roadmap-sync-package-'));
  const checkout = join(work, 'checkout');
  await copyCheckout(checkout);
  const pack = await run('npm', ['pack', '--json', '--pack-destination', work], checkout);
  expect(pack.code, pack.stderr).toBe(0);
  const [tarball] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!tarball) throw new Error(`npm pack printed no tarball: ${pack.stdout}`);
  packed = tarball.files.map((f) => f.path).sort();

  installed = join(work, 'user');
  mkdirSync(installed);
  writeFileSync(join(installed, 'package.json'), '{ "name": "a-user", "private": true }\n');
  const install = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, tarball.filename)], installed);
  expect(install.code, install.stderr).toBe(0);

  gh = await createEmulator();
  gh.addToken(TOKEN);
}, 300_000);

afterAll(async () => {
  if (gh) {
    expect(gh.specViolations).toEqual([]);
    await gh.close();
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the compiled JavaScript, the bin, app.yml and the schema; no sources, tests, seeds, sandbox or Action bundle', () => {
    expect(packed).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'app.yml', 'schema/roadmap-sync.schema.json', 'bin/roadmap-sync.js', 'dist/cli/main.js', 'dist/app/main.js', 'dist/app/roadmap-sync-app.js']),
    );
    expect(packed.filter((path) => /\.ts$|^(src|test|seeds|packages|scripts|bench|dist\/sandbox|dist\/action)\//.test(path))).toEqual([]);
  });

  it('installs without tsx, TypeScript or any other dev dependency', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'node_modules', 'roadmap-sync', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
    for (const dev of ['tsx', 'typescript', 'esbuild', 'vitest', '@roadmap-sync/github-emulator']) expect(existsSync(join(installed, 'node_modules', dev)), dev).toBe(false);
  });

  it('roadmap-sync --version and -v print the package version', async () => {
    for (const flag of ['--version', '-v']) {
      const { code, stdout, stderr } = await run(bin(), [flag], installed);
      expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    }
  });

  it('roadmap-sync plan SEED prints what the sources print: 199 items', async () => {
    const { code, stdout, stderr } = await run(bin(), ['plan', SEED], installed);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('1 file · 199 items (0 checked) · 5 milestones · 18 labels');
    const fromSource = new Capture();
    expect(await main(['plan', SEED], fromSource, new Capture())).toBe(0);
    expect(stdout).toBe(fromSource.text);
  });

  it('roadmap-sync sync --dry-run against the emulator prints the plan and writes nothing', async () => {
    gh.createRepo({ owner: 'acme', name: 'widgets', files: { 'ROADMAP.md': ROADMAP } });
    const { code, stdout, stderr } = await run(bin(), ['sync', '--repo', 'acme/widgets', '--dry-run'], installed, { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: gh.url });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ {2}create label "roadmap"$/),
        expect.stringMatching(/^ {2}create milestone "v1\.0"$/),
        expect.stringMatching(/^ {2}create issue "Add HTTPS support for the dashboard" in "v1\.0" {2}\[ROADMAP\.md:5\]$/),
        expect.stringMatching(/^ {2}create issue "Per-user limits" in "v1\.0" {2}\[ROADMAP\.md:7\]$/),
      ]),
    );
    expect(lines.at(-1)).toBe('Plan: 4 to create, 0 to update (0 retitled, 0 moved, 0 closed, 0 reopened), 0 removed, 1 labels, 1 milestones, 1 sub-issue links, 0 unchanged.');
    expect(gh.log.entries().filter((r) => r.path.startsWith('/repos/acme/widgets')).length).toBeGreaterThan(0);
    expect(gh.log.writes()).toEqual([]);
  });

  it("the package's main export is the Probot app function (for `probot run`)", async () => {
    const { code, stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', "const app = await import('roadmap-sync'); console.log(typeof app.default)"], installed);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: 'function\n', stderr: '' });
  });
});
