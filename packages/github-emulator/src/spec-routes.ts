/**
 * The table of real GitHub REST routes ("GET /repos/{owner}/{repo}/issues"), taken from
 * @octokit/plugin-rest-endpoint-methods' generated endpoint list, which is generated from GitHub's
 * OpenAPI description. The package's `exports` hides the file, so it is located through the
 * package's entry point and imported by URL.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileTemplate, matchTemplate, type CompiledTemplate } from './route-template.js';

export interface SpecRoute {
  readonly method: string;
  readonly template: string;
  readonly compiled: CompiledTemplate;
}

export interface SpecRoutes {
  /** Every route as "METHOD /path/{param}", sorted. */
  readonly all: readonly string[];
  has(route: string): boolean;
  /** The spec route a concrete request path falls under, if any. */
  match(method: string, rawPath: string): SpecRoute | undefined;
}

export function flattenEndpoints(endpoints: unknown): string[] {
  const out = new Set<string>();
  if (typeof endpoints !== 'object' || endpoints === null) return [];
  for (const scope of Object.values(endpoints)) {
    if (typeof scope !== 'object' || scope === null) continue;
    for (const def of Object.values(scope)) {
      const route: unknown = Array.isArray(def) ? def[0] : undefined;
      if (typeof route === 'string' && /^(GET|POST|PUT|PATCH|DELETE|HEAD) \//.test(route)) out.add(route);
    }
  }
  return [...out].sort();
}

let cached: Promise<SpecRoutes> | undefined;

export function loadSpecRoutes(): Promise<SpecRoutes> {
  cached ??= (async () => {
    const require = createRequire(import.meta.url);
    const pluginEntry = require.resolve('@octokit/plugin-rest-endpoint-methods');
    const file = join(dirname(pluginEntry), 'generated', 'endpoints.js');
    const mod: unknown = await import(pathToFileURL(file).href);
    const endpoints = typeof mod === 'object' && mod !== null && 'default' in mod ? mod.default : undefined;
    return buildSpecRoutes(flattenEndpoints(endpoints));
  })();
  return cached;
}

export function buildSpecRoutes(all: readonly string[]): SpecRoutes {
  const set = new Set(all);
  const byMethod = new Map<string, SpecRoute[]>();
  for (const route of all) {
    const space = route.indexOf(' ');
    const method = route.slice(0, space);
    const template = route.slice(space + 1);
    const list = byMethod.get(method) ?? [];
    list.push({ method, template, compiled: compileTemplate(template) });
    byMethod.set(method, list);
  }
  return {
    all,
    has: (route) => set.has(route),
    match: (method, rawPath) => matchTemplate(byMethod.get(method.toUpperCase()) ?? [], rawPath)?.entry,
  };
}
