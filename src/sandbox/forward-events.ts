/**
 * GitHub's side of the webhook: every event the emulator emits (people's actions and the app's own
 * writes alike) is POSTed to the app, signed with the secret, as GitHub delivers to an App.
 */
import { deliverEvent, type Emulator, type EmulatorEvent } from '@roadmap-sync/github-emulator';
import type { RoadmapSyncApp } from '../app/roadmap-sync-app.js';

export interface EventForwarder {
  /** Deliveries made and those the app did not accept (status ≥ 300 or a network error). */
  readonly stats: { delivered: number; failed: Array<{ event: string; status: number | string }> };
  /**
   * Resolves when every delivery is answered and the app has no background work, repeatedly
   * (work makes writes, writes make events, events make deliveries).
   */
  settle(timeoutMs?: number): Promise<void>;
  stop(): void;
}

export function forwardEvents(
  emulator: Emulator,
  app: Pick<RoadmapSyncApp, 'busy' | 'onIdle'>,
  target: { url: string; secret: string; appId: number },
): EventForwarder {
  const inflight = new Set<Promise<void>>();
  const stats: EventForwarder['stats'] = { delivered: 0, failed: [] };

  const deliver = (event: EmulatorEvent): void => {
    const promise = deliverEvent(event, target)
      .then(
        (status) => {
          stats.delivered += 1;
          if (status >= 300) stats.failed.push({ event: event.name, status });
        },
        (error: unknown) => {
          stats.failed.push({ event: event.name, status: error instanceof Error ? error.message : String(error) });
        },
      )
      .finally(() => inflight.delete(promise));
    inflight.add(promise);
  };
  const unsubscribe = emulator.onEvent(deliver);

  return {
    stats,
    async settle(timeoutMs = 60_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the app did not settle within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
      });
      const drain = async (): Promise<void> => {
        while (inflight.size > 0 || app.busy) {
          await Promise.all([...inflight]);
          await app.onIdle();
        }
      };
      try {
        await Promise.race([drain(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    stop: unsubscribe,
  };
}
