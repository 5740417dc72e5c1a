import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, Probot } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, deliverEvent, type Emulator } from '@roadmap-sync/github-emulator';

const APP_ID = 777;
const SECRET = 'emulator-secret';

let em: Emulator | undefined;
let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await em?.close();
});

async function until<T>(probe: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a real Probot app against the emulator (GHE style)', () => {
  it('receives a signed issues.closed delivery and writes back through an installation token', async () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    em = await createEmulator({ appId: APP_ID, privateKey: pem, validateResponses: true });
    em.createRepo({ owner: 'acme', name: 'widgets', files: { 'ROADMAP.md': '- [ ] a\n' } });
    em.installApp({ owner: 'acme', repos: ['widgets'] });

    const probot = new Probot({ appId: APP_ID, privateKey: pem, secret: SECRET, baseUrl: em.apiUrl, logLevel: 'fatal' });
    const middleware = await createNodeMiddleware(
      (app) => {
        app.on('issues.closed', async (context) => {
          await context.octokit.rest.issues.createComment(context.issue({ body: `closed as ${context.payload.issue.state_reason ?? '?'}` }));
        });
      },
      { probot, webhooksPath: '/api/github/webhooks' },
    );
    server = createServer((req, res) => {
      void middleware(req, res, () => {
        res.writeHead(404);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;

    const deliveries: Promise<number>[] = [];
    em.onEvent((event) => {
      if (event.name === 'issues') deliveries.push(deliverEvent(event, { url: `http://127.0.0.1:${port}/api/github/webhooks`, secret: SECRET, appId: APP_ID }));
    });
    const issue = em.createIssue({ owner: 'acme', repo: 'widgets', title: 'Parser' });
    em.closeIssue({ owner: 'acme', repo: 'widgets', number: issue.number, reason: 'completed', actor: 'alice' });
    expect(await Promise.all(deliveries)).toEqual([200, 200]);

    const comment = await until(() => em?.getComments('acme', 'widgets', issue.number)[0]);
    expect(comment.body).toBe('closed as completed');
    expect(comment.user?.login).toBe('roadmap-sync[bot]');
    expect(em.log.counts()).toMatchObject({
      'POST /app/installations/{installation_id}/access_tokens': 1,
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': 1,
    });
    expect(em.specViolations).toEqual([]);
    expect(em.unimplemented).toEqual([]);
    expect(em.internalErrors).toEqual([]);
  });
});
