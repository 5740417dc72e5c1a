/** Turns an emitted event into the signed HTTP delivery GitHub would POST to the app's webhook URL. */
import { sign } from '@octokit/webhooks-methods';
import type { EmulatorEvent } from './webhook-events.js';

export interface WebhookDelivery {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export async function toDelivery(event: EmulatorEvent, secret: string, appId?: number): Promise<WebhookDelivery> {
  const body = JSON.stringify(event.payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/emulator',
      'x-github-event': event.name,
      'x-github-delivery': event.id,
      'x-hub-signature-256': await sign(secret, body),
      ...(appId !== undefined
        ? { 'x-github-hook-installation-target-type': 'integration', 'x-github-hook-installation-target-id': String(appId) }
        : {}),
    },
  };
}

/** POSTs an event to a (loopback) webhook URL; resolves with the app's status code. */
export async function deliverEvent(event: EmulatorEvent, options: { url: string; secret: string; appId?: number }): Promise<number> {
  const delivery = await toDelivery(event, options.secret, options.appId);
  const res = await fetch(options.url, { method: 'POST', headers: delivery.headers, body: delivery.body });
  await res.arrayBuffer();
  return res.status;
}
