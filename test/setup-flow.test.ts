/**
 * The first run, as a user meets it: `npm start` without APP_ID serves Probot's setup page, whose
 * "Register GitHub App" button POSTs app.yml as a manifest to GitHub. A headless Chromium (Debian's
 * `chromium`, installed here when missing) opens the page and clicks the button; the form goes to
 * a loopback stand-in for github.com (GHE_HOST), which receives exactly what GitHub would. Also:
 * HOST, the smee.io webhook proxy (a loopback stand-in channel), and one-line errors when GitHub
 * or the proxy cannot be reached. Nothing leaves the loopback interface.
 */
import { ensureDebianCommand } from './helpers/debian-command.js';
import { sign } from '@octokit/webhooks-methods';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseEnv } from '../src/core/config/env.js';
import { findAttributeBreakers } from '../src/app/setup-manifest.js';
import { freePort } from './helpers/free-port.js';
import { generatePrivateKey, sleep, spawnApp, type AppProcess } from './helpers/reliability-process.js';

const ROOT = join(import.meta.dirname, '..');
const APP_YML = readFileSync(join(ROOT, 'app.yml'), 'utf8');
const PACKAGE_JSON = readFileSync(join(ROOT, 'package.json'), 'utf8');
/** What `npm start` finds in its working directory (the checkout). */
const CHECKOUT_FILES = { 'app.yml': APP_YML, 'package.json': PACKAGE_JSON };
const STACK_LINE = /^\s+at\s|"stack"|caused by:/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

describe('app.yml', () => {
  const manifest: unknown = parse(APP_YML);

  it('has no string that Probot’s unescaped value=\'…\' attribute would cut or alter', () => {
    expect(isObject(manifest)).toBe(true);
    expect(findAttributeBreakers(manifest)).toEqual([]);
  });

  it('leaves the webhook and redirect URLs to Probot (WEBHOOK_PROXY_URL or the page’s address)', () => {
    const keys = Object.keys(isObject(manifest) ? manifest : {});
    expect(keys.filter((key) => ['hook_attributes', 'redirect_url', 'callback_urls'].includes(key))).toEqual([]);
  });

  it('the check finds what cut the manifest on GitHub: apostrophes and ampersands, in values and keys', () => {
    expect(
      findAttributeBreakers({ description: 'Keeps a repository’s roadmap', name: 'ok', events: ['push', 'a&amp;b'], "it's": true, nested: { text: "don't" } }),
    ).toEqual([
      { path: 'events[1]', value: 'a&amp;b' },
      { path: "it's", value: "it's" },
      { path: 'nested.text', value: "don't" },
    ]);
  });
});

describe('HOST', () => {
  it('takes a bare name or address and refuses a URL or a port', () => {
    for (const host of ['localhost', '127.0.0.1', '0.0.0.0', '::', '::1', 'app.internal']) expect(parseEnv({ HOST: host }, ['HOST'])).toEqual({ HOST: host });
    expect(parseEnv({ HOST: '' }, ['HOST'])).toEqual({});
    for (const host of ['http://0.0.0.0', '0.0.0.0:3000', '[::]', 'localhost/']) expect(() => parseEnv({ HOST: host }, ['HOST'])).toThrow(/HOST must be a host name or IP address/);
  });

  it('empty (as .env.example ships it) listens on localhost only; 0.0.0.0 on every interface', { timeout: 60_000 }, async () => {
    const setup = { NO_SMEE_SETUP: 'true', LOG_LEVEL: 'warn' };
    const [empty, all] = await Promise.all([
      spawnApp({ ...setup, HOST: '' }, { files: CHECKOUT_FILES, waitReady: false }),
      spawnApp({ ...setup, HOST: '0.0.0.0' }, { files: CHECKOUT_FILES, waitReady: false }),
    ]);
    try {
      const [emptyBound, allBound] = await Promise.all([boundAddresses(empty), boundAddresses(all)]);
      expect(emptyBound.length).toBeGreaterThan(0);
      expect(emptyBound.every((a) => a === '127.0.0.1' || a === '::1')).toBe(true);
      expect(allBound).toContain('0.0.0.0');
    } finally {
      await Promise.all([empty.kill('SIGTERM'), all.kill('SIGTERM')]);
    }
  });
});

