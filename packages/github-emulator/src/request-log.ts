/** Every request the emulator answered, for request-count budgets in tests and benchmarks. */

export interface LoggedRequest {
  readonly method: string;
  /** "GET /repos/{owner}/{repo}/issues", or "GET <unmatched path>" when no route matched. */
  readonly route: string;
  readonly path: string;
  readonly status: number;
  /** A content-creating (non-GET) request. */
  readonly write: boolean;
  readonly notModified: boolean;
  /** Which fault, if any, answered it. */
  readonly fault: 'reset' | 'server-error' | 'secondary-limit' | 'conflict' | null;
  readonly durationMs: number;
  /** When the request arrived (Date.now()). */
  readonly at: number;
  /** Who made it, once authenticated: "installation:42", "app:1", "user:alice" or "anonymous". */
  readonly actor?: string;
}

export class RequestLog {
  readonly #entries: LoggedRequest[] = [];

  record(entry: LoggedRequest): void {
    this.#entries.push(entry);
  }

  entries(): readonly LoggedRequest[] {
    return this.#entries;
  }

  total(): number {
    return this.#entries.length;
  }

  /** Requests per route ("METHOD /template" → count). */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.#entries) out[e.route] = (out[e.route] ?? 0) + 1;
    return out;
  }

  count(route: string): number {
    return this.#entries.filter((e) => e.route === route).length;
  }

  writes(): LoggedRequest[] {
    return this.#entries.filter((e) => e.write);
  }

  notModified(): LoggedRequest[] {
    return this.#entries.filter((e) => e.notModified);
  }

  reset(): void {
    this.#entries.length = 0;
  }
}
