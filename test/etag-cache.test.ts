import { Octokit } from '@octokit/core';
import { describe, expect, it } from 'vitest';
import { EtagCache } from '../src/shell/etag-cache.js';

/** An Octokit whose fetch answers like GitHub: an ETag per path, 304 when If-None-Match matches it. */
function client(cache: EtagCache): { octokit: Octokit; sent: Array<{ path: string; conditional: boolean }> } {
  const sent: Array<{ path: string; conditional: boolean }> = [];
  const fetch = async (url: string | URL, init?: RequestInit): Promise<Response> => {
    const path = new URL(url).pathname;
    const headers = new Headers(init?.headers);
    const etag = `"${path}"`;
    sent.push({ path, conditional: headers.has('if-none-match') });
    if (headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag } });
    return new Response(JSON.stringify({ path }), { status: 200, headers: { etag, 'content-type': 'application/json' } });
  };
  const octokit = new Octokit({ request: { fetch } });
  cache.install(octokit);
  return { octokit, sent };
}

describe('EtagCache', () => {
  it('answers a 304 with the remembered response', async () => {
    const cache = new EtagCache();
    const { octokit, sent } = client(cache);
    const first = await octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
    const second = await octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
    expect(second.data).toEqual(first.data);
    expect(second.status).toBe(200);
    expect(sent.map((s) => s.conditional)).toEqual([false, true]);
    expect(cache.stats).toEqual({ hits: 1, misses: 1 });
  });

  it('keeps at most maxEntries responses, evicting the least recently used', async () => {
    const cache = new EtagCache(2);
    const { octokit, sent } = client(cache);
    const get = (repo: string) => octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo });
    await get('a');
    await get('b');
    await get('a'); // a 304: "a" is now the most recently used
    await get('c'); // evicts "b"
    sent.length = 0;
    await get('a');
    await get('b');
    expect(sent).toEqual([
      { path: '/repos/o/a', conditional: true },
      { path: '/repos/o/b', conditional: false },
    ]);
  });
});
