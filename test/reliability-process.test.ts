/**
 * The app as it is deployed: `src/app/main.ts` under Probot's runner in a child process, configured by
 * environment variables only, its log read from stdout.
 */
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checklist } from './helpers/app-fixtures.js';
import { generatePrivateKey, spawnApp, startProcessWorld, type ProcessWorld } from './helpers/reliability-process.js';

describe('start-up', () => {
  const privateKey = generatePrivateKey();

  it('refuses to start without a webhook secret', async () => {
    const app = await spawnApp({ APP_ID: '1', PRIVATE_KEY: privateKey, LOG_LEVEL: 'info' }, { waitReady: false });
    const { code } = await app.exited;
    expect(code).toBe(1);
    expect(app.lines.join('\n')).toContain('WEBHOOK_SECRET is not set');
  });

  it('starts without one only when explicitly in development', async () => {
    const app = await spawnApp({ APP_ID: '1', PRIVATE_KEY: privateKey, LOG_LEVEL: 'warn', NODE_ENV: 'development', ROADMAP_SYNC_RECONCILE_MINUTES: '0' });
    try {
      expect(app.child.exitCode).toBeNull();
    } finally {
      await app.kill('SIGTERM');
    }
  });
});

describe('a running app, logging at trace level', () => {
  let w: ProcessWorld;
  beforeAll(async () => {
    w = await startProcessWorld({ LOG_LEVEL: 'trace' });
    await w.start();
  });
  afterAll(async () => {
    await w?.close();
  });

  it('never logs the private key or an installation token, and logs a refused roadmap once, by name', { timeout: 60_000 }, async () => {
    w.emulator.createRepo({ owner: 'logs', name: 'app', files: { 'ROADMAP.md': checklist(3) } });
    w.emulator.installApp({ owner: 'logs', repos: ['app'] });
    await w.waitQuiet(() => w.emulator.getIssues('logs', 'app').length === 3);
    const [issue] = w.emulator.getIssues('logs', 'app');
    w.emulator.closeIssue({ owner: 'logs', repo: 'app', number: issue?.number ?? 0, actor: 'alice' });
    await w.waitQuiet(() => (w.emulator.readFile('logs', 'app', 'ROADMAP.md') ?? '').includes('[x]'));
    const huge = `${checklist(3)}${Array.from({ length: 6_000 }, (_, i) => `- [ ] Pasted ${i}`).join('\n')}\n`;
    w.emulator.pushCommit({ owner: 'logs', repo: 'app', branch: 'main', message: 'Paste', files: { 'ROADMAP.md': huge } });
    const refusal = (): string[] => (w.app?.lines ?? []).filter((l) => l.includes('not parsed:'));
    await w.waitQuiet(() => refusal().length > 0);

    const log = w.app?.lines.join('\n') ?? '';
    expect(log.length).toBeGreaterThan(10_000); // trace level: every request is logged
    const keyBody = w.privateKey.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const line of keyBody) expect(log).not.toContain(line.slice(0, 40));
    const tokens = [...w.emulator.state.tokens.entries()].filter(([, grant]) => grant.kind === 'installation').map(([token]) => token);
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(log).not.toContain(token);
    expect(log).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/); // no JWT
    expect(refusal()).toHaveLength(1);
    expect(refusal()[0]).toContain('ROADMAP.md not parsed: more than 5,000 list items and headings');
    expect(w.emulator.getIssues('logs', 'app').filter((i) => i.state === 'open')).toHaveLength(2);
    console.info(`[figures] trace log: ${w.app?.lines.length} lines, ${(log.length / 1024).toFixed(0)} KB, ${tokens.length} installation token(s) minted: none of them, no key line, no JWT in the log`);
  });

  it('rejects a delivery signed with Probot’s public default secret "development"', async () => {
    const body = JSON.stringify({ action: 'closed', issue: { number: 1 } });
    const response = await fetch(w.app?.webhookUrl ?? '', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-github-delivery': 'forged',
        'x-hub-signature-256': await sign('development', body),
      },
      body,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
