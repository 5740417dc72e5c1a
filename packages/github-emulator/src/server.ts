/**
 * The HTTP pipeline: transport faults → routing (with the spec check) → authentication → secondary
 * limits → body parsing and spec validation → latency → handler → GitHub's headers (rate limit,
 * ETag / 304, Link) → request log.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, type AuthOptions } from './auth.js';
import type { Core } from './core.js';
import type { Faults } from './faults.js';
import { DOCS, HttpError, notFound } from './http-error.js';
import type { LoggedRequest, RequestLog } from './request-log.js';
import { matchTemplate } from './route-template.js';
import type { AuthInfo, HttpMethod, RateWindow, RequestContext, RouteDef, RouteResult } from './router.js';
import type { SpecRoutes } from './spec-routes.js';
import { validateResponse, validateSchema, type OpenApiSubset } from './spec-validate.js';
import type { RepoState } from './state.js';

export type SpecViolationKind =
  | 'unknown-route'
  | 'unknown-query-parameter'
  | 'unknown-body-property'
  | 'invalid-body'
  | 'response-missing-property'
  | 'response-unknown-property'
  | 'response-type';

export interface SpecViolation {
  readonly kind: SpecViolationKind;
  /** "METHOD /template" when a route matched, else "METHOD /raw/path". */
  readonly route: string;
  readonly detail: string;
}

export interface ServerDeps {
  readonly core: Core;
  readonly routes: readonly RouteDef[];
  readonly spec: SpecRoutes;
  readonly subset: OpenApiSubset;
  readonly faults: Faults;
  readonly log: RequestLog;
  readonly auth: AuthOptions;
  readonly pathPrefixes: readonly string[];
  readonly strict: () => boolean;
  readonly validateResponses: () => boolean;
  readonly specViolations: SpecViolation[];
  /** Real GitHub routes the emulator does not implement, as requested. */
  readonly unimplemented: string[];
  /** Unexpected exceptions inside handlers (answered 500); tests assert this stays empty. */
  readonly internalErrors: Error[];
}

const PRIMARY_LIMIT = 5000;
const SECONDARY_DOCS = 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';
const MAX_BODY_BYTES = 100 * 1024 * 1024;

interface RateBucket {
  used: number;
  reset: number;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function requestId(): string {
  const hex = randomBytes(10).toString('hex').toUpperCase();
  return `${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 14)}:${hex.slice(14, 20)}`;
}

function rateKey(auth: AuthInfo): string {
  switch (auth.kind) {
    case 'none':
      return 'anonymous';
    case 'app':
      return `app:${auth.appId}`;
    case 'installation':
      return `installation:${auth.installation.id}`;
    case 'user':
      return `user:${auth.account.login}`;
  }
}

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const buckets = new Map<string, RateBucket>();

  const bucketFor = (key: string): RateBucket => {
    const now = Math.floor(Date.now() / 1000);
    let b = buckets.get(key);
    if (!b || b.reset <= now) {
      b = { used: 0, reset: now + 3600 };
      buckets.set(key, b);
    }
    return b;
  };

  const byMethod = new Map<string, RouteDef[]>();
  for (const r of deps.routes) {
    const list = byMethod.get(r.method) ?? [];
    list.push(r);
    byMethod.set(r.method, list);
  }

  const violation = (kind: SpecViolationKind, route: string, detail: string): void => {
    deps.specViolations.push({ kind, route, detail });
  };

