/**
 * Derives src/openapi-subset.json: for each route the emulator serves, the query
 * parameters, the request body schema and the success response schemas from GitHub's official
 * OpenAPI description (@octokit/openapi, generated/api.github.com.json), with $refs resolved,
 * stripped of prose and cut at a fixed depth so the committed file stays small.
 *
 *   npx tsx scripts/derive-openapi-subset.ts [path/to/api.github.com.json]
 *
 * Without a path it runs `npm pack @octokit/openapi@latest` in a temp dir and extracts only that
 * file (the package is hundreds of MB unpacked; it is never a dependency). The referenced file is
 * used rather than api.github.com.deref.json because the dereferenced one turns some `anyOf`s
 * (an installation's account: user or enterprise) into `allOf`s, which no real response satisfies.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { servedRoutes } from '../src/routes/index.js';

const KEEP = new Set(['type', 'properties', 'required', 'items', 'enum', 'oneOf', 'anyOf', 'allOf', 'nullable', 'additionalProperties']);
const RESPONSE_DEPTH = 4;
const BODY_DEPTH = 8;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

let root: Record<string, unknown> = {};

/** Follows local references (`#/components/schemas/issue`, `#/components/parameters/per-page`, …). */
function deref(value: unknown): unknown {
  let current = value;
  for (let hops = 0; hops < 20 && isObject(current) && typeof current.$ref === 'string'; hops++) {
    let target: unknown = root;
    for (const part of current.$ref.replace(/^#\//, '').split('/')) target = isObject(target) ? target[part] : undefined;
    current = target;
  }
  return current;
}

/**
 * Some inline route schemas say an installation's account is `allOf: [Simple User, Enterprise]`,
 * which nothing satisfies; components.schemas.installation says `anyOf`, which is what GitHub sends.
 */
function alternativeKey(key: 'oneOf' | 'anyOf' | 'allOf', members: readonly unknown[]): 'oneOf' | 'anyOf' | 'allOf' {
  if (key !== 'allOf') return key;
  const titles = members.map((m) => {
    const d = deref(m);
    return isObject(d) && typeof d.title === 'string' ? d.title : '';
  });
  return titles.includes('Simple User') && titles.includes('Enterprise') ? 'anyOf' : key;
}

/** Keeps only validation keywords; below maxDepth an object/array schema becomes "anything". */
function strip(raw: unknown, depth: number, maxDepth: number): Json {
  const schema = deref(raw);
  if (!isObject(schema)) return {};
  if (depth > maxDepth) return {};
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!KEEP.has(key)) continue;
    if (key === 'properties' && isObject(value)) {
      const props: { [key: string]: Json } = {};
      for (const [name, sub] of Object.entries(value)) props[name] = strip(sub, depth + 1, maxDepth);
      out.properties = props;
    } else if (key === 'items') {
      out.items = strip(value, depth + 1, maxDepth);
    } else if ((key === 'oneOf' || key === 'anyOf' || key === 'allOf') && Array.isArray(value)) {
      out[alternativeKey(key, value)] = value.map((v) => strip(v, depth, maxDepth));
    } else if (key === 'additionalProperties') {
      out.additionalProperties = typeof value === 'boolean' ? value : strip(value, depth + 1, maxDepth);
    } else if (key === 'enum' && Array.isArray(value)) {
      out.enum = value.filter((v): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v));
    } else if (key === 'required' && Array.isArray(value)) {
      out.required = value.filter((v): v is string => typeof v === 'string');
    } else if (key === 'type' && (typeof value === 'string' || Array.isArray(value))) {
      out.type = typeof value === 'string' ? value : value.filter((v): v is string => typeof v === 'string');
    } else if (key === 'nullable' && typeof value === 'boolean') {
      out.nullable = value;
    }
  }
  return out;
}

function findSpecFile(): { file: string; version: string; cleanup: () => void } {
  const arg = process.argv[2];
  if (arg) return { file: arg, version: 'local file', cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'octokit-openapi-'));
  execFileSync('npm', ['pack', '@octokit/openapi@latest', '--silent'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('npm pack produced no tarball');
  execFileSync('tar', ['xzf', tgz, 'package/generated/api.github.com.json', 'package/package.json'], { cwd: dir });
  const pkg: unknown = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8'));
  const version = isObject(pkg) && typeof pkg.version === 'string' ? pkg.version : 'unknown';
  return {
    file: join(dir, 'package', 'generated', 'api.github.com.json'),
    version: `@octokit/openapi@${version}`,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function main(): void {
  const { file, version, cleanup } = findSpecFile();
  try {
    const spec: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isObject(spec) || !isObject(spec.paths)) throw new Error(`${file} is not an OpenAPI description`);
    root = spec;
    const routes: { [key: string]: Json } = {};
    const missing: string[] = [];
    for (const served of [...servedRoutes()].sort()) {
      const [method = '', path = ''] = served.split(' ');
      const item = spec.paths[path];
      const op = isObject(item) ? item[method.toLowerCase()] : undefined;
      if (!isObject(op)) {
        missing.push(served);
        continue;
      }
      const query: { [key: string]: Json } = {};
      for (const raw of Array.isArray(op.parameters) ? op.parameters : []) {
        const p = deref(raw);
        if (isObject(p) && p.in === 'query' && typeof p.name === 'string') query[p.name] = strip(p.schema, 0, 2);
      }
      const entry: { [key: string]: Json } = { query };
      const requestBody = deref(op.requestBody);
      const body = isObject(requestBody) ? requestBody : undefined;
      const content = body && isObject(body.content) ? body.content['application/json'] : undefined;
      if (isObject(content)) {
        entry.body = strip(content.schema, 0, BODY_DEPTH);
        entry.bodyRequired = body?.required === true;
      }
      const responses: { [key: string]: Json } = {};
      for (const [status, rawRes] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        const res = deref(rawRes);
        if (!/^2\d\d$/.test(status) || !isObject(res) || !isObject(res.content)) continue;
        const json = res.content['application/json'];
        if (isObject(json)) responses[status] = strip(json.schema, 0, RESPONSE_DEPTH);
      }
      entry.responses = responses;
      routes[served] = entry;
    }
    if (missing.length > 0) throw new Error(`served routes missing from the spec:\n${missing.join('\n')}`);
    const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'openapi-subset.json');
    writeFileSync(out, `${JSON.stringify({ source: `${version} generated/api.github.com.json`, responseDepth: RESPONSE_DEPTH, routes })}\n`);
    console.log(`wrote ${out}: ${Object.keys(routes).length} routes from ${version}`);
  } finally {
    cleanup();
  }
}

main();
