/** The shape of a route handler and the helpers every route module shares. */
import type { z } from 'zod';
import type { Core } from './core.js';
import { HttpError } from './http-error.js';
import { compileTemplate, type CompiledTemplate } from './route-template.js';
import type { Account, InstallationState, RepoState } from './state.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type AuthInfo =
  | { readonly kind: 'none' }
  | { readonly kind: 'app'; readonly appId: number }
  | { readonly kind: 'installation'; readonly installation: InstallationState; readonly token: string }
  | { readonly kind: 'user'; readonly account: Account; readonly registered: boolean; readonly token: string };

export interface RequestContext {
  readonly core: Core;
  readonly method: HttpMethod;
  readonly route: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly auth: AuthInfo;
  /** The full request URL as the client sent it (prefix included), for Link headers. */
  readonly url: URL;
  /** The Accept header (media type negotiation, e.g. raw contents). */
  readonly accept: string;
  /** The owner/repo from the path, access-checked; throws 404 like GitHub when absent or not visible. */
  repo(): RepoState;
  /** Who a write is attributed to: the app's bot for installation tokens, else the user. */
  actor(): Account;
  viaApp(): boolean;
  /** The caller's primary rate limit window (for GET /rate_limit). */
  rate(): RateWindow;
  /** Fault hook: true when this logical commit should be answered with a forced 409 first. */
  forceConflict(key: string): boolean;
}

export interface RateWindow {
  readonly limit: number;
  readonly used: number;
  readonly remaining: number;
  /** Epoch seconds. */
  readonly reset: number;
}

export interface RouteResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type AuthRequirement = 'token' | 'jwt' | 'optional';

export interface RouteDef {
  readonly method: HttpMethod;
  readonly template: string;
  readonly compiled: CompiledTemplate;
  readonly auth: AuthRequirement;
  readonly handle: (ctx: RequestContext) => RouteResult;
}

export function route(
  method: HttpMethod,
  template: string,
  handle: (ctx: RequestContext) => RouteResult,
  auth: AuthRequirement = 'token',
): RouteDef {
  return { method, template, compiled: compileTemplate(template), auth, handle };
}

export function ok(body: unknown, status = 200, headers?: Record<string, string>): RouteResult {
  return headers ? { status, body, headers } : { status, body };
}

export function noContent(): RouteResult {
  return { status: 204 };
}

/**
 * Parses a body (already checked against the spec's schema) into the handler's type. A failure
 * here means a constraint the spec does not express; GitHub answers those with 422.
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const where = first ? `/${first.path.join('/')}` : '';
  throw new HttpError(422, `Invalid request.\n\nInvalid property ${where}: ${first?.message ?? 'invalid'}.`, {
    documentationUrl: 'https://docs.github.com/rest',
  });
}

/** A numeric path parameter; GitHub answers a non-number with 404. */
export function intParam(value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new HttpError(404, 'Not Found');
  return n;
}

export const PER_PAGE_DEFAULT = 30;
export const PER_PAGE_MAX = 100;

/** One page of a list, with GitHub's Link header (prev, next, last, first). */
export function paginate<T>(ctx: RequestContext, items: readonly T[], render: (item: T) => unknown): RouteResult {
  const perPageRaw = Number.parseInt(ctx.query.get('per_page') ?? '', 10);
  const perPage = Number.isNaN(perPageRaw) || perPageRaw < 1 ? PER_PAGE_DEFAULT : Math.min(perPageRaw, PER_PAGE_MAX);
  const pageRaw = Number.parseInt(ctx.query.get('page') ?? '', 10);
  const page = Number.isNaN(pageRaw) || pageRaw < 1 ? 1 : pageRaw;
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (n: number): string => {
    const u = new URL(ctx.url.href);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(n));
    return u.href;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`<${link(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${link(1)}>; rel="first"`);
  return { status: 200, body: slice.map(render), headers: rels.length > 0 ? { link: rels.join(', ') } : {} };
}

export function sortAndFilterSince<T extends { readonly createdAt: string; readonly updatedAt: string }>(
  items: readonly T[],
  query: URLSearchParams,
  extraSorts: Readonly<Record<string, (a: T, b: T) => number>> = {},
): T[] {
  const since = query.get('since');
  const sinceMs = since ? Date.parse(since) : Number.NaN;
  const filtered = Number.isNaN(sinceMs) ? [...items] : items.filter((i) => Date.parse(i.updatedAt) >= sinceMs);
  const sort = query.get('sort') ?? 'created';
  const direction = query.get('direction') ?? 'desc';
  const byTime = (key: 'createdAt' | 'updatedAt') => (a: T, b: T) => Date.parse(a[key]) - Date.parse(b[key]);
  const cmp = extraSorts[sort] ?? (sort === 'updated' ? byTime('updatedAt') : byTime('createdAt'));
  // Stable tie-break on insertion order keeps pagination deterministic.
  const indexed = filtered.map((item, index) => ({ item, index }));
  indexed.sort((a, b) => cmp(a.item, b.item) || a.index - b.index);
  if (direction !== 'asc') indexed.reverse();
  return indexed.map((x) => x.item);
}
