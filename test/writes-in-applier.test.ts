/**
 * The architecture's rule "exactly one module writes to GitHub", checked over the source: every
 * mutating request (POST, PATCH, PUT, DELETE) and every use of the write queue is in the applier.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '..', 'src');
const APPLIER = 'shell/apply-ops.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** `request('POST /…'`, `request(\`PATCH …`, octokit.rest.x.create…(…), `.write(() =>` on a queue. */
const MUTATING_REQUEST = /\.request\(\s*['"`](?:POST|PATCH|PUT|DELETE)\s/g;
const REST_METHOD = /\.rest\.\w+\.(?:create|update|delete|remove|add|set|merge|lock|unlock)\w*\(/g;
const QUEUE_WRITE = /\bqueue\.write\(/g;

function offenders(pattern: RegExp): string[] {
  return sourceFiles(SRC).flatMap((file) => {
    const rel = path.relative(SRC, file).split(path.sep).join('/');
    if (rel === APPLIER) return [];
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(pattern)].map((m) => `${rel}:${text.slice(0, m.index).split('\n').length}`);
  });
}

describe('every write goes through the applier', () => {
  it('no mutating request outside src/shell/apply-ops.ts', () => {
    expect(offenders(MUTATING_REQUEST)).toEqual([]);
    expect(offenders(REST_METHOD)).toEqual([]);
  });

  it('no use of the write queue outside src/shell/apply-ops.ts', () => {
    expect(offenders(QUEUE_WRITE)).toEqual([]);
  });

  it('the applier itself sends each kind of mutating request (the check would notice a rename)', () => {
    const applier = readFileSync(path.join(SRC, APPLIER), 'utf8');
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) expect(applier).toMatch(new RegExp(`\\.request\\('${method} /`));
  });
});