describe('Probot’s setup page in a headless Chromium', () => {
  let github: FakeGitHub;
  let app: AppProcess;
  let port: number;
  let chromium: string;

  beforeAll(async () => {
    chromium = ensureDebianCommand('chromium');
    github = await startFakeGitHub();
    port = await freePort();
    app = await spawnApp(
      { PORT: String(port), GHE_HOST: github.host, GHE_PROTOCOL: 'http', WEBHOOK_PROXY_URL: github.channelUrl, LOG_LEVEL: 'info' },
      { files: CHECKOUT_FILES },
    );
  }, 600_000);
  afterAll(async () => {
    await app?.kill('SIGTERM');
    await github?.close();
  });

  it('submits app.yml to GitHub field by field, with the smee channel as the webhook URL', { timeout: 60_000 }, async () => {
    const browser = await Browser.launch(chromium);
    try {
      const page = await browser.open(`http://127.0.0.1:${port}/probot`);
      const form = JSON.parse(
        await page.evaluate(`(() => {
          const button = document.getElementById('manifest');
          const form = button.form;
          return JSON.stringify({ value: button.value, action: form.action, method: form.method, fields: [...new FormData(form, button)] });
        })()`),
      ) as { value: string; action: string; method: string; fields: Array<[string, string]> };
      expect(form.action).toBe(`http://${github.host}/settings/apps/new`);
      expect(form.method).toBe('post');
      expect(form.fields.map(([name]) => name)).toEqual(['manifest']);
      expect(form.fields[0]?.[1]).toBe(form.value);

      await page.click('#manifest');
      const submitted = await github.waitForSubmission();
      expect(submitted.contentType).toBe('application/x-www-form-urlencoded');
      const sent = new URLSearchParams(submitted.body);
      expect([...sent.keys()]).toEqual(['manifest']);
      const raw = sent.get('manifest') ?? '';
      expect(raw).toBe(form.value);

      const manifest: unknown = JSON.parse(raw);
      const appYml: unknown = parse(APP_YML);
      if (!isObject(manifest) || !isObject(appYml)) throw new Error('the manifest and app.yml are objects');
      for (const [field, value] of Object.entries(appYml)) expect({ field, value: manifest[field] }).toEqual({ field, value });
      // What Probot adds: the webhook URL, where GitHub sends the browser back, and a version tag.
      expect(Object.keys(manifest).sort()).toEqual([...Object.keys(appYml), 'hook_attributes', 'redirect_url', 'version'].sort());
      expect(manifest.hook_attributes).toEqual({ url: github.channelUrl });
      expect(manifest.redirect_url).toBe(`http://127.0.0.1:${port}/probot/setup`);
      expect(manifest.version).toBe('v1');
      expect(manifest.callback_urls).toBeUndefined();
      expect(manifest.description).toContain('(ROADMAP.md, TODO.md, …)');
    } finally {
      await browser.close();
    }
    // smee-client (a dev dependency) connected to the channel; Probot neither asked for it nor made a new channel.
    expect(github.channelConnections).toBeGreaterThan(0);
    const log = app.lines.join('\n');
    expect(log).not.toMatch(/smee-client|SmeeClient is not available|Unable to connect to smee\.io/);
    expect(log).not.toContain('no WEBHOOK_PROXY_URL');
  });

  it('is not served when app.yml has a string the page would cut: one line says which', async () => {
    const cut = APP_YML.replace('Keeps the markdown roadmap of a repository', "Keeps a repository's markdown roadmap");
    expect(cut).not.toBe(APP_YML);
    const refused = await spawnApp({ LOG_LEVEL: 'info' }, { files: { ...CHECKOUT_FILES, 'app.yml': cut }, waitReady: false });
    const { code } = await refused.exited;
    expect(code).toBe(1);
    expect(refused.lines.filter((l) => l.trim() !== '')).toEqual([
      expect.stringMatching(/^roadmap-sync: app\.yml description \("Keeps a repository's markdown roadmap .*"\): an apostrophe or ampersand does not survive Probot's setup page/),
    ]);
  });
});

describe('development with WEBHOOK_PROXY_URL while GitHub cannot be reached', () => {
  const secret = 'setup-flow-secret';
  let github: FakeGitHub;
  let app: AppProcess;
  let port: number;
  let offlinePort: number;

  beforeAll(async () => {
    github = await startFakeGitHub();
    port = await freePort();
    offlinePort = await freePort();
    app = await spawnApp({
      PORT: String(port),
      APP_ID: '1',
      PRIVATE_KEY: generatePrivateKey(),
      WEBHOOK_SECRET: secret,
      NODE_ENV: 'development',
      GHE_HOST: `127.0.0.1:${offlinePort}`,
      GHE_PROTOCOL: 'http',
      WEBHOOK_PROXY_URL: github.channelUrl,
      LOG_LEVEL: 'info',
      ROADMAP_SYNC_RECONCILE_MINUTES: '0',
    });
  }, 60_000);
  afterAll(async () => {
    await app?.kill('SIGTERM');
    await github?.close();
  });

  it('forwards a delivery from the smee channel to the app', async () => {
    await waitUntil(() => github.channelConnections > 0, 10_000, 'smee-client never connected to the channel');
    const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    github.sendToChannel({
      'x-github-event': 'ping',
      'x-github-delivery': 'setup-flow-1',
      'x-hub-signature-256': await sign(secret, body),
      'content-type': 'application/json',
      body: JSON.parse(body) as Json,
      query: {},
    });
    const forwarded = `POST http://127.0.0.1:${port}/api/github/webhooks - 200`;
    await waitUntil(() => app.lines.some((l) => l.includes(forwarded)), 10_000, `no "${forwarded}" in the log:\n${app.lines.join('\n')}`);
  });

  it('says in one line, without a stack trace, that GitHub cannot be reached and what to check', { timeout: 45_000 }, async () => {
    // GET /app is retried (1 s, 4 s, …) before it is given up. Before the next test, whose forged
    // delivery Probot logs with a stack.
    const identity = () => app.lines.filter((l) => l.includes("could not read the app's identity"));
    await waitUntil(() => identity().length > 0, 30_000, `no identity warning:\n${app.lines.join('\n')}`);
    expect(identity()).toHaveLength(1);
    expect(identity()[0]).toMatch(new RegExp(`http://127\\.0\\.0\\.1:${offlinePort} could not be reached \\(.*(?:ECONNREFUSED|connection refused).*\\): check the network connection`));
    expect(app.lines.filter((l) => STACK_LINE.test(l))).toEqual([]);
  });

  it('accepts signed deliveries at /, the webhook URL Probot’s manifest names without a proxy', async () => {
    const body = JSON.stringify({ zen: 'Design for failure.', hook_id: 2 });
    const post = async (signature: string) =>
      (
        await fetch(`http://127.0.0.1:${port}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': 'setup-flow-2', 'x-hub-signature-256': signature },
          body,
        })
      ).status;
    expect(await post(await sign(secret, body))).toBe(200);
    expect(await post(await sign('development', body))).toBeGreaterThanOrEqual(400);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
  });

  it('stops with one line when the webhook proxy cannot be reached', async () => {
    const closed = await freePort();
    const stopped = await spawnApp(
      { APP_ID: '1', PRIVATE_KEY: generatePrivateKey(), WEBHOOK_SECRET: secret, GHE_HOST: `127.0.0.1:${offlinePort}`, GHE_PROTOCOL: 'http', WEBHOOK_PROXY_URL: `http://127.0.0.1:${closed}/channel`, ROADMAP_SYNC_RECONCILE_MINUTES: '0' },
      { waitReady: false },
    );
    const { code } = await stopped.exited;
    expect(code).toBe(1);
    const ours = stopped.lines.filter((l) => l.startsWith('roadmap-sync:'));
    expect(ours).toEqual([expect.stringContaining(`could not connect to the webhook proxy WEBHOOK_PROXY_URL=http://127.0.0.1:${closed}/channel (`)]);
    expect(ours[0]).toContain('ECONNREFUSED');
    expect(stopped.lines.filter((l) => STACK_LINE.test(l))).toEqual([]);
  });
});

async function waitUntil(done: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(message);
    await sleep(50);
  }
}

/** The addresses the child's server is bound to, from /proc (Linux), once it listens. */
async function boundAddresses(app: AppProcess, timeoutMs = 30_000): Promise<string[]> {
  const port = Number(new URL(app.webhookUrl).port);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = listeningOn(port);
    if (found.length > 0) return found;
    if (app.child.exitCode !== null) throw new Error(`the app exited:\n${app.lines.join('\n')}`);
    if (Date.now() > deadline) throw new Error(`the app did not listen within ${timeoutMs} ms:\n${app.lines.join('\n')}`);
    await sleep(50);
  }
}

