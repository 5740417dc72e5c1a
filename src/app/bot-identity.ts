import type { Logger } from '../shell/client.js';
import { describeRequestFailure } from './describe-startup-failure.js';

const RETRY_MS = 60_000;

/**
 * The app's bot account (`<slug>[bot]`), read once with GET /app, so that the app's own issue
 * edits and commits are recognised from the webhook alone, with no request per event.
 */
export class BotIdentity {
  private login: string | null = null;
  private lastAttempt = -Infinity;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly fetchSlug: () => Promise<string>,
    private readonly log: Logger,
  ) {}

  /** Loads the login; failures are logged and retried on a later event. */
  load(): Promise<void> {
    if (this.login !== null) return Promise.resolve();
    if (this.loading) return this.loading;
    this.lastAttempt = Date.now();
    this.loading = this.fetchSlug()
      .then((slug) => {
        this.login = `${slug}[bot]`;
      })
      .catch((error: unknown) => {
        this.log.warn(`could not read the app's identity (GET /app, retried on a later event): ${describeRequestFailure(error)}`);
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  get botLogin(): string | null {
    if (this.login === null && Date.now() - this.lastAttempt > RETRY_MS) void this.load();
    return this.login;
  }

  isSelf(sender: { login?: string } | null | undefined): boolean {
    const login = this.botLogin;
    return login !== null && sender?.login?.toLowerCase() === login.toLowerCase();
  }
}
