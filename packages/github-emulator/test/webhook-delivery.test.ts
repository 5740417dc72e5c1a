import { verify } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { createEmulator, toDelivery, type EmulatorEvent } from '../src/index.js';

describe('toDelivery', () => {
  it('signs the body as GitHub does (x-hub-signature-256)', async () => {
    const emulator = await createEmulator();
    try {
      const events: EmulatorEvent[] = [];
      emulator.onEvent((event) => events.push(event));
      emulator.createRepo({ owner: 'acme', name: 'widgets', files: {} });
      emulator.installApp({ owner: 'acme', repos: ['widgets'] });
      const event = events.find((e) => e.name === 'installation');
      if (!event) throw new Error('no installation event');
      const delivery = await toDelivery(event, 'secret', 7);
      expect(delivery.headers).toMatchObject({ 'x-github-event': 'installation', 'x-github-delivery': event.id, 'x-github-hook-installation-target-id': '7' });
      const signature = delivery.headers['x-hub-signature-256'] ?? '';
      expect(await verify('secret', delivery.body, signature)).toBe(true);
      expect(await verify('other', delivery.body, signature)).toBe(false);
    } finally {
      await emulator.close();
    }
  });
});
