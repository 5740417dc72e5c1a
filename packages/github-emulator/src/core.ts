/**
 * The state plus what every mutation needs: the presenter (for payloads) and the event sink.
 * HTTP routes and the admin methods both mutate through the operations that take a Core, so an
 * issue closed by a test and one closed through the API emit the same webhook.
 */
import type { Presenter, Urls } from './present.js';
import type { EmulatorState } from './state.js';
import type { EmulatorEvent } from './webhook-events.js';

export class Core implements Presenter {
  readonly state: EmulatorState;
  readonly urls: Urls;
  readonly #listeners = new Set<(event: EmulatorEvent) => void>();
  readonly events: EmulatorEvent[] = [];

  constructor(state: EmulatorState, urls: Urls) {
    this.state = state;
    this.urls = urls;
  }

  emit(event: EmulatorEvent): void {
    this.events.push(event);
    for (const listener of this.#listeners) listener(event);
  }

  onEvent(listener: (event: EmulatorEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