function listeningOn(port: number): string[] {
  const addresses: string[] = [];
  for (const [file, decode] of [
    ['/proc/net/tcp', decodeIpv4],
    ['/proc/net/tcp6', decodeIpv6],
  ] as const) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [hex, portHex] = (local ?? '').split(':');
      if (state === '0A' && hex !== undefined && Number.parseInt(portHex ?? '', 16) === port) addresses.push(decode(hex));
    }
  }
  return addresses;
}

/** /proc/net/tcp writes each 32-bit word in host (little-endian) byte order. */
function wordBytes(hex: string): number[] {
  const bytes = [0, 2, 4, 6].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return bytes.reverse();
}

function decodeIpv4(hex: string): string {
  return wordBytes(hex).join('.');
}

function decodeIpv6(hex: string): string {
  const bytes = [0, 8, 16, 24].flatMap((i) => wordBytes(hex.slice(i, i + 8)));
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0));
  if (groups.every((g) => g === 0)) return '::';
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return '::1';
  return groups.map((g) => g.toString(16)).join(':');
}

interface FakeGitHub {
  /** host:port, for GHE_HOST. */
  host: string;
  /** A smee.io-like channel: an event stream whose messages smee-client forwards. */
  channelUrl: string;
  readonly channelConnections: number;
  sendToChannel(message: JsonObject): void;
  waitForSubmission(): Promise<{ contentType: string; body: string }>;
  close(): Promise<void>;
}

