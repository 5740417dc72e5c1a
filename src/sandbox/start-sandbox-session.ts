/**
 * A local GitHub and the real app wired to each other: the emulator, the app on its own loopback
 * port authenticating with a fresh RSA key, and every emulator event delivered to it as a signed
 * webhook. Nothing leaves 127.0.0.1.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createEmulator, type Emulator } from '@roadmap-sync/github-emulator';
import { forwardEvents, type EventForwarder } from './forward-events.js';
import { startAppServer, type AppServer, type LogLevel } from './start-app-server.js';

/** The emulator is not GitHub: no secondary limits to respect, so the write queue does not pace. */
export const EMULATOR_PACING = { perMinute: 1_000_000_000, perHour: 1_000_000_000 } as const;

export interface SandboxSession {
  emulator: Emulator;
  server: AppServer;
  forwarder: EventForwarder;
  appId: number;
  close(): Promise<void>;
}

export async function startSandboxSession(options: { logLevel?: LogLevel; appId?: number } = {}): Promise<SandboxSession> {
  const appId = options.appId ?? 1;
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const secret = randomBytes(20).toString('hex');
  const emulator = await createEmulator({ appId, appSlug: 'roadmap-sync', privateKey });
  let server: AppServer;
  try {
    server = await startAppServer({
      baseUrl: emulator.apiUrl,
      appId,
      privateKey,
      secret,
      pacing: EMULATOR_PACING,
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const forwarder = forwardEvents(emulator, server.app, { url: server.webhookUrl, secret, appId });
  let closed = false;
  return {
    emulator,
    server,
    forwarder,
    appId,
    async close() {
      if (closed) return;
      closed = true;
      forwarder.stop();
      await server.close();
      await emulator.close();
    },
  };
}