  return (req, res) => {
    void handle(req, res).catch((err: unknown) => {
      deps.internalErrors.push(err instanceof Error ? err : new Error(String(err)));
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ message: 'Server Error', documentation_url: DOCS, status: '500' }));
      }
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const arrivedAt = deps.faults.emulatedNow();
    const method = (req.method ?? 'GET').toUpperCase();
    const host = req.headers.host ?? '127.0.0.1';
    const url = new URL(req.url ?? '/', `http://${host}`);
    const path = rawPathAfterPrefix(req.url ?? '/', deps.pathPrefixes);
    const write = method !== 'GET' && method !== 'HEAD';
    // Minting an installation token is not content creation; only token-authenticated writes are limited.
    const preMatch = write ? matchTemplate(byMethod.get(method) ?? [], path) : undefined;
    const limited = preMatch !== undefined && preMatch.entry.auth !== 'jwt';
    // A write is in flight from its first byte to its response, so overlapping client requests count as concurrent.
    if (limited) deps.faults.writeStarted();
    try {
      await handleCounted();
    } finally {
      if (limited) deps.faults.writeEnded();
    }

    async function handleCounted(): Promise<void> {
      const rawBody = await readBody(req);
      let routeName = `${method} ${path}`;
      let fault: LoggedRequest['fault'] = null;
      let actor: string | undefined;
      // A 304 to an authenticated request does not count against the primary limit.
      let refundRate: () => void = () => undefined;

      const finish = (status: number, notModified: boolean): void => {
        deps.log.record({ method, route: routeName, path, status, write, notModified, fault, durationMs: Date.now() - started, at: started, ...(actor ? { actor } : {}) });
      };

      const transport = deps.faults.rollTransport();
      if (transport.kind === 'reset') {
        fault = 'reset';
        finish(0, false);
        req.socket.destroy();
        return;
      }

      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'x-github-media-type': 'github.v3; format=json',
        'x-github-api-version-selected': '2022-11-28',
        'x-github-request-id': requestId(),
      };

      const send = (status: number, body: unknown, extra: Readonly<Record<string, string>> = {}): void => {
        const all: Record<string, string> = { ...headers, ...extra };
        if (status === 204 || body === undefined) {
          delete all['content-type'];
          res.writeHead(status, all);
          res.end();
          finish(status, false);
          return;
        }
        const payload = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body), 'utf8');
        if (method === 'GET' && status === 200) {
          const etag = `W/"${createHash('sha256').update(payload).digest('hex').slice(0, 40)}"`;
          all.etag = etag;
          const inm = req.headers['if-none-match'];
          const tags = (inm ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
          if (inm !== undefined && (tags.includes(etag.replace(/^W\//, '')) || tags.includes('*'))) {
            delete all['content-type'];
            refundRate();
            if (all['x-ratelimit-used'] !== undefined) {
              all['x-ratelimit-used'] = String(Number(all['x-ratelimit-used']) - 1);
              all['x-ratelimit-remaining'] = String(Number(all['x-ratelimit-remaining']) + 1);
            }
            res.writeHead(304, all);
            res.end();
            finish(304, true);
            return;
          }
        }
        all['content-length'] = String(payload.byteLength);
        res.writeHead(status, all);
        res.end(payload);
        finish(status, false);
      };

      const sendError = (err: HttpError): void => send(err.status, err.toBody(), err.headers);

      if (transport.kind === 'server-error') {
        fault = 'server-error';
        const message = transport.status === 502 ? 'Server Error' : 'Service Unavailable';
        send(transport.status, { message, documentation_url: DOCS, status: String(transport.status) });
        return;
      }

      try {
        const match = matchTemplate(byMethod.get(method) ?? [], path);
        if (!match) {
          const specRoute = deps.spec.match(method, path);
          if (specRoute) {
            routeName = `${method} ${specRoute.template}`;
            deps.unimplemented.push(routeName);
          } else if (deps.strict()) {
            violation('unknown-route', routeName, 'GitHub has no such REST route');
          }
          throw notFound();
        }
        const def = match.entry;
        routeName = `${def.method} ${def.template}`;
        const routeSpec = deps.subset.routes[routeName];

        const auth = authenticate(req.headers.authorization, deps.core.state, deps.auth);
        if (def.auth === 'jwt' && auth.kind !== 'app') {
          throw new HttpError(401, 'A JSON web token could not be decoded', { documentationUrl: DOCS });
        }
        if (def.auth === 'token' && auth.kind === 'none') {
          throw new HttpError(401, 'Requires authentication', { documentationUrl: DOCS });
        }
        if (def.auth === 'token' && auth.kind === 'app') {
          throw new HttpError(403, 'Resource not accessible by integration', { documentationUrl: DOCS });
        }

        actor = rateKey(auth);
        const bucket = bucketFor(actor);
        const rate = (): RateWindow => ({ limit: PRIMARY_LIMIT, used: bucket.used, remaining: PRIMARY_LIMIT - bucket.used, reset: bucket.reset });
        if (routeName !== 'GET /rate_limit') {
          bucket.used++;
          if (auth.kind !== 'none') {
            refundRate = () => {
              bucket.used--;
            };
          }
        }
        Object.assign(headers, {
          'x-ratelimit-limit': String(PRIMARY_LIMIT),
          'x-ratelimit-remaining': String(Math.max(0, PRIMARY_LIMIT - bucket.used)),
          'x-ratelimit-reset': String(bucket.reset),
          'x-ratelimit-used': String(bucket.used),
          'x-ratelimit-resource': 'core',
        });

        if (limited) {
          const decision = deps.faults.admitWrite(arrivedAt);
          if (decision.kind === 'secondary-limit') {
            fault = 'secondary-limit';
            throw new HttpError(
              403,
              `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${headers['x-github-request-id'] ?? ''}.`,
              { documentationUrl: SECONDARY_DOCS, headers: { 'retry-after': String(decision.retryAfterSeconds) } },
            );
          }
        }

        let body: unknown;
        if (rawBody.byteLength > 0) {
          try {
            body = JSON.parse(rawBody.toString('utf8'));
          } catch {
            throw new HttpError(400, 'Problems parsing JSON', { documentationUrl: DOCS });
          }
        }

        if (deps.strict() && routeSpec) {
          for (const name of url.searchParams.keys()) {
            if (!(name in routeSpec.query)) violation('unknown-query-parameter', routeName, name);
          }
          if (routeSpec.body && (body !== undefined || routeSpec.bodyRequired)) {
            const issues = validateSchema(routeSpec.body, body ?? {});
            for (const p of issues.unknown) violation('unknown-body-property', routeName, p);
            if (issues.errors.length > 0) {
              violation('invalid-body', routeName, issues.errors.join(' '));
              throw new HttpError(422, `Invalid request.\n\n${issues.errors.join('\n')}`, { documentationUrl: DOCS });
            }
          } else if (!routeSpec.body && body !== undefined && method !== 'GET') {
            violation('unknown-body-property', routeName, 'the spec defines no request body for this route');
          }
        }

        if (deps.faults.latencyMs > 0) await sleep(deps.faults.latencyMs);
        const stallMs = deps.faults.takeStall(write, `${method} ${path}`);
        if (stallMs > 0) await sleep(stallMs);

        const ctx = makeContext(deps, {
          method: def.method,
          route: routeName,
          params: match.params,
          query: url.searchParams,
          body,
          auth,
          url,
          accept: req.headers.accept ?? '',
          rate,
          onForcedConflict: () => {
            fault = 'conflict';
          },
        });
        let result: RouteResult;
        try {
          result = def.handle(ctx);
        } catch (err) {
          if (err instanceof HttpError) throw err;
          deps.internalErrors.push(err instanceof Error ? err : new Error(String(err)));
          throw new HttpError(500, 'Server Error');
        }
        if (deps.validateResponses() && routeSpec && result.body !== undefined && !Buffer.isBuffer(result.body)) {
          const schema = routeSpec.responses[String(result.status)];
          if (schema) {
            const r = validateResponse(schema, JSON.parse(JSON.stringify(result.body)));
            for (const m of r.missing) violation('response-missing-property', routeName, m);
            for (const u of r.unknown) violation('response-unknown-property', routeName, u);
            for (const t of r.typeErrors) violation('response-type', routeName, t);
          }
        }
        send(result.status, result.body, result.headers ?? {});
      } catch (err) {
        if (err instanceof HttpError) sendError(err);
        else throw err;
      }
    }
  }
}