/** github.com's "new GitHub App" form target and a smee.io channel, on loopback. */
async function startFakeGitHub(): Promise<FakeGitHub> {
  const streams = new Set<ServerResponse>();
  const submissions: Array<{ contentType: string; body: string }> = [];
  let connections = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'POST' && path === '/settings/apps/new') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        submissions.push({ contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><title>Create GitHub App</title>');
      });
      return;
    }
    if (req.method === 'GET' && path === '/channel') {
      connections += 1;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': ready\n\n');
      streams.add(res);
      res.on('close', () => streams.delete(res));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    channelUrl: `http://127.0.0.1:${port}/channel`,
    get channelConnections() {
      return connections;
    },
    sendToChannel(message) {
      for (const stream of streams) stream.write(`data: ${JSON.stringify(message)}\n\n`);
    },
    async waitForSubmission() {
      await waitUntil(() => submissions.length > 0, 15_000, 'the browser submitted nothing to GitHub');
      const [first] = submissions;
      if (!first) throw new Error('no submission');
      return first;
    },
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface CdpMessage {
  id?: number;
  method?: string;
  sessionId?: string;
  params?: JsonObject;
  result?: JsonObject;
  error?: { message: string };
}

/**
 * Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: JSON
 * messages ended by NUL, commands on fd 3, answers and events on fd 4): no WebSocket client needed.
 */
