/**
 * The caches the app keeps across converges: parses by blob sha (a converge of an unchanged
 * roadmap parses nothing) and blob texts bounded by bytes, least recently used dropped first.
 */
import { describe, expect, it } from 'vitest';
import { generateRoadmap } from '../bench/generate-roadmap.js';
import { DEFAULT_CONFIG, parseConfigValue } from '../src/core/config/config.js';
import { BlobCache } from '../src/shell/fetch-repo-files.js';
import { ParseCache } from '../src/core/roadmap/parse-cache.js';
import { parseRoadmap } from '../src/core/roadmap/parse.js';
import { applied, startSyncHarness, stopSyncHarness } from './helpers/sync-harness.js';

const TEXT = generateRoadmap(40);

describe('ParseCache', () => {
  it('parses a file once per sha, config and repository; the result equals an uncached parse', () => {
    const cache = new ParseCache();
    const file = { path: 'ROADMAP.md', text: TEXT, sha: 'a'.repeat(40) };
    const first = parseRoadmap([file], DEFAULT_CONFIG, { cache, repository: 'o/r' });
    const second = parseRoadmap([file], DEFAULT_CONFIG, { cache, repository: 'o/r' });
    expect([cache.misses, cache.hits]).toEqual([1, 1]);
    expect(second.items[0]?.children).toBe(first.items[0]?.children);
    expect(second).toEqual(parseRoadmap([{ path: 'ROADMAP.md', text: TEXT }], DEFAULT_CONFIG, { repository: 'o/r' }));

    parseRoadmap([file], parseConfigValue({ labels: { areaPrefix: 'area: ' } }), { cache, repository: 'o/r' });
    parseRoadmap([file], DEFAULT_CONFIG, { cache, repository: 'o/other' });
    parseRoadmap([{ ...file, sha: 'b'.repeat(40) }], DEFAULT_CONFIG, { cache, repository: 'o/r' });
    parseRoadmap([{ path: 'ROADMAP.md', text: TEXT }], DEFAULT_CONFIG, { cache, repository: 'o/r' }); // no sha: not cached
    expect([cache.misses, cache.hits]).toEqual([4, 1]);
  });

  it('hands out frozen parses: changing one throws instead of corrupting the next converge', () => {
    const cache = new ParseCache();
    const roadmap = parseRoadmap([{ path: 'ROADMAP.md', text: TEXT, sha: 'c'.repeat(40) }], DEFAULT_CONFIG, { cache });
    const withChildren = roadmap.items.find((i) => i.children.length > 0);
    expect(() => (withChildren?.children as string[]).push('x')).toThrow(TypeError);
  });

  it('keeps no more source than its bound', () => {
    const cache = new ParseCache(TEXT.length * 2);
    for (const sha of ['1', '2', '3', '1']) parseRoadmap([{ path: 'ROADMAP.md', text: TEXT, sha }], DEFAULT_CONFIG, { cache });
    // 1 and 2 fit; 3 drops 1; 1 is parsed again.
    expect([cache.misses, cache.hits]).toEqual([4, 0]);
  });
});

describe('BlobCache', () => {
  it('is bounded by bytes and drops the least recently used text first', () => {
    const blobs = new BlobCache(300); // 150 UTF-16 code units
    blobs.set('a', 'x'.repeat(50));
    blobs.set('b', 'y'.repeat(50));
    expect(blobs.get('a')).toBeDefined(); // a is now the most recently used
    blobs.set('c', 'z'.repeat(50));
    blobs.set('d', 'w'.repeat(50));
    expect([blobs.get('a') !== undefined, blobs.get('b') !== undefined, blobs.get('c') !== undefined, blobs.get('d') !== undefined]).toEqual([true, false, true, true]);
    expect(blobs.bytes).toBeLessThanOrEqual(300);
    blobs.set('huge', 'h'.repeat(1_000));
    expect(blobs.get('huge')).toBeUndefined();
  });
});

describe('a converge of an unchanged roadmap parses nothing', () => {
  it('second converge: a cache hit for the file, and the same (empty) plan as without the cache', async () => {
    const h = await startSyncHarness({ files: { 'ROADMAP.md': TEXT } });
    try {
      const parses = new ParseCache();
      expect(applied(await h.converge({ parses })).result?.errors).toEqual([]);
      const again = applied(await h.converge({ parses }));
      expect([parses.misses, parses.hits]).toEqual([1, 1]);
      expect(again.plan.ops).toEqual([]);
      expect(applied(await h.converge()).plan).toEqual(again.plan);
    } finally {
      await stopSyncHarness(h);
    }
  });
});