/** The still-encoded request path with the API prefix removed (params decode after matching). */
function rawPathAfterPrefix(rawUrl: string, prefixes: readonly string[]): string {
  let p = rawUrl.split('?')[0] ?? '/';
  for (const prefix of prefixes) {
    if (prefix && (p === prefix || p.startsWith(`${prefix}/`))) {
      p = p.slice(prefix.length) || '/';
      break;
    }
  }
  return p;
}

interface ContextInput {
  readonly method: HttpMethod;
  readonly route: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly auth: AuthInfo;
  readonly url: URL;
  readonly accept: string;
  readonly rate: () => RateWindow;
  readonly onForcedConflict: () => void;
}

function makeContext(deps: ServerDeps, input: ContextInput): RequestContext {
  const { core } = deps;
  return {
    core,
    method: input.method,
    route: input.route,
    params: input.params,
    query: input.query,
    body: input.body,
    auth: input.auth,
    url: input.url,
    accept: input.accept,
    rate: input.rate,
    repo(): RepoState {
      const repo = core.state.repo(input.params.owner ?? '', input.params.repo ?? '');
      if (!repo) throw notFound();
      const auth = input.auth;
      if (auth.kind === 'installation' && !auth.installation.repos.has(repo)) throw notFound();
      if (auth.kind === 'user' && !auth.registered && !core.state.installationFor(repo)) throw notFound();
      if (auth.kind === 'none' && repo.private) throw notFound();
      return repo;
    },
    actor() {
      const auth = input.auth;
      if (auth.kind === 'installation') return core.state.app.bot;
      if (auth.kind === 'user') return auth.account;
      return core.state.app.bot;
    },
    viaApp() {
      return input.auth.kind === 'installation';
    },
    forceConflict(key: string): boolean {
      const forced = deps.faults.forceConflict(key);
      if (forced) input.onForcedConflict();
      return forced;
    },
  };
}