class Browser {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (result: JsonObject) => void; reject: (error: Error) => void }>();
  private readonly listeners = new Set<(message: CdpMessage) => void>();
  private readonly stderr: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    private readonly input: Duplex,
    private readonly profile: string,
  ) {}

  static async launch(binary: string): Promise<Browser> {
    const profile = mkdtempSync(join(tmpdir(), 'roadmap-sync-chromium-'));
    const child = spawn(
      binary,
      [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--remote-debugging-pipe',
        `--user-data-dir=${profile}`,
        '--no-first-run',
        '--no-default-browser-check',
        // No requests beyond loopback: no updates, sync, safe browsing or metrics.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        '--disable-default-apps',
        '--metrics-recording-only',
        '--no-pings',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
    );
    const input = child.stdio[3];
    const output = child.stdio[4];
    if (!(input instanceof Duplex) || !(output instanceof Duplex)) throw new Error('no DevTools pipe');
    const browser = new Browser(child, input, profile);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => browser.stderr.push(chunk));
    let buffer = '';
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf('\0');
      while (end !== -1) {
        browser.receive(JSON.parse(buffer.slice(0, end)) as CdpMessage);
        buffer = buffer.slice(end + 1);
        end = buffer.indexOf('\0');
      }
    });
    child.on('exit', () => {
      for (const { reject } of browser.pending.values()) reject(new Error(`chromium exited:\n${browser.stderr.join('').slice(-2_000)}`));
      browser.pending.clear();
    });
    await browser.send('Browser.getVersion');
    return browser;
  }

  private receive(message: CdpMessage): void {
    if (message.id !== undefined) {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(`DevTools: ${message.error.message}`));
      else waiter?.resolve(message.result ?? {});
      return;
    }
    for (const listener of this.listeners) listener(message);
  }

  send(method: string, params: JsonObject = {}, sessionId?: string): Promise<JsonObject> {
    const id = this.nextId++;
    const result = new Promise<JsonObject>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    return result;
  }

  waitForEvent(method: string, sessionId: string, timeoutMs = 15_000): Promise<JsonObject> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (message: CdpMessage) => {
        if (message.method !== method || message.sessionId !== sessionId) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(message.params ?? {});
      };
      this.listeners.add(listener);
    });
  }

  /** A new tab showing `url`, once its load event fired. */
  async open(url: string): Promise<Page> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId: String(targetId), flatten: true });
    if (typeof sessionId !== 'string') throw new Error('no DevTools session');
    await this.send('Page.enable', {}, sessionId);
    const loaded = this.waitForEvent('Page.loadEventFired', sessionId);
    const navigation = await this.send('Page.navigate', { url }, sessionId);
    if (typeof navigation.errorText === 'string') throw new Error(`chromium could not open ${url}: ${navigation.errorText}`);
    await loaded;
    return new Page(this, sessionId);
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', () => resolve())));
    await this.send('Browser.close').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    rmSync(this.profile, { recursive: true, force: true });
  }
}

class Page {
  constructor(
    private readonly browser: Browser,
    private readonly sessionId: string,
  ) {}

  /** The string an expression evaluates to in the page. */
  async evaluate(expression: string): Promise<string> {
    const { result, exceptionDetails } = await this.browser.send('Runtime.evaluate', { expression, returnByValue: true }, this.sessionId);
    if (exceptionDetails !== undefined) throw new Error(`in the page: ${JSON.stringify(exceptionDetails)}`);
    const value = isObject(result) ? result.value : undefined;
    if (typeof value !== 'string') throw new Error(`${expression} gave no string`);
    return value;
  }

  /** A real left click (mouse events at the element's centre), as a person gives it. */
  async click(selector: string): Promise<void> {
    const box = JSON.parse(
      await this.evaluate(`(() => {
        const element = document.querySelector(${JSON.stringify(selector)});
        element.scrollIntoView({ block: 'center' });
        const r = element.getBoundingClientRect();
        return JSON.stringify({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      })()`),
    ) as { x: number; y: number };
    for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
      await this.browser.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: type === 'mouseMoved' ? 0 : 1 }, this.sessionId);
    }
  }
}
