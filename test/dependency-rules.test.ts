/**
 * The dependency rules of `npm run lint:deps` catch wrong imports: depcruise, run with the
 * project's own .dependency-cruiser.cjs over test/fixtures/dependency-rules (a tree shaped like the
 * repository, one wrong import per rule and a few allowed ones), reports exactly the wrong ones.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = fileURLToPath(new URL('fixtures/dependency-rules/', import.meta.url));
const depcruise = `${root}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`;
const config = `${root}.dependency-cruiser.cjs`;

interface CruiseViolation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

function runDepcruise(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [depcruise, ...args], { cwd: fixture, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('dependency rules', () => {
  it('report every wrong import of the fixture tree, and nothing else', async () => {
    const { code, stdout, stderr } = await runDepcruise(['src', '--config', config, '--output-type', 'json']);
    expect(stderr).toBe('');
    // The json reporter exits 0 whatever it found; the exit status is checked below.
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { summary: { violations: CruiseViolation[] } };
    const found = result.summary.violations.map((v) => `${v.rule.name} (${v.rule.severity}): ${v.from} → ${v.to.replace(/^(\.\.\/)+/, '')}`).sort();
    expect(found).toEqual(
      [
        'action-independent (error): src/action/imports-app.ts → src/app/ok.ts',
        'app-independent (error): src/app/imports-cli.ts → src/cli/ok.ts',
        'cli-independent (error): src/cli/imports-sandbox.ts → src/sandbox/ok.ts',
        'core-is-pure (error): src/core/imports-shell.ts → src/shell/ok.ts',
        'core-no-github-client (error): src/core/types-from-octokit.ts → node_modules/@octokit/rest/dist-types/index.d.ts',
        'core-no-io (error): src/core/reads-files.ts → fs',
        'emulator-only-in-sandbox (error): src/app/embeds-emulator.ts → packages/github-emulator/src/index.ts',
        'no-circular (error): src/app/cycle-a.ts → src/app/cycle-b.ts',
        'shell-below-entry-points (error): src/shell/imports-app.ts → src/app/ok.ts',
        'src-not-to-tests (error): src/shell/imports-test.ts → bench/measure.ts',
        'src-not-to-tests (error): src/shell/imports-test.ts → test/helper.ts',
      ].sort(),
    );
  });

  it('fail the command with the rule and the import in its message', async () => {
    const { code, stdout } = await runDepcruise(['src/core/imports-shell.ts', '--config', config]);
    expect(code).toBe(1);
    expect(stdout).toContain('error core-is-pure: src/core/imports-shell.ts → src/shell/ok.ts');
  });
});
